#!/usr/bin/env node
// `npm test`: builds the CLI (some tests spawn bin/paperboy.js), then runs
// every tests/**/*.test.ts through tsx with Node's own test runner, so its
// summary line is printed. Arguments narrow the run to matching files;
// SKIP_BUILD=1 skips the build when no test spawns the CLI.
//
// Tests make newsletter roots, sites and journals in temporary folders, as
// do the CLIs, servers and browsers they start: all of them are given one
// TMPDIR (os.tmpdir() reads it), which is removed when the run ends, even
// after a failure or Ctrl-C, so runs do not pile folders up in /tmp (a full
// run made some 1,200). PAPERBOY_KEEP_TEST_TMP=1 keeps it to look inside.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.SKIP_BUILD) {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const filters = process.argv.slice(2);
const files = readdirSync('tests', { recursive: true })
  .map((name) => join('tests', String(name)))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

const testTmp = mkdtempSync(join(tmpdir(), 'paperboy-tests-'));
// Ctrl-C reaches the test runner too (same process group): let it stop, then clean up here.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_NO_WARNINGS: '1', TMPDIR: testTmp },
});
if (process.env.PAPERBOY_KEEP_TEST_TMP) process.stderr.write(`test files kept in ${testTmp}\n`);
else rmSync(testTmp, { recursive: true, force: true, maxRetries: 3 });
process.exit(result.status ?? 1);
