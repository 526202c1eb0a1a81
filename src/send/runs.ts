import type { Store } from '../store/database.js';
import { ofAnotherIssue, type IssueIdentity } from './identity.js';
import type { SendMode } from './delivery.js';

/** A send of an issue as its journal records it: what `send` and `sends` say of it when it is of another issue. */
export interface SendRun {
  issue: number;
  mode: SendMode;
  /** Undefined for a send started by a paperboy that did not record it: read by its number alone, as then. */
  identity: IssueIdentity | undefined;
  /** When the send started (its recipients frozen), ISO 8601 UTC. */
  createdAt: string;
  /** When its last recipient got a final state, ISO 8601 UTC; null while some are left. */
  finishedAt: string | null;
  /** Its recipients, and how many of them are `sent`. */
  recipients: number;
  sent: number;
}

/** The send of issue `issue` as the journal records it (which issue it is of, when, how many sent), if one was started. */
export function sendRun(db: Store, issue: number): SendRun | undefined {
  return runsWhere(db, 'issue = ?', [issue])[0];
}

/**
 * The sends recorded as of the issue `identity` names, under any number,
 * lowest number first: where an issue renumbered since was sent (its
 * readers have it already). Sends that recorded no identity are not among
 * them.
 */
export function sendsOfIssue(db: Store, identity: IssueIdentity): SendRun[] {
  return runsWhere(db, 'issue_title = ? AND issue_date = ?', [identity.title, identity.date]);
}

/**
 * Where the send of an issue is journaled: under its number, or, for an
 * issue renumbered since its send began (`formerly`), under the number it
 * had then. The journal follows the issue, so that `send` resumes it (each
 * reader mailed once, RELIABILITY 9) and `sends` shows it. `several`: more
 * than one journal could be its send (its own number's, of another issue or
 * of none recorded, beside a former number's; or two former numbers'):
 * which one is its send is the editor's call, and guessing could mail its
 * readers twice.
 */
export type IssueJournal = { kind: 'own'; issue: number } | { kind: 'former'; issue: number } | { kind: 'several'; own: SendRun | undefined; former: SendRun[] };

/**
 * The journal of the issue numbered `issue`, renumbered from `formerly`
 * (`Issue.formerly`), whose title and date are `identity` now (read
 * only). A journal of its number that is recorded as of this very issue is
 * its send, whatever its former numbers hold (the send under the new number
 * started before journals followed renumberings, `--force`); a journal of
 * a former number is its send when its number has none. A former number's
 * journal is taken whatever issue it records: `send` compares it with the
 * file as for its own number (cli/send-identity.ts).
 */
export function issueJournal(db: Store, issue: number, formerly: readonly number[], identity: IssueIdentity): IssueJournal {
  const former = [...new Set(formerly)].flatMap((number) => (number === issue ? [] : (sendRun(db, number) ?? [])));
  if (former.length === 0) return { kind: 'own', issue };
  const own = sendRun(db, issue);
  if (own?.identity !== undefined && ofAnotherIssue(own, identity) === undefined) return { kind: 'own', issue };
  if (own === undefined && former.length === 1) return { kind: 'former', issue: former[0]!.issue };
  return { kind: 'several', own, former };
}

/** The highest issue number any send was started under (0 for none): a number a new issue should not be given. */
export function highestSentNumber(db: Store): number {
  return (db.prepare('SELECT coalesce(max(issue), 0) AS n FROM send_runs').get() as { n: number }).n;
}

function runsWhere(db: Store, where: string, values: unknown[]): SendRun[] {
  const rows = db
    .prepare(
      `SELECT issue, mode, issue_title, issue_date, created_at, finished_at,
         (SELECT count(*) FROM deliveries d WHERE d.issue = r.issue) AS recipients,
         (SELECT count(*) FROM deliveries d WHERE d.issue = r.issue AND d.state = 'sent') AS sent
       FROM send_runs r WHERE ${where} ORDER BY issue`,
    )
    .all(...values) as { issue: number; mode: SendMode; issue_title: string | null; issue_date: string | null; created_at: string; finished_at: string | null; recipients: number; sent: number }[];
  return rows.map((row) => ({
    issue: row.issue,
    mode: row.mode,
    identity: row.issue_title === null || row.issue_date === null ? undefined : { title: row.issue_title, date: row.issue_date },
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    recipients: row.recipients,
    sent: row.sent,
  }));
}
