import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Config } from '../config/load.js';
import type { FileOutcome } from './lint-file.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/**
 * Lints many files on every core, one child process per core. A child costs
 * a few hundred milliseconds to start (it loads remark, YAML, zod and the
 * rules), so small runs stay in-process (see `shouldUseWorkers`), and a big
 * run starts its children before the main process has loaded the rules or
 * read a single file.
 *
 * Why processes and not worker threads: parsing allocates so much that the
 * garbage collector is a quarter of a lint. Worker threads share the
 * process's GC helper threads, and two isolates collecting in parallel on
 * two cores crowd out the JavaScript they collect for; V8 options cannot be
 * set per worker thread. A child process runs with `--single-threaded-gc`,
 * each collecting on its own core: a cold lint of 1,000 issues went from
 * 12.6 s (threads) to 9.5 s (processes) here.
 *
 * Children receive paths and read the files themselves: the main thread only
 * hashes the files it must check against the cache, and no file text is
 * copied between processes. Each child has a batch queued behind the one it
 * is linting, so it never waits for the main thread; batches shrink as the
 * queue empties, so the children finish together.
 */
const MIN_FILES_FOR_WORKERS = 24;
const MAX_BATCH = 16;
const BATCHES_IN_FLIGHT = 2;

export function shouldUseWorkers(fileCount: number): boolean {
  return fileCount >= MIN_FILES_FOR_WORKERS && availableParallelism() > 1;
}

/** paperboy runs from its TypeScript sources under tsx (tests), else from lib/. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The Node options of a lint child: one GC thread each, and tsx when paperboy runs from source. */
export function workerExecArgv(): string[] {
  return [...(FROM_SOURCE ? ['--import', import.meta.resolve('tsx')] : []), '--single-threaded-gc'];
}

function startWorker(config: Config): ChildProcess {
  const extension = FROM_SOURCE ? 'ts' : 'js';
  // Not the parent's execArgv: a profiler or test-runner flag there is not meant for the children.
  // Their stdout is the lint's output (JSON that tools read): children never write to it.
  // Their stderr is shared, so a child that crashes says why.
  const child = fork(new URL(`./worker.${extension}`, import.meta.url), [], {
    execArgv: workerExecArgv(),
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.send({ config } satisfies WorkerRequest);
  return child;
}

interface PoolWorker {
  child: ChildProcess;
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
      const entry: PoolWorker = { child: startWorker(config), inFlight: 0 };
      entry.child.on('message', (reply: WorkerReply) => ('failure' in reply ? this.fail(new Error(reply.failure)) : this.received(entry, reply.outcomes)));
      // A batch sent to a child that has just died fails to write (EPIPE, or
      // a closed channel) before its exit is seen; the exit says what happened.
      entry.child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ERR_IPC_CHANNEL_CLOSED') this.fail(error);
      });
      entry.child.on('exit', (code, signal) => {
        if (!this.settled) this.fail(new Error(`A lint worker process stopped (${signal ?? `exit code ${code}`}) before it was done`));
      });
      return entry;
    });
    // A failure before `finish` is awaited must not become an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Starts one child per core; they load their modules while the caller reads the cache and files. */
  static start(config: Config): LintPool {
    return new LintPool(config, availableParallelism());
  }

  /** The process ids of the children (tests watch them stop). */
  get pids(): number[] {
    return this.workers.map(({ child }) => child.pid!);
  }

  /** Queues files to lint (paths the children read themselves). */
  add(paths: readonly string[]): void {
    this.queue.push(...paths);
    this.pending += paths.length;
    for (const entry of this.workers) this.dispatch(entry);
  }

  /** The outcome of every file added, once all are linted; the children then exit. */
  finish(): Promise<FileOutcome[]> {
    this.closing = true;
    this.settleIfDone();
    return this.done;
  }

  /** Stops the children at once (the caller failed and will not call `finish`). */
  terminate(): void {
    this.settle('failed');
  }

  private dispatch(entry: PoolWorker): void {
    while (entry.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
      // Guided scheduling: big batches while there is much left, single files at the end.
      const size = Math.min(MAX_BATCH, Math.max(1, Math.ceil(this.queue.length / (2 * this.workers.length * BATCHES_IN_FLIGHT))));
      entry.child.send({ paths: this.queue.splice(0, size) } satisfies WorkerRequest);
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
      this.settle('done');
      this.resolveDone(this.outcomes);
    }
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settle('failed');
    this.rejectDone(error);
  }

  /** Done: each child, told by its closed channel, exits on its own. Failed: they are stopped mid-batch. */
  private settle(how: 'done' | 'failed'): void {
    this.settled = true;
    for (const { child } of this.workers) {
      if (how === 'done' && child.connected) child.disconnect();
      else child.kill();
    }
  }
}
