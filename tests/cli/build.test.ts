import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, spawnCli } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';

const MISSPELT = `${CONFIG_YAML}lint:\n  rules:\n    sumary-max-words: warn\n`;

test('build and serve refuse a misspelt lint rule, as lint does (exit 2 at its file:line:column), and build writes nothing', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, MISSPELT);
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 2, build.stdout);
  assert.match(build.stderr, /paperboy\.config\.yaml:7:5: Unexpected rule `sumary-max-words` in `lint\.rules`, expected `summary-max-words`/);
  assert.ok(!existsSync(join(root, 'dist')), 'nothing built');
  const serve = spawnCli(['serve', '--port', '0'], { cwd: root, env: { PAPERBOY_SECRET: 'a'.repeat(64) } });
  assert.equal(serve.code, 2);
  assert.match(serve.stderr, /Unexpected rule `sumary-max-words`/);
});

test('build refuses a lint rule\'s options that lint would refuse', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, `${CONFIG_YAML}lint:\n  rules:\n    summary-max-words: [warn, -3]\n`);
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 2);
  assert.match(build.stderr, /Unexpected number `-3` for the options of `lint\.rules\.summary-max-words`/);
});

test('build and lint: an issue saved under a name paperboy does not read (`.MD`, `.markdown`, or in a folder of the issues folder) is said on stderr with the name to give it, not left out of the site without a word', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.MD': cleanIssue({ number: 2 }),
    'issues/0003-c.markdown': cleanIssue({ number: 3 }),
    'issues/2024/0004-d.md': cleanIssue({ number: 4 }),
    'issues/.0005-e.md.swp': 'swap',
    'issues/notes.txt': 'not an issue',
  });
  const expected = [
    'paperboy: issues/0002-b.MD: not read as an issue (an issue file\'s name ends in `.md`, in lower case): rename it to `0002-b.md`.',
    'paperboy: issues/0003-c.markdown: not read as an issue (an issue file\'s name ends in `.md`, in lower case): rename it to `0003-c.md`.',
    'paperboy: issues/2024: a folder of a Markdown file, which paperboy does not read (only the files directly in the issues folder are issues): move it up into the issues folder.',
  ];
  for (const command of [['build'], ['build'], ['lint']]) {
    const result = await runCli(command, { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stderr.split('\n').filter((line) => line.startsWith('paperboy: issues/')), expected, command.join(' '));
  }
  // Linting files named on the command line says nothing of the others.
  assert.doesNotMatch((await runCli(['lint', 'issues/0001-a.md'], { cwd: root })).stderr, /not read/);
});
