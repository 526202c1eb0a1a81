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
