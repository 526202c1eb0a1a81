import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/load.js';
import { listIssueFiles } from '../../src/issue/load.js';
import { readIssueSource } from '../../src/issue/source.js';
import { lintSource } from '../../src/lint/lint-file.js';
import { startLintPool } from '../../src/lint/engine.js';
import type { FileOutcome } from '../../src/lint/lint-file.js';
import { childModule, ProcessPool } from '../../src/workers/process-pool.js';
import { availableParallelism } from 'node:os';
import { rules } from '../../src/lint/rules/index.js';
import { activeRules } from '../../src/lint/settings.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { stopped } from '../helpers/processes.js';

async function corpus() {
  const root = await mkdtemp(join(tmpdir(), 'paperboy-pool-'));
  await writeCorpus(root, { issues: 8 });
  const config = await loadConfig(root);
  return { config, paths: await listIssueFiles(config.issuesDir) };
}

/** Asserts that a lint pool's `outcomes` for `paths` are what linting them in this process gives, in any order. */
async function assertLintedAsInProcess(outcomes: FileOutcome[], config: Awaited<ReturnType<typeof loadConfig>>, paths: readonly string[]): Promise<void> {
  const active = activeRules(rules, config);
  const inProcess = await Promise.all(paths.map(async (path) => lintSource(await readIssueSource(path), active)));
  const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
  assert.deepEqual(outcomes.sort(byPath), inProcess.sort(byPath));
}

test('a pool of lint children (one GC thread each) returns what linting in-process returns', async () => {
  const { config, paths } = await corpus();
  const pool = startLintPool(config);
  const pids = pool.pids;
  for (const pid of pids) {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    assert.ok(argv.includes('--single-threaded-gc'), `child ${pid} runs with ${argv.join(' ')}`);
  }
  pool.add(paths);
  const outcomes = await pool.finish();

  await assertLintedAsInProcess(outcomes, config, paths);
  assert.ok(await stopped(pids), 'the children stop once the pool is done');
});

test('a child killed mid-run fails the pool with a clear error instead of hanging', async () => {
  const { config, paths } = await corpus();
  const pool = startLintPool(config);
  process.kill(pool.pids[0]!, 'SIGKILL');
  pool.add(paths);
  await assert.rejects(pool.finish(), /lint worker process stopped \(SIGKILL\)/);
  assert.ok(await stopped(pool.pids), 'the other children are stopped too');
});

test('a pool with a share for the main process starts one child fewer, reports its progress, names what it hands to a child, and returns what each item gives in-process', async () => {
  const { config, paths } = await corpus();
  const active = activeRules(rules, config);
  const sources = new Map(await Promise.all(paths.map(async (path) => [path, await readIssueSource(path)] as const)));
  let here = 0;
  const doneHere: string[] = [];
  const handed: string[] = [];
  const reported: number[] = [];
  const pool = ProcessPool.start<typeof config, string, FileOutcome>({
    module: childModule('worker', new URL('../../src/lint/engine.ts', import.meta.url).href),
    setup: config,
    name: 'lint',
    here: (path) => {
      here++;
      doneHere.push(path);
      return lintSource(sources.get(path)!, active);
    },
    progress: (done, added) => {
      assert.equal(added, paths.length);
      reported.push(done);
    },
    handedOff: (items) => handed.push(...items),
  });
  assert.equal(pool.pids.length, Math.max(1, availableParallelism() - 1));
  pool.add(paths);
  const outcomes = await pool.finish();
  assert.ok(here > 0 && here < paths.length, `the main process linted ${here} of ${paths.length} files`);
  assert.deepEqual([...handed, ...doneHere].sort(), [...paths].sort(), 'each item is either handed to a child or done here, once');
  assert.deepEqual(reported, [...reported].sort((a, b) => a - b), 'progress only goes up');
  assert.equal(reported.at(-1), paths.length, 'progress reaches every item');
  const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
  const inProcess = await Promise.all(paths.map((path) => lintSource(sources.get(path)!, active)));
  assert.deepEqual(outcomes.sort(byPath), inProcess.sort(byPath));
  assert.ok(await stopped(pool.pids), 'the children stop once the pool is done');
});

test("a throw in the main process's share fails the pool and stops the children", async () => {
  const { config, paths } = await corpus();
  const pool = ProcessPool.start<typeof config, string, FileOutcome>({
    module: childModule('worker', new URL('../../src/lint/engine.ts', import.meta.url).href),
    setup: config,
    name: 'lint',
    here: () => {
      throw new Error('no share here');
    },
  });
  pool.add(paths);
  await assert.rejects(pool.finish(), /no share here/);
  assert.ok(await stopped(pool.pids), 'the children are stopped');
});

test('a child whose main process is killed mid-batch exits without a word on stderr (no EPIPE from its reply)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-orphan-'));
  const pool = new URL('../../src/workers/process-pool.ts', import.meta.url).href;
  // A child busy in synchronous work, as a render is, when its main process dies: it sees the closed channel only when it replies.
  writeFileSync(
    join(dir, 'child.mjs'),
    `import { writeFileSync } from 'node:fs';
import { serveBatches } from ${JSON.stringify(pool)};
serveBatches(() => {}, async (items) => {
  writeFileSync(${JSON.stringify(join(dir, 'busy'))}, '');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
  return items;
});
`,
  );
  writeFileSync(
    join(dir, 'parent.mjs'),
    `import { ProcessPool } from ${JSON.stringify(pool)};
const pool = ProcessPool.start({ module: new URL('./child.mjs', import.meta.url), setup: {}, name: 'test' });
process.stdout.write(pool.pids.join(' '));
pool.add([1, 2, 3, 4]);
setInterval(() => {}, 1000);
`,
  );
  const parent = spawn(process.execPath, ['--import', 'tsx', join(dir, 'parent.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let pids = '';
  parent.stdout.on('data', (chunk: Buffer) => (pids += chunk.toString()));
  let stderr = '';
  parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The children write to the parent's stderr: it closes once the last of them has exited.
  const closed = once(parent.stderr, 'close');
  for (let wait = 0; wait < 200 && !existsSync(join(dir, 'busy')); wait++) await sleep(50);
  assert.ok(existsSync(join(dir, 'busy')), 'a child started its batch');
  parent.kill('SIGKILL');
  await closed;
  assert.equal(stderr, '');
  assert.ok(await stopped(pids.split(' ').map(Number)), 'the children exit');
});

test('a pool given children started ahead takes them rather than starting its own, and they stop once it is done', async () => {
  const { config, paths } = await corpus();
  const module = childModule('worker', new URL('../../src/lint/engine.ts', import.meta.url).href);
  const ahead = ProcessPool.startAhead({ module, setup: config }, false);
  const early = ahead.pids;
  assert.equal(early.length, availableParallelism());
  const pool = ProcessPool.start<typeof config, string, FileOutcome>({ module, setup: config, name: 'lint', ahead });
  assert.deepEqual(pool.pids, early, 'the pool runs the children started ahead');
  assert.deepEqual(ahead.pids, [], 'none is left to release');
  ahead.release();
  pool.add(paths);
  const outcomes = await pool.finish();
  await assertLintedAsInProcess(outcomes, config, paths);
  assert.ok(await stopped(early), 'the children stop once the pool is done');
});

test('children started ahead that no pool takes stop when released; a pool given one that died starts another', async () => {
  const { config, paths } = await corpus();
  const module = childModule('worker', new URL('../../src/lint/engine.ts', import.meta.url).href);
  const unused = ProcessPool.startAhead({ module, setup: config }, false);
  const pids = unused.pids;
  unused.release();
  assert.ok(await stopped(pids), 'released, the children exit');

  const ahead = ProcessPool.startAhead({ module, setup: config }, false);
  const [dead, ...alive] = ahead.pids;
  process.kill(dead!, 'SIGKILL');
  assert.ok(await stopped([dead!]));
  const pool = ProcessPool.start<typeof config, string, FileOutcome>({ module, setup: config, name: 'lint', ahead });
  ahead.release();
  assert.equal(pool.pids.length, availableParallelism());
  assert.ok(!pool.pids.includes(dead!), 'the dead child is not taken');
  assert.deepEqual(pool.pids.filter((pid) => alive.includes(pid)), alive, 'the live ones are');
  pool.add(paths);
  assert.equal((await pool.finish()).length, paths.length);
  assert.ok(await stopped(pool.pids));
});

test("batches count the main process's share as one more taker: a child is handed no more than its part of what is left", async () => {
  const { config } = await corpus();
  const items = Array.from({ length: 64 }, (_, i) => `item-${i}`);
  const handed: number[] = [];
  const pool = ProcessPool.start<typeof config, string, string>({
    module: childModule('worker', new URL('../../src/lint/engine.ts', import.meta.url).href),
    setup: config,
    name: 'lint',
    // Never asked: the pool is stopped before the main process takes its first item (it yields first).
    here: (item) => item,
    handedOff: (batch) => handed.push(batch.length),
  });
  pool.add(items);
  pool.terminate();
  // Two batches in flight per child; the first of 64 items over (children + 1) takers, each with two batches.
  const takers = pool.pids.length + 1;
  assert.equal(handed[0], Math.ceil(64 / (2 * takers * 2)));
});
