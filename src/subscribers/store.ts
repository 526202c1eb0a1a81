import type { Store } from '../store/database.js';
import { emailKey } from '../config/address.js';
import { SUPPRESSED_STATUSES, type Subscriber, type SubscriberStatus } from './model.js';

interface SubscriberRow {
  id: number;
  email: string;
  name: string;
  status: SubscriberStatus;
  consent_source: string;
  consent_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

const COLUMNS = 'id, email, name, status, consent_source, consent_at, confirmed_at, unsubscribed_at';

function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    consentSource: row.consent_source,
    consentAt: row.consent_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}

/** What `add` did: added, made active, already there, or refused because the address left. */
export type AddOutcome = { kind: 'added' | 'activated' | 'unchanged'; subscriber: Subscriber } | { kind: 'suppressed'; subscriber: Subscriber };

export interface NewSubscriber {
  email: string;
  name?: string;
  /** Default `active` (consent given elsewhere); the server's form adds `pending` until confirmed. */
  status?: SubscriberStatus;
  consentSource: string;
}

/**
 * The subscribers table. Every change is one statement or one transaction;
 * times are ISO 8601 UTC from the `now` clock (injectable for tests).
 */
export class SubscriberStore {
  private statusStatement: ReturnType<Store['prepare']> | undefined;

  constructor(
    private readonly db: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  find(email: string): Subscriber | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE email_key = ?`).get(emailKey(email)) as SubscriberRow | undefined;
    return row && toSubscriber(row);
  }

  /** The subscriber with `id`, or the one a row with that id was merged into (store/rekey-subscribers.ts), as a link naming it means. */
  byId(id: number): Subscriber | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE id = ?`).get(this.mergedInto(id)) as SubscriberRow | undefined;
    return row && toSubscriber(row);
  }

  /**
   * The status of the row with `id` as it is now, undefined when no row
   * has it (merged into another, store/rekey-subscribers.ts): not
   * following merges, since a send's journal names the row it froze. Asked
   * before each message of a send: prepared once.
   */
  statusOf(id: number): SubscriberStatus | undefined {
    this.statusStatement ??= this.db.prepare('SELECT status FROM subscribers WHERE id = ?');
    return (this.statusStatement.get(id) as { status: SubscriberStatus } | undefined)?.status;
  }

  /** The id a link naming `id` means now: the row it was merged into (store/rekey-subscribers.ts), else `id`. */
  mergedInto(id: number): number {
    return (this.db.prepare('SELECT subscriber_id FROM subscriber_merges WHERE merged_id = ?').get(id) as { subscriber_id: number } | undefined)?.subscriber_id ?? id;
  }

  /**
   * Adds an address, or activates a pending one. An address that
   * unsubscribed, bounced or complained is left as it is (`suppressed`):
   * only the reader can come back, through the subscription form.
   */
  add(input: NewSubscriber): AddOutcome {
    return this.db.transaction((): AddOutcome => {
      const existing = this.find(input.email);
      const status = input.status ?? 'active';
      const time = this.now().toISOString();
      if (existing) {
        if (SUPPRESSED_STATUSES.has(existing.status)) return { kind: 'suppressed', subscriber: existing };
        if (existing.status === 'pending' && status === 'active') {
          this.db.prepare(`UPDATE subscribers SET status = 'active', confirmed_at = ?, updated_at = ? WHERE id = ?`).run(time, time, existing.id);
          return { kind: 'activated', subscriber: this.byId(existing.id)! };
        }
        return { kind: 'unchanged', subscriber: existing };
      }
      const id = this.insert.run({
        email: input.email.trim(),
        email_key: emailKey(input.email),
        name: input.name ?? '',
        status,
        consent_source: input.consentSource,
        consent_at: time,
        confirmed_at: status === 'active' ? time : null,
        unsubscribed_at: status === 'unsubscribed' ? time : null,
        created_at: time,
      }).lastInsertRowid;
      return { kind: 'added', subscriber: this.byId(Number(id))! };
    }).immediate();
  }

  /**
   * Gives the subscriber `id` the display name `name` (cleaned and checked
   * by the caller: model.ts `cleanName`, `nameProblem`), its status and
   * consent record unchanged. Returns the subscriber as it is now, or
   * undefined when there is no such subscriber.
   */
  setName(id: number, name: string): Subscriber | undefined {
    this.db.prepare('UPDATE subscribers SET name = ?, updated_at = ? WHERE id = ?').run(name, this.now().toISOString(), id);
    return this.byId(id);
  }

  private get insert() {
    return this.db.prepare(
      `INSERT INTO subscribers (email, email_key, name, status, consent_source, consent_at, confirmed_at, unsubscribed_at, created_at, updated_at)
       VALUES (@email, @email_key, @name, @status, @consent_source, @consent_at, @confirmed_at, @unsubscribed_at, @created_at, @created_at)`,
    );
  }

  /**
   * Unsubscribes a subscriber (by id, as an unsubscribe token names them,
   * a merged row's id included).
   * The consent record stays (RELIABILITY 20); repeating it changes nothing.
   * Returns false when there is no such subscriber.
   */
  unsubscribe(id: number): boolean {
    const time = this.now().toISOString();
    const changed = this.db
      .prepare(`UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = ?, updated_at = ? WHERE id = ? AND status NOT IN ('unsubscribed', 'bounced', 'complained')`)
      .run(time, time, this.mergedInto(id)).changes;
    return changed > 0 || this.byId(id) !== undefined;
  }

  /** Marks an address whose mailbox does not exist (a 5.1.x reply): never mailed again. */
  markBounced(id: number): void {
    const time = this.now().toISOString();
    this.db.prepare(`UPDATE subscribers SET status = 'bounced', updated_at = ? WHERE id = ? AND status IN ('active', 'pending')`).run(time, id);
  }

  /**
   * Makes a `bounced` subscriber `active` again: the editor's call, after a
   * bounce that was the relay's or the mailbox's passing fault (a full
   * mailbox answered 5.1.x, a relay that did not know the list's domains).
   * The consent record is the reader's and stays as it was. An address that
   * unsubscribed or complained withdrew its consent: only the reader can
   * come back, through the form. Returns false when `id` was not `bounced`.
   * The refusals counted before (send/journal.ts `REFUSED_SENDS_TO_BOUNCE`)
   * count no more: two new ones in a row mark it bounced again.
   */
  reactivate(id: number): boolean {
    const time = this.now().toISOString();
    return this.db.prepare(`UPDATE subscribers SET status = 'active', updated_at = ?, reactivated_at = ? WHERE id = ? AND status = 'bounced'`).run(time, time, id).changes > 0;
  }

  /** Every subscriber (or those with `status`), in id order, read one row at a time. */
  *list(status?: SubscriberStatus): IterableIterator<Subscriber> {
    const statement = status
      ? this.db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE status = ? ORDER BY id`).bind(status)
      : this.db.prepare(`SELECT ${COLUMNS} FROM subscribers ORDER BY id`);
    for (const row of statement.iterate() as IterableIterator<SubscriberRow>) yield toSubscriber(row);
  }

  count(status: SubscriberStatus = 'active'): number {
    return (this.db.prepare('SELECT count(*) AS n FROM subscribers WHERE status = ?').get(status) as { n: number }).n;
  }

  /** Counts per status (every status present, zero included). */
  countsByStatus(): Record<SubscriberStatus, number> {
    const counts: Record<SubscriberStatus, number> = { pending: 0, active: 0, unsubscribed: 0, bounced: 0, complained: 0 };
    for (const row of this.db.prepare('SELECT status, count(*) AS n FROM subscribers GROUP BY status').all() as { status: SubscriberStatus; n: number }[]) {
      counts[row.status] = row.n;
    }
    return counts;
  }
}
