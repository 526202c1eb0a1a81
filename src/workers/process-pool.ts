import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { errorFields, errorFromFields, isPaperboyError, type PaperboyErrorFields } from '../errors.js';
import { append } from '../arrays.js';

/**
 * Work spread over every core, one child process per core: lint (lint/) and
 * the archive's rendering (archive/), where the main process takes a share
 * itself (`here`) and a child runs on each other core. A child costs a few
 * hundred milliseconds to start (it loads remark, YAML and the renderers),
 * so small runs stay in-process (see `worthAPool`), and a big lint starts
 * its children before the main process has read a single file.
 *
 * Why processes and not worker threads: parsing and rendering allocate so
 * much that the garbage collector is a quarter of the work. Worker threads
 * share the process's GC helper threads, and two isolates collecting in
 * parallel on two cores crowd out the JavaScript they collect for; V8
 * options cannot be set per worker thread. A child process runs with
 * `--single-threaded-gc`, each collecting on its own core: a cold lint of
 * 1,000 issues went from 12.6 s (threads) to 9.5 s (processes) here.
 *
 * Children receive items (paths) and read the files themselves: no file
 * text is copied between processes. Each child has a batch queued behind
 * the one it works on, so it never waits for the main process; batches
 * shrink as the queue empties, so the children (and the main process,
 * when it takes a share) finish together.
 *
 * A child is a module that calls `serveBatches` (see below).
 */
const MIN_ITEMS_FOR_A_POOL = 24;
const MAX_BATCH = 16;
const BATCHES_IN_FLIGHT = 2;

/** Whether `count` items are worth starting children for: enough of them, and more than one core. */
export function worthAPool(count: number): boolean {
  return count >= MIN_ITEMS_FOR_A_POOL && availableParallelism() > 1;
}

/** paperboy runs from its TypeScript sources under tsx (tests), else from lib/ or its bundle, lib/bundle/ (the CLI). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** A child module beside `base` (a module's `import.meta.url`): `name.ts` from source, `name.js` from lib/ (scripts/build-cli.mjs gives each child its entry beside the bundle's chunks). */
export function childModule(name: string, base: string): URL {
  return new URL(`./${name}.${FROM_SOURCE ? 'ts' : 'js'}`, base);
}

/** The Node options of a child: one GC thread each, tsx when paperboy runs from source, and `extra` (heap limits). */
export function childExecArgv(extra: readonly string[] = []): string[] {
  return [...(FROM_SOURCE ? ['--import', import.meta.resolve('tsx')] : []), '--single-threaded-gc', ...extra];
}

/** What the main process sends a child: its setup once, then batches. */
type ChildRequest<Setup, Item> = { setup: Setup } | { items: Item[] };
/**
 * A batch's outcomes (one per item, in order), or why the batch failed: the
 * pool fails with a bug's stack, or with the error in use (a template's
 * mistake, found rendering an issue) that the child raised, as it was.
 */
type ChildReply<Outcome> = { outcomes: Outcome[] } | { failure: string; inUse?: PaperboyErrorFields };


export interface PoolOptions<Setup, Item = never, Outcome = never> {
  /** The child's module (see `childModule`). */
  module: URL;
  /** Sent to each child before any batch. */
  setup: Setup;
  /** What the children do, for error messages: `lint`, `render`. */
  name: string;
  /** Node options beyond `childExecArgv`'s own. */
  execArgv?: readonly string[];
  /**
   * Does one item in the main process (a throw fails the pool): the main
   * process then takes items from the queue too, one at a time, and the
   * pool starts one child fewer. Each process holds its own copy of what
   * the work needs (modules, the workspace), so a process fewer is a few
   * hundred MB less at the peak, for the same use of the cores.
   */
  here?: (item: Item) => Outcome | Promise<Outcome>;
  /** Called as outcomes come in (a child's batch, or an item done here): how many of the items added so far are done. */
  progress?: (done: number, added: number) => void;
  /** Called with a batch as it goes to a child: what the main process holds only to do these items itself can go. */
  handedOff?: (items: readonly Item[]) => void;
  /** Children started ahead (`ProcessPool.startAhead`, the same module, setup and options): taken rather than started now, while still alive. */
  ahead?: ChildrenAhead;
}

/**
 * Children started before their work is known (`ProcessPool.startAhead`),
 * loading their modules meanwhile: a pool takes them (`PoolOptions.ahead`),
 * and `release` lets those it did not take go.
 */
export class ChildrenAhead {
  private readonly waiting: ChildProcess[];
  // Until a pool takes a child: a failure to start it, or a channel closed under it, must not crash the main process.
  private readonly unheard = (): void => undefined;

  constructor(options: Pick<PoolOptions<unknown>, 'module' | 'setup' | 'execArgv'>, size: number) {
    this.waiting = Array.from({ length: size }, () => startChild(options).on('error', this.unheard));
  }

  /** The process ids of the children not taken yet (tests watch them stop). */
  get pids(): number[] {
    return this.waiting.map((child) => child.pid!);
  }

  /** A child still alive, now the caller's; undefined when none is left (the caller starts one). */
  take(): ChildProcess | undefined {
    for (let child = this.waiting.shift(); child; child = this.waiting.shift()) {
      child.off('error', this.unheard);
      if (child.connected && child.exitCode === null && child.signalCode === null) return child;
      child.kill();
    }
    return undefined;
  }

  /** Lets every child not taken go: told by its closed channel, each exits on its own. Taken ones are their pool's. */
  release(): void {
    for (const child of this.waiting.splice(0)) {
      if (child.connected) child.disconnect();
      else child.kill();
    }
  }
}

interface PoolChild {
  child: ChildProcess;
  inFlight: number;
}

export class ProcessPool<Item, Outcome> {
  private readonly queue: Item[] = [];
  private readonly outcomes: Outcome[] = [];
  private readonly children: PoolChild[];
  private readonly here: ((item: Item) => Outcome | Promise<Outcome>) | undefined;
  private readonly progress: ((done: number, added: number) => void) | undefined;
  private readonly handedOff: ((items: readonly Item[]) => void) | undefined;
  private added = 0;
  private helping = false;
  private pending = 0;
  private closing = false;
  private settled = false;
  private resolveDone!: (outcomes: Outcome[]) => void;
  private rejectDone!: (error: unknown) => void;
  private readonly done = new Promise<Outcome[]>((resolve, reject) => {
    this.resolveDone = resolve;
    this.rejectDone = reject;
  });

  private constructor(options: PoolOptions<unknown, Item, Outcome>, size: number) {
    this.here = options.here;
    this.progress = options.progress;
    this.handedOff = options.handedOff;
    this.children = Array.from({ length: size }, () => {
      const entry: PoolChild = { child: options.ahead?.take() ?? startChild(options), inFlight: 0 };
      entry.child.on('message', (reply: ChildReply<Outcome>) => ('failure' in reply ? this.fail(failureOf(reply)) : this.received(entry, reply.outcomes)));
      // A batch sent to a child that has just died fails to write (EPIPE, or
      // a closed channel) before its exit is seen; the exit says what happened.
      entry.child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ERR_IPC_CHANNEL_CLOSED') this.fail(error);
      });
      entry.child.on('exit', (code, signal) => {
        if (!this.settled) this.fail(new Error(`A ${options.name} worker process stopped (${signal ?? `exit code ${code}`}) before it was done`));
      });
      return entry;
    });
    // A failure before `finish` is awaited must not become an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Starts one child per core (one fewer with `here`); they load their modules while the caller goes on. */
  static start<Setup, Item, Outcome>(options: PoolOptions<Setup, Item, Outcome>): ProcessPool<Item, Outcome> {
    return new ProcessPool<Item, Outcome>(options, Math.max(1, availableParallelism() - (options.here ? 1 : 0)));
  }

  /**
   * Starts the children a pool of these options would (`start`; `helps`:
   * whether it will have a share for the main process, `here`) before the
   * work is known, so that they load their modules while the main process
   * reads what decides the work: a pool given them (`PoolOptions.ahead`)
   * takes them. The caller `release`s them once a pool took them or none will.
   */
  static startAhead<Setup>(options: Pick<PoolOptions<Setup>, 'module' | 'setup' | 'execArgv'>, helps: boolean): ChildrenAhead {
    return new ChildrenAhead(options, Math.max(1, availableParallelism() - (helps ? 1 : 0)));
  }

  /** The process ids of the children (tests watch them stop). */
  get pids(): number[] {
    return this.children.map(({ child }) => child.pid!);
  }

  /** Queues items. */
  add(items: readonly Item[]): void {
    append(this.queue, items);
    this.pending += items.length;
    this.added += items.length;
    for (const entry of this.children) this.dispatch(entry);
    if (this.here && !this.helping) void this.help(this.here);
  }

  /** The outcome of every item added (in the order batches came back), once all are done; the children then exit. */
  finish(): Promise<Outcome[]> {
    this.closing = true;
    this.settleIfDone();
    return this.done;
  }

  /** Stops the children at once (the caller failed and will not call `finish`). */
  terminate(): void {
    this.settle('failed');
  }

  private dispatch(entry: PoolChild): void {
    while (entry.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
      // Guided scheduling: big batches while there is much left, single items at the end. The main process's share (`here`)
      // is one more taker of what is left. Uncounted, a cold build's main process sat idle 0.5-1.5 s (`--cpu-prof`) for the
      // render worker's last batches: ~5 issues held when the queue ran out (simulated, 999 items), ~1 counted.
      const takers = this.children.length + (this.here ? 1 : 0);
      const size = Math.min(MAX_BATCH, Math.max(1, Math.ceil(this.queue.length / (2 * takers * BATCHES_IN_FLIGHT))));
      const items = this.queue.splice(0, size);
      entry.child.send({ items } satisfies ChildRequest<never, Item>);
      entry.inFlight++;
      this.handedOff?.(items);
    }
  }

  /**
   * The main process's share: an item at a time from the queue, yielding
   * between items so the children's replies are read and their next
   * batches sent while it works.
   */
  private async help(here: (item: Item) => Outcome | Promise<Outcome>): Promise<void> {
    this.helping = true;
    while (!this.settled) {
      await new Promise((resolve) => setImmediate(resolve));
      const item = this.queue.shift();
      if (item === undefined || this.settled) break;
      let outcome: Outcome;
      try {
        outcome = await here(item);
      } catch (error) {
        this.fail(error);
        break;
      }
      this.collect([outcome]);
    }
    this.helping = false;
  }

  private received(entry: PoolChild, outcomes: Outcome[]): void {
    entry.inFlight--;
    this.dispatch(entry);
    this.collect(outcomes);
  }

  /** Outcomes in, from a child or from here: counted, reported, and the pool settled if they were the last. */
  private collect(outcomes: readonly Outcome[]): void {
    this.pending -= outcomes.length;
    append(this.outcomes, outcomes);
    this.progress?.(this.added - this.pending, this.added);
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
    for (const { child } of this.children) {
      if (how === 'done' && child.connected) child.disconnect();
      else child.kill();
    }
  }
}

function startChild(options: Pick<PoolOptions<unknown>, 'module' | 'setup' | 'execArgv'>): ChildProcess {
  // Not the parent's execArgv: a profiler or test-runner flag there is not meant for the children.
  // Their stdout may be the command's output (JSON that tools read): children never write to it.
  // Their stderr is shared, so a child that crashes says why.
  const child = fork(options.module, [], { execArgv: childExecArgv(options.execArgv), serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child.send({ setup: options.setup } satisfies ChildRequest<unknown, never>);
  return child;
}

function failureOf(reply: { failure: string; inUse?: PaperboyErrorFields }): Error {
  const { inUse } = reply;
  return inUse ? errorFromFields(inUse) : new Error(reply.failure);
}

/**
 * The loop of a child process: `setup` with the pool's setup message, then
 * `handle` each batch, answering them in the order they came, one at a
 * time; an error is a failure reply (the main process reports it), not a
 * crash. The child exits when the pool is done or the main process is gone,
 * quietly even when it finds out by a reply that cannot be written.
 */
export function serveBatches<Setup, Item, Outcome>(setup: (message: Setup) => void, handle: (items: Item[]) => Promise<Outcome[]>): void {
  let previous: Promise<unknown> = Promise.resolve();
  process.on('message', (request: ChildRequest<Setup, Item>) => {
    if ('setup' in request) {
      setup(request.setup);
      return;
    }
    previous = previous
      .then(async (): Promise<ChildReply<Outcome>> => ({ outcomes: await handle(request.items) }))
      .catch((error: unknown): ChildReply<Outcome> => ({
        failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
        ...(isPaperboyError(error) && { inUse: errorFields(error) }),
      }))
      // A reply to a main process that was killed fails to write (EPIPE, or the channel already
      // closed) before the child has seen the channel close: busy rendering, it looks only now.
      .then((reply) =>
        process.send!(reply, undefined, {}, (error: Error | null) => {
          if (error) parentGone();
        }),
      );
  });
  process.on('disconnect', parentGone);
  // Any other failure of the channel to the main process (a send without a callback reports there) means the same.
  process.on('error', parentGone);
}

/** The main process is gone (done, or killed): no one is left to answer or to report to. */
function parentGone(): never {
  process.exit(0);
}
