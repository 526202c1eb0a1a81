import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCacheFile, writeCacheFile } from '../src/cache-file.js';
import { BIN } from './helpers/cli.js';
import { cleanIssue, makeRoot } from './helpers/fixture.js';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'paperboy-cache-file-')), 'store.v8');

test('a cache file reads back the bytes written, a text as its UTF-8', () => {
  const file = fileIn();
  writeCacheFile(file, Buffer.from([0, 1, 2, 255]));
  assert.deepEqual(readCacheFile(file), Buffer.from([0, 1, 2, 255]));
  writeCacheFile(file, 'naïve ∑ 学習');
  assert.equal(readCacheFile(file)?.toString(), 'naïve ∑ 学習');
  writeCacheFile(file, '');
  assert.deepEqual(readCacheFile(file), Buffer.alloc(0));
});

test('a cache file with any one byte changed, cut short, lengthened or without its hash reads as nothing', () => {
  const file = fileIn();
  writeCacheFile(file, '{"title":"Attention is all you need","year":2017}');
  const written = readFileSync(file);
  for (let at = 0; at < written.length; at++) {
    const flipped = Buffer.from(written);
    flipped[at]! ^= 0x01;
    writeFileSync(file, flipped);
    assert.equal(readCacheFile(file), undefined, `byte ${at} flipped`);
  }
  for (const damaged of [written.subarray(0, written.length - 1), written.subarray(0, 64), Buffer.concat([written, Buffer.from(' ')]), written.subarray(65), Buffer.alloc(0)]) {
    writeFileSync(file, damaged);
    assert.equal(readCacheFile(file), undefined, JSON.stringify(damaged.toString()));
  }
});

test('a cache file that is missing or a folder reads as nothing', () => {
  const file = fileIn();
  assert.equal(readCacheFile(file), undefined);
  assert.equal(readCacheFile(join(file, '..')), undefined);
});

test('a cache file copied over another reads as nothing there (its hash names the file it was written to), and as written in a folder moved whole', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-cache-file-'));
  writeCacheFile(join(folder, 'issue-59.v8'), 'issue 59');
  writeCacheFile(join(folder, 'issue-47.v8'), 'issue 47');
  writeFileSync(join(folder, 'issue-47.v8'), readFileSync(join(folder, 'issue-59.v8')));
  assert.equal(readCacheFile(join(folder, 'issue-47.v8')), undefined);
  const moved = join(mkdtempSync(join(tmpdir(), 'paperboy-cache-file-')), 'issue-59.v8');
  writeFileSync(moved, readFileSync(join(folder, 'issue-59.v8')));
  assert.equal(readCacheFile(moved)?.toString(), 'issue 59');
});

test('a cache file that is a named pipe is a miss, not a wait: lint and build finish, and write the cache back as a file', { timeout: 120_000 }, () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  // Stopped after 30 s: a command waiting for a writer to the pipe is seen to wait, not left to hang the run.
  const run = (command: string) => spawnSync(process.execPath, [BIN, command], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(run('build').status, 0);
  assert.equal(run('lint').status, 0);
  const cache = join(root, '.paperboy', 'cache');
  const files = readdirSync(cache).filter((name) => lstatSync(join(cache, name)).isFile());
  assert.ok(files.includes('lint.json') && files.includes('build-unread.json'), files.join(', '));
  for (const name of files) {
    rmSync(join(cache, name));
    execFileSync('mkfifo', [join(cache, name)]);
  }
  for (const command of ['lint', 'build']) {
    const result = run(command);
    assert.equal(result.signal, null, `${command} waited on a named pipe in the cache`);
    assert.equal(result.status, 0, `${command}: ${result.stderr}`);
  }
  assert.ok(lstatSync(join(cache, 'lint.json')).isFile());
});
