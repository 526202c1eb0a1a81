import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeFolders } from '../src/make-folders.js';

const SOURCE = new URL('../src/make-folders.ts', import.meta.url).href;

/**
 * `makeFolders(path)` in a process of its own, stopped after 20 s: a call
 * that spins for ever (synchronously, so no timer of this test could fire)
 * is seen to, not left to hang the test run.
 */
function makeFoldersApart(path: string) {
  const script = `import { makeFolders } from ${JSON.stringify(SOURCE)};
try { makeFolders(process.argv[1]); console.log('made'); } catch (error) { console.log(error.code); }`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path], { encoding: 'utf8', timeout: 20_000 });
  return { signal: run.signal, said: run.stdout.trim() };
}

test('makeFolders makes a folder and the missing ones above it, and is content with a folder that is there', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-folders-'));
  makeFolders(join(root, 'a', 'b', 'c'));
  assert.ok(statSync(join(root, 'a', 'b', 'c')).isDirectory());
  makeFolders(join(root, 'a', 'b', 'c'));
  makeFolders(root);
});

test('makeFolders under /proc, where mkdir answers ENOENT with the parent there, fails at once (ENOENT) where a recursive mkdir spins for ever', () => {
  const run = makeFoldersApart('/proc/self/paperboy/data');
  assert.equal(run.signal, null, 'makeFolders was still running after 20 s');
  assert.equal(run.said, 'ENOENT');
});

test('makeFolders with a file in the way fails with ENOTDIR, whether the file is the folder asked for or above it', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-folders-'));
  writeFileSync(join(root, 'a-file'), '');
  for (const path of [join(root, 'a-file'), join(root, 'a-file', 'data')]) {
    assert.throws(() => makeFolders(path), (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR', path);
  }
});
