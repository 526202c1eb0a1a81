import type { Store } from '../store/database.js';
import { isBusy } from '../store/store-problem.js';
import { SubscriberStore } from './store.js';

/**
 * How long an unsubscribe waits for another program's write lock, in ms,
 * trying again every BUSY_RETRY_MS, before it fails as the store's
 * SQLITE_BUSY (the server's 503). A mailbox provider posts a one-click
 * unsubscribe once (RFC 8058 asks for no retry), and a program may hold the
 * lock for seconds (an import of 300,000 rows held it 4 s, one transaction:
 * subscribers/import.ts): past the server's own short wait for a lock
 * (server/start.ts), such unsubscribes were answered 503 and lost. 30 s is
 * within what a client waits for an answer (nginx's proxy_read_timeout is 60 s).
 */
const BUSY_PATIENCE_MS = 30_000;
const BUSY_RETRY_MS = 100;

/** An unsubscribe waiting for its commit, and how its request is answered. */
interface PendingUnsubscribe {
  id: number;
  done: (known: boolean) => void;
  failed: (error: unknown) => void;
}

/**
 * Group commit for unsubscribes. Each commit is fsynced (synchronous=FULL,
 * database.ts): about 5 ms here, so one transaction per request would cap a
 * server near 200 unsubscribes/s. Requests that arrive while one batch is
 * committing wait for the next turn of the event loop and commit together,
 * in one transaction; each is answered only after that commit returned, so
 * an answered unsubscribe is always on disk. A batch another program's lock
 * keeps out waits for it (BUSY_PATIENCE_MS).
 */
export class UnsubscribeBatch {
  private queue: PendingUnsubscribe[] = [];
  private readonly store: SubscriberStore;

  constructor(
    private readonly db: Store,
    now: () => Date = () => new Date(),
  ) {
    this.store = new SubscriberStore(db, now);
  }

  /** Resolves once the unsubscribe is committed: false when there is no such subscriber. */
  unsubscribe(id: number): Promise<boolean> {
    return new Promise((done, failed) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ id, done, failed });
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.commit(batch, Date.now() + BUSY_PATIENCE_MS, false);
  }

  /**
   * Commits `batch` in one transaction; while another program holds the
   * lock, tries again until `deadline`. A try again (`retry`) does not wait
   * for the lock (busy_timeout 0 for it): better-sqlite3 waits
   * synchronously, and every other request would wait with it; between
   * tries they are answered.
   */
  private commit(batch: PendingUnsubscribe[], deadline: number, retry: boolean): void {
    let results: boolean[];
    let waits: number | undefined;
    try {
      if (retry) {
        waits = this.db.pragma('busy_timeout', { simple: true }) as number;
        this.db.pragma('busy_timeout = 0');
      }
      results = this.db.transaction(() => batch.map(({ id }) => this.store.unsubscribe(id))).immediate();
    } catch (error) {
      if (isBusy(error) && Date.now() < deadline) {
        setTimeout(() => this.commit(batch, deadline, true), BUSY_RETRY_MS);
        return;
      }
      for (const request of batch) request.failed(error);
      return;
    } finally {
      // A database closed meanwhile (the server stopped) has nothing to restore: its requests were failed above.
      if (waits !== undefined && this.db.open) this.db.pragma(`busy_timeout = ${waits}`);
    }
    batch.forEach((request, i) => request.done(results[i]!));
  }
}
