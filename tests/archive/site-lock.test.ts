import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lockSite, takeOver } from '../../src/archive/site-lock.js';

async function outDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'paperboy-lock-')), 'dist');
}

/** The id of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

test('a second writer of the same output folder is refused, told which process holds it, until that process is gone', async () => {
  const dist = await outDir();
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  writeFileSync(`${dist}.lock`, JSON.stringify({ pid: holder.pid, host: hostname(), since: '2026-11-30T12:00:00.000Z' }));
  try {
    assert.throws(() => lockSite(dist), (error: Error & { code?: string; hint?: string }) => {
      assert.equal(error.code, 'SITE_LOCKED');
      assert.match(error.message, new RegExp(`Another paperboy build is writing .*dist \\(process ${holder.pid} on .*, since 2026-11-30T12:00:00.000Z\\)`));
      assert.match(error.hint ?? '', /delete .*dist\.lock/);
      return true;
    });
  } finally {
    holder.kill();
    await once(holder, 'exit');
  }
  const release = lockSite(dist);
  assert.equal((JSON.parse(readLock(dist)) as { pid: number }).pid, process.pid);
  release();
  assert.equal(existsSync(`${dist}.lock`), false, 'released');
});

test('a lock naming this very process id was left before the ids started over (a new container): it is taken over', async () => {
  const dist = await outDir();
  writeFileSync(`${dist}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
  lockSite(dist)();
  assert.equal(existsSync(`${dist}.lock`), false);
});

test('a lock whose process is gone (a build killed) is taken over', async () => {
  const dist = await outDir();
  writeFileSync(`${dist}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
  const release = lockSite(dist);
  assert.equal((JSON.parse(readLock(dist)) as { pid: number }).pid, process.pid);
  release();
  assert.deepEqual(readdirSync(join(dist, '..')), [], 'no lock and no draft left');
});

test("a lock another host holds is never taken over: its process cannot be checked from here", async () => {
  const dist = await outDir();
  writeFileSync(`${dist}.lock`, JSON.stringify({ pid: deadPid(), host: 'elsewhere.example', since: '2026-01-01T00:00:00.000Z' }));
  assert.throws(() => lockSite(dist), /Another paperboy build is writing .* on elsewhere\.example, since 2026-01-01/);
});

test('a lock file paperboy did not write is taken over as a dead one', async () => {
  const dist = await outDir();
  writeFileSync(`${dist}.lock`, '');
  lockSite(dist)();
  assert.equal(existsSync(`${dist}.lock`), false);
});

test('release removes only its own lock', async () => {
  const dist = await outDir();
  const release = lockSite(dist);
  const other = JSON.stringify({ pid: process.pid, host: hostname(), since: 'later' });
  writeFileSync(`${dist}.lock`, other);
  release();
  assert.equal(readLock(dist), other);
});

function readLock(dist: string): string {
  return readFileSync(`${dist}.lock`, 'utf8');
}

test('the first build into a folder whose parent does not exist yet makes the parent for its lock', async () => {
  const dist = join(await outDir(), '..', 'build', 'site', 'dist');
  const release = lockSite(dist);
  assert.ok(existsSync(`${dist}.lock`));
  release();
});

test('two builds taking over the same dead lock at once: the first to move it aside goes on, the other finds its lock and is refused', async () => {
  const dist = await outDir();
  const file = `${dist}.lock`;
  const dead = JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00.000Z' });
  writeFileSync(file, dead);
  // Both read the dead lock; the first takes it over and puts its own in place (a live process's).
  const first = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    assert.equal(takeOver(file, dead), true);
    const firsts = JSON.stringify({ pid: first.pid, host: hostname(), since: '2026-11-30T12:00:00.000Z' });
    writeFileSync(file, firsts);
    // The second, still holding what it read, moves the first's lock aside, sees it is not the dead one, and puts it back.
    assert.equal(takeOver(file, dead), false);
    assert.equal(readLock(dist), firsts, 'the first build keeps its lock');
    assert.throws(() => lockSite(dist), new RegExp(`process ${first.pid} on `));
    assert.deepEqual(readdirSync(join(dist, '..')), ['dist.lock'], 'nothing left aside');
  } finally {
    first.kill();
    await once(first, 'exit');
  }
  // A lock gone by the time it is taken over (its build finished) is nothing to take.
  assert.equal(takeOver(`${dist}.none.lock`, dead), true);
});

