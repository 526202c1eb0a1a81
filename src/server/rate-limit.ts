/**
 * A fixed-window counter per client address: at most `limit` requests per
 * `windowMs`. In memory, so per server process (paperboy serves from one);
 * the map is swept of past windows when it grows, so a flood of addresses
 * cannot grow it without bound.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `client`; returns the ms to wait when it is over the limit, else 0. */
  take(client: string): number {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(client);
    if (!window || window.resetAt <= now) {
      this.windows.set(client, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? window.resetAt - now : 0;
  }

  private sweep(now: number): void {
    for (const [client, window] of this.windows) if (window.resetAt <= now) this.windows.delete(client);
  }
}
