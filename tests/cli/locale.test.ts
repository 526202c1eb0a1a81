import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

/**
 * What a command says is the same on every machine: Node's ICU takes its
 * default locale from `LC_ALL`/`LANG` (installed or not), and Swedish and
 * Danish order `ä` and `aa` after `z`, where English puts them with `a`.
 */
const LOCALES = ['en_US.UTF-8', 'sv_SE.UTF-8', 'da_DK.UTF-8'];

function inEveryLocale(argv: string[], root: string) {
  return LOCALES.map((locale) => spawnCli(argv, { cwd: root, env: { LANG: locale, LC_ALL: locale } }));
}

test('lint lists the other files of a duplicate issue number in file order, whatever the machine\'s locale', () => {
  const issue = cleanIssue({ status: 'ready' });
  const root = makeRoot({ 'issues/0001-aaberg.md': issue, 'issues/0001-zeta.md': issue, 'issues/0001-ärger.md': issue });
  const runs = inEveryLocale(['lint', '--no-cache'], root);
  for (const run of runs) {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, runs[0]!.stdout);
  }
  assert.match(runs[0]!.stdout, /^issues\/0001-aaberg\.md:2:9 .* also used by 0001-zeta\.md, 0001-ärger\.md; /m);
});

test('build lists the files of its lint errors in the order lint lists them, whatever the machine\'s locale', () => {
  const withPlaceholder = (number: number) => cleanIssue({ number, status: 'ready', body: 'Welcome. TODO: say more.' });
  const root = makeRoot({ 'issues/zeta.md': withPlaceholder(1), 'issues/ärger.md': withPlaceholder(2) });
  const runs = inEveryLocale(['build', '--no-cache'], root);
  for (const run of runs) {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, runs[0]!.stderr);
  }
  const stderr = runs[0]!.stderr;
  assert.ok(stderr.indexOf('issues/zeta.md:') < stderr.indexOf('issues/ärger.md:'), stderr);
});
