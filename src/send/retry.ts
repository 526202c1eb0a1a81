/**
 * When to try a temporarily failed recipient again: exponential backoff
 * with jitter (AWS Architecture Blog, "Exponential Backoff And Jitter":
 * random spread keeps many deferred recipients from hitting the relay at
 * one moment), until a give-up time counted from the first attempt, after
 * which the recipient is `expired`. RFC 5321 §4.5.4.1 suggests retrying for
 * 4–5 days at 30-minute intervals for a relay; a newsletter gives up after
 * a day (RELIABILITY 10), when the issue is old news.
 */
export interface RetryPolicy {
  /** The first delay, ms. */
  baseMs: number;
  /** No delay longer than this, ms. */
  maxMs: number;
  /** After this long since the first attempt, give up, ms. */
  giveUpMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 15 * 60_000, giveUpMs: 24 * 3_600_000 };

/**
 * The next attempt after `attempts` failed ones (1 for the first failure),
 * or `expired` when it would fall past the give-up time. `random` in [0, 1)
 * spreads the delay over [½, 1½) of the exponential step.
 */
export function nextAttempt(policy: RetryPolicy, attempts: number, firstAttemptAt: Date, now: Date, random: number): { at: Date } | 'expired' {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const at = new Date(now.getTime() + step * (0.5 + random));
  return at.getTime() - firstAttemptAt.getTime() > policy.giveUpMs ? 'expired' : { at };
}
