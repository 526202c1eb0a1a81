import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, configErrorOf, makeRoot } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';
const configError = (yaml: string) => configErrorOf(yaml, FILE);

test('a config number YAML reads as infinity or not a number (`rate: 1e400`, `.inf`, `.nan`) is said so, not "Unexpected number, expected a number"', () => {
  assert.equal(
    configError(`${CONFIG_YAML}send: { rate: 1e400 }\n`).message,
    `${FILE}:5:15: Unexpected number \`1e400\` for \`send.rate\`, which YAML reads as infinity (\`.inf\`), expected a finite number`,
  );
  assert.match(configError(`${CONFIG_YAML}send: { rate: .nan }\n`).message, /:5:15: Unexpected number `\.nan` for `send\.rate`, which YAML reads as not a number \(`\.nan`\), expected a finite number$/);
  assert.match(configError(`${CONFIG_YAML}email: { maxAuthors: -.inf }\n`).message, /Unexpected number `-\.inf` for `email\.maxAuthors`, which YAML reads as minus infinity/);
});

/** `paperboy lint` in `root` as a real process, stopped after 20 s: a command that waits for ever is seen to, not left to hang the test run. */
function lintIn(root: string) {
  const run = spawnSync(process.execPath, [BIN, 'lint'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
  return { code: run.status, signal: run.signal, stderr: run.stderr };
}

test('a config that is a named pipe (FIFO) is refused at once, naming it, exit 2, not waited on for ever', () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const file = join(root, 'paperboy.config.yaml');
  rmSync(file);
  execFileSync('mkfifo', [file]);
  const run = lintIn(root);
  assert.equal(run.signal, null, 'lint waited for a writer to the pipe');
  assert.equal(run.code, 2);
  assert.equal(run.stderr.split('\n')[0], `paperboy: Cannot read ${file}: a named pipe (FIFO), not a regular file`);
  assert.match(run.stderr, /Save the config as a regular file in its place/);
  assert.doesNotMatch(run.stderr, /\bat \S+ \(/);
});

test('a config file over 1 MB (a value pasted by mistake) is refused before it is parsed, at the file, exit 2: not parsed for seconds or out of memory', () => {
  const big = `${CONFIG_YAML}description: "${'x'.repeat(1_500_000)}"\n`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, big);
  const file = join(root, 'paperboy.config.yaml');
  const run = lintIn(root);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.split('\n')[0], `paperboy: ${file}:1:1: Unexpected config file of 1.5 MB, expected at most 1.0 MB (paperboy's limit for its config; a whole one is a few KB): look for a value pasted by mistake`);
  // Within the limit, a long value is read as before.
  writeFileSync(file, `${CONFIG_YAML}description: "${'x'.repeat(900_000)}"\n`);
  assert.equal(lintIn(root).code, 0);
});
