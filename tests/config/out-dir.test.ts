import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, configWith, makeRoot } from '../helpers/fixture.js';

const ISSUE = 'issues/0001-a.md';
const OWN_FILES = { [ISSUE]: cleanIssue({ number: 1 }), 'templates/email.hbs.keep': 'mine', '.paperboy/paperboy.db': 'the subscribers' };

/** The config's text line:column of `needle`'s first character: where a refusal must point. */
function placeOf(yaml: string, needle: string): string {
  const lines = yaml.slice(0, yaml.indexOf(needle)).split('\n');
  return `${lines.length}:${lines.at(-1)!.length + 1}`;
}

test('config: an outDir that is, holds or lies inside the newsletter\'s own folders (root, issuesDir, templatesDir, dataDir) is refused at its key\'s line:column (exit 2), nothing deleted', () => {
  const cases = [
    ['outDir: issues', 'outDir', 'issues', /it is the issues folder \(`issuesDir`\)/],
    ['outDir: .', 'outDir', '.', /it is the newsletter's own folder/],
    ['outDir: ..', 'outDir', '..', /it holds the newsletter's own folder/],
    ['outDir: .paperboy', 'outDir', '.paperboy', /it is paperboy's data folder \(`dataDir`/],
    ['outDir: templates', 'outDir', 'templates', /it is the templates folder \(`templatesDir`\)/],
    ['outDir: issues/site', 'outDir', 'issues/site', /it is inside the issues folder/],
    ['dataDir: dist/data', 'dataDir', 'dist/data', /it holds paperboy's data folder/],
    ['outDir: static', 'outDir', 'static', /it is the site's own files \(`staticDir`\)/],
  ] as const;
  for (const [line, key, value, why] of cases) {
    const yaml = configWith(line);
    const root = makeRoot(OWN_FILES, yaml);
    for (const argv of [['build'], ['lint']]) {
      const result = spawnCli([...argv, '--root', root], { cwd: root });
      const said = `${line} (${argv[0]}): ${result.stderr}`;
      assert.equal(result.code, 2, said);
      const at = placeOf(yaml, `${key}: ${value}`).replace(/:(\d+)$/, (_, column: string) => `:${Number(column) + key.length + 2}`);
      assert.match(result.stderr, new RegExp(`^paperboy: \\S+paperboy\\.config\\.yaml:${at}: Unexpected value for \`${key}\`: the build folder \`outDir\``, 'm'), said);
      assert.match(result.stderr, why, said);
      assert.doesNotMatch(result.stderr, /remove the folder|Pass --out/, said);
    }
    assert.equal(existsSync(join(root, ISSUE)), true, `${line}: the issue is kept`);
    assert.equal(readFileSync(join(root, '.paperboy/paperboy.db'), 'utf8'), 'the subscribers', `${line}: the database is kept`);
  }
});

test('build --out naming the newsletter\'s own folders is refused (exit 2) before anything is written, nothing deleted', () => {
  const root = makeRoot(OWN_FILES);
  for (const [out, why] of [['issues', /it is the issues folder/], ['.', /it is the newsletter's own folder/], ['.paperboy', /it is paperboy's data folder/], ['templates', /it is the templates folder/]] as const) {
    const result = spawnCli(['build', '--out', out, '--root', root], { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^paperboy: Unexpected --out ${out.replace('.', '\\.')}: `, 'm'), result.stderr);
    assert.match(result.stderr, why);
    assert.doesNotMatch(result.stderr, /remove the folder/);
  }
  assert.equal(existsSync(join(root, ISSUE)), true);
  assert.equal(readFileSync(join(root, '.paperboy/paperboy.db'), 'utf8'), 'the subscribers');
});

test('build: refusing to replace a folder of other files from the config\'s outDir names `outDir`, not --out, and never says to remove the folder', () => {
  const root = makeRoot({ [ISSUE]: cleanIssue({ number: 1 }), 'notes/keep.txt': 'mine' }, configWith('outDir: notes'));
  const result = spawnCli(['build', '--root', root], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /Refusing to replace \S+notes: it holds files that no paperboy build wrote/);
  assert.match(result.stderr, /Set `outDir` in paperboy\.config\.yaml to an empty or new folder/);
  assert.doesNotMatch(result.stderr, /--out|remove the folder/);
  const flag = spawnCli(['build', '--out', 'notes', '--root', root], { cwd: root });
  assert.match(flag.stderr, /Pass --out with an empty or new folder/);
  assert.doesNotMatch(flag.stderr, /remove the folder/);
  assert.equal(readFileSync(join(root, 'notes/keep.txt'), 'utf8'), 'mine');
});
