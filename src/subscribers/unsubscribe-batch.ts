import type { Store } from '../store/database.js';
import { SubscriberStore } from './store.js';

/**
 * Group commit for unsubscribes. Each commit is fsynced (synchronous=FULL,
 * database.ts): about 5 ms here, so one transaction per request would cap a
 * server near 200 unsubscribes/s. Requests that arrive while one batch is
 * committing wait for the next turn of the event loop and commit together,
 * in one transaction; each is answered only after that commit returned, so
 * an answered unsubscribe is always on disk.
 */
export class UnsubscribeBatch {
  private queue: { id: number; done: (known: boolean) => void; failed: (error: unknown) => void }[] = [];
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
    let results: boolean[];
    try {
      results = this.db.transaction(() => batch.map(({ id }) => this.store.unsubscribe(id))).immediate();
    } catch (error) {
      for (const request of batch) request.failed(error);
      return;
    }
    batch.forEach((request, i) => request.done(results[i]!));
  }
}
