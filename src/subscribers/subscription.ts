import type { Store } from '../store/database.js';
import { CONFIRMATION_TTL_MS, type ConfirmationClaim } from './confirmation-token.js';
import { cleanName, type Subscriber } from './model.js';
import { SubscriberStore } from './store.js';

/** A form subscription sends at most one confirmation email per address in this long, in ms (no mail bombing through our form). */
const CONFIRMATION_RESEND_MS = 60 * 60 * 1000;

/** The `requested_at` a claim names, as the table stores it (ISO 8601, whole seconds: what the link carries). */
function requestedTime(claim: Pick<ConfirmationClaim, 'requestedAt'>): string {
  return new Date(claim.requestedAt * 1000).toISOString();
}

/** The window the cap on confirmation emails counts in, in ms (`subscribe.confirmationsPerHour`). */
const CONFIRMATION_CAP_WINDOW_MS = 60 * 60 * 1000;

/**
 * What a subscription request asks of the caller: send this confirmation,
 * nothing, or answer that it cannot be taken now (`busy`: the cap on
 * confirmation emails is reached; `retryAfterMs` until one of the last
 * hour's leaves the window).
 */
export type RequestOutcome = { kind: 'confirm'; subscriber: Subscriber; claim: ConfirmationClaim } | { kind: 'quiet' } | { kind: 'busy'; retryAfterMs: number };

/** What a confirmation link did. */
export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'superseded' | 'left-since';

/**
 * Double opt-in through the subscription form (the server's), on the same
 * subscribers table as the CLI. A new address is stored `pending`; it
 * becomes `active` only through the newest confirmation link sent to it.
 * A reader who unsubscribed (or bounced) may come back this way, and only
 * this way: their status stays as it is until they confirm.
 */
export class Subscriptions {
  private readonly subscribers: SubscriberStore;

  constructor(
    private readonly db: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.subscribers = new SubscriberStore(db, now);
  }

  /**
   * Records a request and says whether a confirmation email is due: not for
   * an active address, nor within CONFIRMATION_RESEND_MS of the last one.
   * The caller answers the same in every case (no address enumeration).
   * `linkBase` is the baseUrl the confirmation link is made from, kept
   * with it (`linkBases`). When `perHour` confirmations have gone out in
   * the last hour (however many addresses and clients asked for them: a
   * botnet's), the request is `busy` and nothing is stored, whatever the
   * address (an answer for an active one alone would tell it apart). The
   * count is of the table, so a restart of the server keeps it; a
   * confirmation withdrawn (not sent) is not counted.
   */
  request(email: string, name: string, linkBase: string, perHour = Infinity): RequestOutcome {
    return this.db
      .transaction((): RequestOutcome => {
        const now = this.now();
        const busy = this.capReached(now, perHour);
        if (busy) return busy;
        // Whole seconds: what the link carries.
        const requestedAt = Math.floor(now.getTime() / 1000);
        let subscriber = this.subscribers.find(email);
        if (subscriber?.status === 'active') return { kind: 'quiet' };
        if (!subscriber) {
          subscriber = this.subscribers.add({ email, name: cleanName(name), status: 'pending', consentSource: 'form' }).subscriber;
        } else {
          const last = this.db.prepare('SELECT requested_at FROM confirmations WHERE subscriber_id = ?').get(subscriber.id) as { requested_at: string } | undefined;
          if (last && now.getTime() - Date.parse(last.requested_at) < CONFIRMATION_RESEND_MS) return { kind: 'quiet' };
        }
        this.db
          .prepare(
            `INSERT INTO confirmations (subscriber_id, requested_at, used_at, base_url) VALUES (?, ?, NULL, ?)
             ON CONFLICT (subscriber_id) DO UPDATE SET requested_at = excluded.requested_at, used_at = NULL, base_url = excluded.base_url`,
          )
          .run(subscriber.id, requestedTime({ requestedAt }), linkBase);
        return { kind: 'confirm', subscriber, claim: { subscriberId: subscriber.id, requestedAt } };
      })
      .immediate();
  }

  /** The `busy` outcome when `perHour` confirmations were sent in the hour before `now`; undefined below that. */
  private capReached(now: Date, perHour: number): RequestOutcome | undefined {
    if (!Number.isFinite(perHour)) return undefined;
    const since = new Date(now.getTime() - CONFIRMATION_CAP_WINDOW_MS).toISOString();
    // Along the index (migrations.ts): the hour's rows alone are read, not the table.
    const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM confirmations WHERE requested_at > ?').get(since) as { n: number };
    if (n < perHour) return undefined;
    // A place frees when the hour holds one fewer than the cap: when its (n - perHour + 1)th oldest leaves it (the cap may have been lowered).
    const { requested_at: leaving } = this.db.prepare('SELECT requested_at FROM confirmations WHERE requested_at > ? ORDER BY requested_at LIMIT 1 OFFSET ?').get(since, n - perHour) as { requested_at: string };
    return { kind: 'busy', retryAfterMs: Math.max(1000, Date.parse(leaving) + CONFIRMATION_CAP_WINDOW_MS - now.getTime()) };
  }

  /**
   * The baseUrls of the confirmation links that may still be followed
   * (unused, sent within CONFIRMATION_TTL_MS): where `serve` answers the
   * confirm endpoint after a move of baseUrl. Links sent before their
   * baseUrl was recorded are not among them. Sorted, each once.
   */
  linkBases(): string[] {
    const since = new Date(this.now().getTime() - CONFIRMATION_TTL_MS).toISOString();
    const rows = this.db.prepare('SELECT DISTINCT base_url AS baseUrl FROM confirmations WHERE used_at IS NULL AND base_url IS NOT NULL AND requested_at >= ? ORDER BY base_url').all(since);
    return (rows as { baseUrl: string }[]).map((row) => row.baseUrl);
  }

  /**
   * Forgets a confirmation request whose email could not be sent, so the
   * next request sends one at once instead of waiting out the hour.
   */
  withdraw(claim: ConfirmationClaim): void {
    this.db.prepare('DELETE FROM confirmations WHERE subscriber_id = ? AND requested_at = ? AND used_at IS NULL').run(claim.subscriberId, requestedTime(claim));
  }

  /**
   * Confirms with a genuine, unexpired link's claim: the subscriber becomes
   * `active`, its consent record the form, the time the reader asked (the
   * claim's, to the second) and the time of this confirmation. A link used
   * before (`already-confirmed`, or `left-since` when the reader is no
   * longer active), or replaced by a newer one, changes nothing.
   */
  confirm(claim: ConfirmationClaim): ConfirmOutcome {
    return this.db
      .transaction((): ConfirmOutcome => {
        // A link sent before two spellings of one mailbox were merged names the merged row.
        const id = this.subscribers.mergedInto(claim.subscriberId);
        const row = this.db.prepare('SELECT requested_at, used_at FROM confirmations WHERE subscriber_id = ?').get(id) as
          | { requested_at: string; used_at: string | null }
          | undefined;
        if (!row || row.requested_at !== requestedTime(claim)) return 'superseded';
        // A used link never subscribes again: a reader who left since (unsubscribed, or stopped by a bounce) asks anew.
        if (row.used_at !== null) return this.subscribers.byId(id)?.status === 'active' ? 'already-confirmed' : 'left-since';
        const time = this.now().toISOString();
        this.db.prepare('UPDATE confirmations SET used_at = ? WHERE subscriber_id = ?').run(time, id);
        this.db
          .prepare(
            `UPDATE subscribers SET status = 'active', consent_source = 'form', consent_at = ?, confirmed_at = ?, unsubscribed_at = NULL, updated_at = ? WHERE id = ?`,
          )
          .run(requestedTime(claim), time, time, id);
        return 'confirmed';
      })
      .immediate();
  }
}
