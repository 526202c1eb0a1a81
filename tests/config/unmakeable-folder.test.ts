import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { BIN } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, configErrorFrom, makeRoot } from '../helpers/fixture.js';

test('a dataDir under /proc, where no folder can be made, is refused by loading the config, at its line and column', async () => {
  const root = makeRoot({}, `${CONFIG_YAML}dataDir: /proc/self/paperboy\n`);
  let error: unknown;
  await loadConfig(root).catch((thrown: unknown) => (error = thrown));
  const refused = configErrorFrom(() => {
    if (error) throw error;
  });
  assert.equal(refused.code, 'CONFIG_INVALID');
  assert.match(refused.message, /paperboy\.config\.yaml:5:10: Unexpected value for `dataDir`: there is no folder \/proc\/self\/paperboy, and none can be made: \/proc\/self lies in the kernel's \/proc file system/);
});

test('a dataDir that is not there yet, or is a file, still loads: it is made (or said) by the command that writes it', async () => {
  for (const dataDir of ['not-yet/data', 'a-file']) {
    const root = makeRoot({ 'a-file': '' }, `${CONFIG_YAML}dataDir: ${dataDir}\n`);
    await loadConfig(root);
  }
});

test('lint with a dataDir under /proc stops at once with the config position (exit 2), not spinning for ever in mkdir', () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, `${CONFIG_YAML}dataDir: /proc/self/paperboy\n`);
  const run = spawnSync(process.execPath, [BIN, 'lint'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.signal, null, 'lint was still running after 20 s');
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^paperboy: .*paperboy\.config\.yaml:5:10: Unexpected value for `dataDir`/);
  assert.doesNotMatch(run.stderr, /\bat \S+ \(/);
});

test('an outDir under /proc is refused by loading the config at its line and column, and so is `build --out` there (exit 2), where build spun for ever in mkdir', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, `${CONFIG_YAML}outDir: /proc/self/site\n`);
  let error: unknown;
  await loadConfig(root).catch((thrown: unknown) => (error = thrown));
  assert.match(configErrorFrom(() => {
    if (error) throw error;
  }).message, /paperboy\.config\.yaml:5:9: Unexpected value for `outDir`: there is no folder \/proc\/self\/site, and none can be made/);
  const usual = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  // A process of its own, stopped after 20 s: a mkdir that spins (synchronously) is seen to, not left to hang the test run.
  const built = spawnSync(process.execPath, [BIN, 'build', '--out', '/proc/self/site'], { cwd: usual, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
  assert.equal(built.signal, null, 'build was still running after 20 s');
  assert.equal(built.status, 2, built.stderr);
  assert.match(built.stderr, /^paperboy: Unexpected --out \/proc\/self\/site: there is no folder \/proc\/self\/site, and none can be made/);
});
