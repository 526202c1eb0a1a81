import type { Store } from '../store/database.js';
import type { IssueIdentity } from './identity.js';

/** An issue the journal says reached readers: what its emails' "view in browser" link (`<baseUrl>issues/<number>/`) was given under. */
export interface SentIssue {
  /** The number it was sent as. */
  issue: number;
  /** Its title and date when the send started (identity.ts); undefined for a send started before paperboy recorded them. */
  identity: IssueIdentity | undefined;
  /** `list`: one message to the list address; `subscribers`: one a reader. */
  mode: 'subscribers' | 'list';
  /** Deliveries journaled `sent` (for the outbox too: the journal does not tell it from a relay, cli/send.ts). */
  sent: number;
  /** When the first of them was sent (ISO 8601, UTC). */
  firstSentAt: string;
}

/**
 * The issues the send journal says were sent to at least one reader (a
 * delivery `sent`), ascending: one query, whatever the number of issues.
 * `--test` proofs are outside the journal, so never among them, nor is a
 * send that reached nobody (every delivery failed, or a `--dry-run`,
 * which journals nothing). Reads a database of any schema version: none
 * from one that has no journal yet; no identities from one before they
 * were recorded (migrations.ts).
 */
export function sentIssues(db: Store): SentIssue[] {
  if (!hasColumn(db, 'send_runs', 'issue')) return [];
  const identity = hasColumn(db, 'send_runs', 'issue_title') ? 'r.issue_title AS title, r.issue_date AS date' : 'NULL AS title, NULL AS date';
  const rows = db
    .prepare(
      `SELECT r.issue AS issue, r.mode AS mode, ${identity}, COUNT(*) AS sent, MIN(coalesce(d.sent_at, d.updated_at)) AS firstSentAt
       FROM send_runs r JOIN deliveries d ON d.issue = r.issue AND d.state = 'sent' GROUP BY r.issue ORDER BY r.issue`,
    )
    .all() as { issue: number; mode: SentIssue['mode']; title: string | null; date: string | null; sent: number; firstSentAt: string }[];
  return rows.map(({ title, date, ...row }) => ({ ...row, identity: title !== null && date !== null ? { title, date } : undefined }));
}

function hasColumn(db: Store, table: string, column: string): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
}
