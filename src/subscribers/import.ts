import type { Store } from '../store/database.js';
import { emailKey } from '../config/address.js';
import { SUPPRESSED_STATUSES, type SubscriberStatus } from './model.js';
import type { ImportRow } from './csv-import.js';
import type { RowTimes } from './csv-times.js';

/** What importing one row does. */
export type ImportAction =
  | { kind: 'add'; row: ImportRow; status: SubscriberStatus }
  | { kind: 'activate'; row: ImportRow; id: number }
  | { kind: 'suppress'; row: ImportRow; id: number; status: SubscriberStatus }
  | { kind: 'unchanged'; row: ImportRow }
  | { kind: 'skip'; row: ImportRow; status: SubscriberStatus };

/**
 * Decides, without writing, what each row does (RELIABILITY 19): a new
 * address is added (active, or with the status its row gives: a
 * suppression, or `pending` for a reader the file says never confirmed);
 * a pending one becomes active, unless the row says it is pending too (an
 * export read back must not confirm for the reader); an active one stays
 * (so a second import of the same file changes nothing); an address that
 * unsubscribed, bounced or complained is skipped, whatever the file says.
 */
export function planImport(rows: readonly ImportRow[], lookup: (key: string) => { id: number; status: SubscriberStatus } | undefined): ImportAction[] {
  return rows.map((row): ImportAction => {
    const existing = lookup(emailKey(row.email));
    if (!existing) return { kind: 'add', row, status: row.status ?? 'active' };
    if (SUPPRESSED_STATUSES.has(existing.status)) return { kind: 'skip', row, status: existing.status };
    // A file never confirms for the reader, nor takes back a confirmation the list has.
    if (row.status === 'pending') return { kind: 'unchanged', row };
    if (row.status) return { kind: 'suppress', row, id: existing.id, status: row.status };
    return existing.status === 'pending' ? { kind: 'activate', row, id: existing.id } : { kind: 'unchanged', row };
  });
}

/** Rows per action; `pending`: new addresses added pending (never confirmed, not mailed), counted apart from `add`. */
export type ImportCounts = Record<ImportAction['kind'] | 'pending', number>;

/**
 * Plans and applies an import in one transaction: all rows or none (a
 * crash half-way leaves the list as it was). Returns the actions taken.
 * A new address's consent record takes the times its row gives
 * (`ImportRow.times`), each missing one being `now`'s: consent when given,
 * confirmed when given, else (an active one) when consent was, and the
 * time of unsubscribing; an address already there keeps its record, and
 * one the file unsubscribes takes the file's time of it.
 */
export function importSubscribers(db: Store, rows: readonly ImportRow[], consentSource: string, now: Date = new Date()): ImportAction[] {
  const time = now.toISOString();
  const find = db.prepare('SELECT id, status FROM subscribers WHERE email_key = ?');
  const insert = db.prepare(
    `INSERT INTO subscribers (email, email_key, name, status, consent_source, consent_at, confirmed_at, unsubscribed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const activate = db.prepare(`UPDATE subscribers SET status = 'active', confirmed_at = ?, updated_at = ? WHERE id = ?`);
  const suppress = db.prepare(`UPDATE subscribers SET status = ?, unsubscribed_at = CASE WHEN ? = 'unsubscribed' THEN ? ELSE unsubscribed_at END, updated_at = ? WHERE id = ?`);
  return db
    .transaction(() => {
      const actions = planImport(rows, (key) => find.get(key) as { id: number; status: SubscriberStatus } | undefined);
      for (const action of actions) {
        if (action.kind === 'add') {
          const { email, name, times } = action.row;
          const record = consentRecord(action.status, times, time);
          insert.run(email, emailKey(email), name, action.status, consentSource, record.consentAt, record.confirmedAt, record.unsubscribedAt, time, time);
        } else if (action.kind === 'activate') {
          activate.run(time, time, action.id);
        } else if (action.kind === 'suppress') {
          suppress.run(action.status, action.status, action.row.times.unsubscribedAt ?? time, time, action.id);
        }
      }
      return actions;
    })
    .immediate();
}

/**
 * The consent record of an address added with `status`: the file's times
 * (`times`), else `now` (ISO 8601) where the store always has one. An
 * active address without a time of confirming was confirmed when it
 * consented (a single opt-in, or `subscribers add`); one that left was
 * confirmed only if the file says when; only an unsubscribe has a time of
 * unsubscribing (a bounce or a complaint is kept with the file's, if any).
 */
function consentRecord(status: SubscriberStatus, times: RowTimes, now: string): { consentAt: string; confirmedAt: string | null; unsubscribedAt: string | null } {
  const consentAt = times.consentAt ?? now;
  if (status === 'active') return { consentAt, confirmedAt: times.confirmedAt ?? consentAt, unsubscribedAt: null };
  return { consentAt, confirmedAt: times.confirmedAt ?? null, unsubscribedAt: times.unsubscribedAt ?? (status === 'unsubscribed' ? now : null) };
}

/**
 * How many rows did what, as the import's summary says it: `add` counts the
 * addresses added as active, `suppress` every address the file marked
 * unsubscribed, bounced or complained, a new one stored so included (it
 * was not added to the readers of the next issue), `pending` the new
 * addresses stored pending (neither are they).
 */
export function countActions(actions: readonly ImportAction[]): ImportCounts {
  const counts: ImportCounts = { add: 0, activate: 0, suppress: 0, unchanged: 0, skip: 0, pending: 0 };
  for (const action of actions) counts[countedAs(action)]++;
  return counts;
}

function countedAs(action: ImportAction): keyof ImportCounts {
  if (action.kind !== 'add' || action.status === 'active') return action.kind;
  return action.status === 'pending' ? 'pending' : 'suppress';
}
