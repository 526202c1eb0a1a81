import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/load.js';
import type { FileOutcome } from './lint-file.js';

/**
 * Lints many files on every core. A worker costs a few hundred milliseconds
 * to start (it loads remark, the rules and the renderer behind email-size),
 * so small runs stay in-process (see `shouldUseWorkers`), and a big run
 * starts its workers before the main thread has read a single file.
 *
 * Workers receive paths and read the files themselves: the main thread only
 * hashes the files it must check against the cache, and no file text is
 * copied between threads. Each worker has a batch queued behind the one it
 * is linting, so it never waits for the main thread; batches shrink as the
 * queue empties, so the workers finish together.
 */
const MIN_FILES_FOR_WORKERS = 24;
const MAX_BATCH = 16;
const BATCHES_IN_FLIGHT = 2;

export function shouldUseWorkers(fileCount: number): boolean {
  return fileCount >= MIN_FILES_FOR_WORKERS && availableParallelism() > 1;
}

function createWorker(config: Config): Worker {
  const options = { workerData: { config } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), options);
  // Under tsx (tests) the worker is TypeScript too, and Node 20 does not run
  // the parent's `--import tsx` in a worker: the worker registers tsx first.
  const worker = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${worker}); })`, { ...options, eval: true });
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
}

export class LintPool {
  private readonly queue: string[] = [];
  private readonly outcomes: FileOutcome[] = [];
  private readonly workers: PoolWorker[];
  private pending = 0;
  private closing = false;
  private settled = false;
  private resolveDone!: (outcomes: FileOutcome[]) => void;
  private rejectDone!: (error: unknown) => void;
  private readonly done = new Promise<FileOutcome[]>((resolve, reject) => {
    this.resolveDone = resolve;
    this.rejectDone = reject;
  });

  private constructor(config: Config, size: number) {
    this.workers = Array.from({ length: size }, () => {
      const entry: PoolWorker = { worker: createWorker(config), inFlight: 0 };
      entry.worker.on('message', (outcomes: FileOutcome[]) => this.received(entry, outcomes));
      entry.worker.on('error', (error) => this.fail(error));
      entry.worker.on('exit', (code) => {
        if (!this.settled) this.fail(new Error(`lint worker exited with code ${code}`));
      });
      return entry;
    });
    // A failure before `finish` is awaited must not become an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Starts one worker per core; they load their modules while the caller reads the cache and files. */
  static start(config: Config): LintPool {
    return new LintPool(config, availableParallelism());
  }

  /** Queues files to lint (paths the workers read themselves). */
  add(paths: readonly string[]): void {
    this.queue.push(...paths);
    this.pending += paths.length;
    for (const entry of this.workers) this.dispatch(entry);
  }

  /** The outcome of every file added, once all are linted; the workers are then stopped. */
  finish(): Promise<FileOutcome[]> {
    this.closing = true;
    this.settleIfDone();
    return this.done;
  }

  /** Stops the workers at once (the caller failed and will not call `finish`). */
  terminate(): void {
    this.settle();
  }

  private dispatch(entry: PoolWorker): void {
    while (entry.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
      // Guided scheduling: big batches while there is much left, single files at the end.
      const size = Math.min(MAX_BATCH, Math.max(1, Math.ceil(this.queue.length / (2 * this.workers.length * BATCHES_IN_FLIGHT))));
      entry.worker.postMessage(this.queue.splice(0, size));
      entry.inFlight++;
    }
  }

  private received(entry: PoolWorker, outcomes: FileOutcome[]): void {
    entry.inFlight--;
    this.pending -= outcomes.length;
    this.outcomes.push(...outcomes);
    this.dispatch(entry);
    this.settleIfDone();
  }

  private settleIfDone(): void {
    if (this.closing && this.pending === 0 && !this.settled) {
      this.settle();
      this.resolveDone(this.outcomes);
    }
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settle();
    this.rejectDone(error);
  }

  private settle(): void {
    this.settled = true;
    for (const { worker } of this.workers) void worker.terminate();
  }
}
