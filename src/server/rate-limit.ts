/**
 * A fixed-window counter per client address: at most `limit` requests per
 * `windowMs`. In memory, so per server process (paperboy serves from one).
 * Windows are queued in the order they end, so the ended ones are dropped
 * from the front as each request comes: constant work a request. A flood
 * of addresses (many IPv6 addresses, or a proxy's) holds at most
 * `maxClients` windows: past that the oldest is dropped, that client
 * starting afresh.
 *
 * Why a queue beside the map: an audit's flood of 60,000 addresses slowed
 * from 1.5 s to 6.7 s per 10,000 requests when every window was swept on
 * each request past 10,000; and dropping a Map's first key again and again
 * is no better in V8, which skips the deleted entries before it on each
 * `keys().next()` (200,000 such drops at 10,000 keys: ~1 s here).
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  /** Every window begun, in the order they end; a window begun again leaves its old one here, dropped when reached. */
  private readonly queue: Window[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 10_000,
  ) {}

  /** Counts one request of `client`; returns the ms to wait when it is over the limit, else 0. */
  take(client: string): number {
    const now = this.now();
    while (this.head < this.queue.length && this.queue[this.head]!.resetAt <= now) this.dropFirst();
    const window = this.windows.get(client);
    if (window && window.resetAt > now) {
      window.count += 1;
      return window.count > this.limit ? window.resetAt - now : 0;
    }
    while (this.windows.size >= this.maxClients) this.dropFirst();
    const begun = { client, count: 1, resetAt: now + this.windowMs };
    this.windows.set(client, begun);
    this.queue.push(begun);
    return 0;
  }

  /** How many clients have a window now. */
  get size(): number {
    return this.windows.size;
  }

  private dropFirst(): void {
    const first = this.queue[this.head++]!;
    if (this.windows.get(first.client) === first) this.windows.delete(first.client);
    // The queue's dropped half given back now and then: amortized constant work.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}

interface Window {
  client: string;
  count: number;
  resetAt: number;
}
