import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCacheFile } from '../../src/cache-file.js';
import { sha256 } from '../../src/sha256.js';
import { BIN, runCli } from '../helpers/cli.js';
import { archiveRoot } from './fixture.js';
import { pagesDigest } from './site-check.js';

/** A sparse file of `size` bytes at `path`, its last byte `last`: no disk written for its zeros. */
function sparseFile(path: string, size: number, last: number): void {
  writeFileSync(path, '');
  truncateSync(path, size - 1);
  writeFileSync(path, Buffer.from([last]), { flag: 'a' });
}

/** The byte at `offset` of the file at `path`. */
function byteAt(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, offset);
    return one[0]!;
  } finally {
    closeSync(fd);
  }
}

test('build: a file of staticDir of 2 GiB and more is published byte for byte, the build holding none of it in memory (it was refused, 2 GiB being the largest buffer Node reads; a 1 GB file took 1.1 GB of memory)', async () => {
  const root = archiveRoot();
  mkdirSync(join(root, 'static', 'video'), { recursive: true });
  const size = 2 ** 31 + 1;
  sparseFile(join(root, 'static', 'video', 'talk.mp4'), size, 0x2a);
  // The CLI as a user runs it, its peak resident memory (KB, as getrusage(2) says) written when it exits.
  const rss = join(root, 'rss.txt');
  const preload = `data:text/javascript,${encodeURIComponent(`import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)));`)}`;
  const built = spawnSync(process.execPath, ['--import', preload, BIN, 'build'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.equal(built.status, 0, built.stderr);
  const published = join(root, 'dist', 'video', 'talk.mp4');
  assert.equal(statSync(published).size, size);
  assert.equal(byteAt(published, size - 1), 0x2a);
  assert.equal(byteAt(published, 2 ** 30), 0);
  const peakMb = Number(readFileSync(rss, 'utf8')) / 1024;
  assert.ok(peakMb < 512, `peak RSS ${peakMb.toFixed(0)} MB for a 2 GiB file`);
  // The copy is 2 GiB on the disk.
  rmSync(root, { recursive: true, force: true });
});

/** A newsletter built once with `static/robots.txt` saved a minute ago (`before`): older than the seconds a saved file is not recorded for. */
async function builtWithRobots(): Promise<{ root: string; robots: string; before: Date }> {
  const root = archiveRoot();
  mkdirSync(join(root, 'static'), { recursive: true });
  const robots = join(root, 'static', 'robots.txt');
  writeFileSync(robots, 'User-agent: *\nAllow: /\n');
  const before = new Date(Date.now() - 60_000);
  utimesSync(robots, before, before);
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  return { root, robots, before };
}

test('build: a file of staticDir whose bytes differ from the hash its identity was stored with (saved between the hashing and the copy) is never published as other bytes than its key: the build hashes every file again and publishes the file as it is, the site a clean build makes', async () => {
  const { root, robots } = await builtWithRobots();
  const store = join(root, '.paperboy', 'cache', 'copied-hashes.json');
  const stored = JSON.parse(readFileSync(store, 'utf8').split('\n').slice(1).join('\n')) as { format: string; files: [string, string, string, number][] };
  const entry = stored.files.find(([path]) => path === robots);
  assert.ok(entry, 'robots.txt is in the store');
  // The store says the file is bytes it is not: what a save between hashing and copying leaves the build holding.
  entry[2] = sha256('User-agent: *\nDisallow: /\n');
  writeCacheFile(store, `${JSON.stringify(stored)}\n`);
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(root, 'dist', 'robots.txt'), 'utf8'), 'User-agent: *\nAllow: /\n');
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
  // And the next build, with nothing changed, finds the site up to date: its marker keys the bytes it holds.
  const third = await runCli(['build'], { cwd: root });
  assert.match(third.stdout, /up to date/);
});

test('build: a file of staticDir edited in place to the same size with its mtime put back (`touch -r`) is published anew: its ctime, which no call sets, changed', async () => {
  const { root, robots, before } = await builtWithRobots();
  writeFileSync(robots, 'User-agent: *\nAllow: /x');
  utimesSync(robots, before, before);
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(root, 'dist', 'robots.txt'), 'utf8'), readFileSync(robots, 'utf8'));
});
