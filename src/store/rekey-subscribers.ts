import type Database from 'better-sqlite3';
import { emailKey } from '../config/address.js';

/** The statuses as this migration found them (subscribers/model.ts then). */
type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced' | 'complained';

interface Row {
  id: number;
  email: string;
  email_key: string;
  name: string;
  status: SubscriberStatus;
  consent_source: string;
  consent_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
}

/**
 * Which status a merged row keeps: the strongest. A suppression beats any
 * standing that gets mail (RELIABILITY 19: an unsubscribe always sticks),
 * a complaint beats a bounce beats an unsubscribe (the one that costs the
 * sender most if mailed again), active beats pending.
 */
const STRENGTH: Record<SubscriberStatus, number> = { pending: 0, active: 1, unsubscribed: 2, bounced: 3, complained: 4 };

/**
 * Recomputes every subscriber's `email_key` with `emailKey`, and merges
 * the rows whose addresses now share a key (two spellings of one mailbox,
 * such as `leser@bücher.example` and `LESER@XN--BCHER-KVA.EXAMPLE`) into
 * the oldest of them (lowest id), keeping its address as written. The
 * merged row keeps the strongest status (`STRENGTH`: a suppression is
 * never lost), the earliest consent record (source and time), the earliest
 * confirmation and unsubscribe times, and the first non-empty name. The
 * send journal's rows move to the kept row, and so does the group's newest
 * confirmation request (one mailbox's newest link is the one that works;
 * the others are dropped). Each merged id is recorded in
 * `subscriber_merges`, so a link that names it (unsubscribe, confirm)
 * still reaches the reader's subscription. Runs inside the migration's transaction;
 * `now` stamps `updated_at` of merged rows. `Row` is the table as this
 * migration found it, not the store's current row: a migration is never
 * edited once released (store/migrations.ts).
 */
export function rekeySubscribers(db: Database.Database, now: Date = new Date()): void {
  const rows = db.prepare('SELECT id, email, email_key, name, status, consent_source, consent_at, confirmed_at, unsubscribed_at, created_at FROM subscribers ORDER BY id').all() as Row[];
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = emailKey(row.email);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const group of groups.values()) if (group.length > 1) merge(db, group, now.toISOString());
  // Two passes: a new key may be another row's old one until that row has its own.
  const changed = [...groups].filter(([key, group]) => group[0]!.email_key !== key);
  const setKey = db.prepare('UPDATE subscribers SET email_key = ? WHERE id = ?');
  for (const [, group] of changed) setKey.run(`\u0000${group[0]!.id}`, group[0]!.id);
  for (const [key, group] of changed) setKey.run(key, group[0]!.id);
}

function merge(db: Database.Database, group: readonly Row[], time: string): void {
  const [kept, ...merged] = group as [Row, ...Row[]];
  const consent = group.reduce((earliest, row) => (row.consent_at < earliest.consent_at ? row : earliest));
  const status = group.reduce((strongest, row) => (STRENGTH[row.status] > STRENGTH[strongest] ? row.status : strongest), kept.status);
  const earliest = (times: (string | null)[]) => times.filter((t): t is string => t !== null).sort()[0] ?? null;
  db.prepare(
    `UPDATE subscribers SET name = ?, status = ?, consent_source = ?, consent_at = ?, confirmed_at = ?, unsubscribed_at = ?, created_at = ?, updated_at = ? WHERE id = ?`,
  ).run(
    group.find((row) => row.name !== '')?.name ?? '',
    status,
    consent.consent_source,
    consent.consent_at,
    earliest(group.map((row) => row.confirmed_at)),
    earliest(group.map((row) => row.unsubscribed_at)),
    earliest(group.map((row) => row.created_at)),
    time,
    kept.id,
  );
  const ids = merged.map((row) => row.id);
  const placeholders = ids.map(() => '?').join(', ');
  db.prepare(`UPDATE deliveries SET subscriber_id = ? WHERE subscriber_id IN (${placeholders})`).run(kept.id, ...ids);
  // A confirmation link names its row's id, which confirming follows to the kept row (subscriber_merges).
  const newest = db.prepare(`SELECT subscriber_id AS id FROM confirmations WHERE subscriber_id IN (?, ${placeholders}) ORDER BY requested_at DESC LIMIT 1`).get(kept.id, ...ids) as
    | { id: number }
    | undefined;
  db.prepare(`DELETE FROM confirmations WHERE subscriber_id IN (?, ${placeholders}) AND subscriber_id <> ?`).run(kept.id, ...ids, newest?.id ?? kept.id);
  if (newest) db.prepare('UPDATE confirmations SET subscriber_id = ? WHERE subscriber_id = ?').run(kept.id, newest.id);
  const record = db.prepare('INSERT INTO subscriber_merges (merged_id, subscriber_id) VALUES (?, ?)');
  for (const id of ids) record.run(id, kept.id);
  db.prepare(`DELETE FROM subscribers WHERE id IN (${placeholders})`).run(...ids);
}
