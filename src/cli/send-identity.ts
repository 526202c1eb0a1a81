import { PaperboyError } from '../errors.js';
import { ofAnotherIssue, type IssueIdentity } from '../send/identity.js';
import type { SendJournal } from '../send/journal.js';
import { issueJournal, sendRun, sendsOfIssue, type IssueJournal, type SendRun } from '../send/runs.js';
import type { Store } from '../store/database.js';
import { counted } from '../render/format.js';

/** What `send` checks its issue against the journal with (send/identity.ts). */
export interface JournalIssueCheck {
  db: Store;
  /** The journal of the issue's send (`journalNumber`). */
  journal: SendJournal;
  /** The issue file's number, and the numbers it had before (`formerly`). */
  issue: number;
  formerly: readonly number[];
  /** The issue file's title and date now. */
  identity: IssueIdentity;
  /** The issue file, as the command names it (`issues/0005-x.md`). */
  where: string;
  /** `--same-issue`: the editor's word that the journal of the number is of this issue, its title or date corrected since. */
  sameIssue: boolean;
  /** `--force`: send it even though it went out under another number. */
  force: boolean;
  /** A number no issue file and no send has had (the advice to a new issue given a used one). */
  freeNumber: () => number;
  /** `paperboy send 5` (with `--root` and `--list` as given), `paperboy sends`: what the advice says to run. */
  sendCommand: string;
  sendsCommand: (issue: number) => string;
}

/**
 * Refuses (SEND_REFUSED, exit 2) a send of an issue the journal of its
 * number is not of: a send started for another issue (its title or date
 * differ) unless `--same-issue`, or, for a number with no send, the issue
 * itself sent under another number (its readers have it) unless `--force`.
 * Without it, the journal of the old issue made the new one "sent" to
 * everyone, and its file was marked so, with nobody mailed. An issue
 * renumbered with `formerly` is checked against the journal of the number
 * its send began under (`journalNumber`); refused too when that is no
 * longer `check.journal` (a send under another number started since it
 * was chosen). `adopt` (once the send is under way, or a run with nothing
 * to send writes the status): with `--same-issue`, the journal records the
 * file's title and date, so the next run needs no flag. A send that
 * recorded no identity (started by an older paperboy) is taken for the
 * issue, as before.
 */
export function checkJournalIssue(check: JournalIssueCheck, adopt: boolean): void {
  const number = journalNumber(check);
  if (number !== check.journal.issue) {
    throw new PaperboyError('SEND_REFUSED', `Cannot send issue ${check.issue}: a send of it under number ${number} started while this one got ready; nothing was sent by this one`, {
      hint: `\`${check.sendsCommand(number)}\` shows that send; run the same command again to go on with it.`,
    });
  }
  const run = sendRun(check.db, number);
  const other = ofAnotherIssue(run, check.identity);
  if (other && !check.sameIssue) throw number === check.issue ? anotherIssueError(check, other) : formerOfAnotherError(check, other);
  if (run && adopt && check.sameIssue) check.journal.recordIdentity(check.identity);
  if (run || check.force) return;
  const earlier = sentUnderAnotherNumber(check.db, number, check.identity);
  if (earlier) throw sentAsError(check, earlier);
}

/**
 * The number the send of the issue `check` names is journaled under: its
 * own, or the former number (`formerly`) its send began under (send/runs.ts
 * `issueJournal`). Refuses (SEND_REFUSED, exit 2) an issue whose send
 * could be either of several journals: sending could mail its readers a
 * second time.
 */
export function journalNumber(check: Omit<JournalIssueCheck, 'journal'>): number {
  const found = issueJournal(check.db, check.issue, check.formerly, check.identity);
  if (found.kind === 'several') throw severalJournalsError(check, found);
  return found.issue;
}

/** The first send of the issue `identity` names under a number other than `issue`, if any (an issue renumbered since). */
export function sentUnderAnotherNumber(db: Store, issue: number, identity: IssueIdentity): SendRun | undefined {
  return sendsOfIssue(db, identity).find((run) => run.issue !== issue);
}

function anotherIssueError(check: JournalIssueCheck, run: SendRun): PaperboyError {
  const number = check.issue;
  return new PaperboyError('SEND_REFUSED', `Cannot send issue ${number}: ${anotherIssueSaid(run, check.where, check.identity)}`, {
    hint: `${sameIssueAdvice(check.sendCommand, check.freeNumber())} \`${check.sendsCommand(number)}\` shows that send.`,
  });
}

/** The journal of a number in the issue's `formerly` is of another issue: the number was never this issue's, or its title or date were corrected. */
function formerOfAnotherError(check: JournalIssueCheck, run: SendRun): PaperboyError {
  return new PaperboyError('SEND_REFUSED', `Cannot send issue ${check.issue}: its \`formerly\` names ${run.issue}, and ${anotherIssueSaid(run, check.where, check.identity)}`, {
    hint:
      `Never issue ${run.issue}: take ${run.issue} out of its \`formerly\`. ` +
      `The same issue, its title or date corrected since: \`${check.sendCommand} --same-issue\` continues that send (nobody it was sent to gets it again) and records the new title and date. \`${check.sendsCommand(run.issue)}\` shows that send.`,
  });
}

/** More than one journal could be the issue's send (`IssueJournal` `several`). */
function severalJournalsError(check: Omit<JournalIssueCheck, 'journal'>, found: SeveralJournals): PaperboyError {
  const own = found.own ? `If the journal of ${check.issue} is another issue's, give this one a number no issue and no send has had, such as \`number: ${check.freeNumber()}\` (its file name too), keeping its \`formerly\`; ` : '';
  return new PaperboyError('SEND_REFUSED', `Cannot send issue ${check.issue}: ${severalJournalsSaid(found)}; sending from either could give its readers a second copy`, {
    hint: `${own}take out of its \`formerly\` any number that was never this issue. ${[...(found.own ? [found.own] : []), ...found.former].map((run) => `\`${check.sendsCommand(run.issue)}\``).join(' and ')} show them.`,
  });
}

type SeveralJournals = Extract<IssueJournal, { kind: 'several' }>;

/** `its send could be any of 2 journals, issue 4's own (…) and issue 3's, a number in its `formerly` (…)`: said alike by `send` and `sends`. */
export function severalJournalsSaid(found: SeveralJournals): string {
  const said = [
    ...(found.own ? [`issue ${found.own.issue}'s own (${found.own.identity ? `of ${named(found.own.identity)}, ` : ''}${runSaid(found.own)})`] : []),
    ...found.former.map((run) => `issue ${run.issue}'s, a number in its \`formerly\` (${run.identity ? `of ${named(run.identity)}, ` : ''}${runSaid(run)})`),
  ];
  return `its send could be any of ${said.length} journals, ${said.join(' and ')}`;
}

/**
 * What to do about a journal of another issue: give the file a free
 * number (`free`, when known), or, for the same issue corrected, continue
 * its send with `--same-issue` (`command`: `paperboy send 5`).
 */
export function sameIssueAdvice(command: string, free?: number): string {
  return (
    `A new issue: give it a number no issue and no send has had${free === undefined ? '' : `, such as \`number: ${free}\``} (its file name too), and send that. ` +
    `The same issue, its title or date corrected since: \`${command} --same-issue\` continues its send (nobody it was sent to gets it again) and records the new title and date.`
  );
}

/** The journal of issue N is of another issue than the file numbered N now: said alike by `send` and `sends`. */
export function anotherIssueSaid(run: SendRun, where: string, file: IssueIdentity): string {
  return `the send journal of issue ${run.issue} is of another issue, ${named(run.identity!)} (${runSaid(run)}), not of ${where}, ${named(file)}`;
}

function sentAsError(check: JournalIssueCheck, run: SendRun): PaperboyError {
  return new PaperboyError('SEND_REFUSED', `Cannot send issue ${check.issue}: ${sentAsSaid(run)}; sending it as issue ${check.issue} would give its readers a second copy`, {
    hint:
      `Renumbered by mistake: give it back \`number: ${run.issue}\` (\`${check.sendsCommand(run.issue)}\` shows that send; the same send command resumes it if it did not finish). ` +
      `Renumbered on purpose: add \`formerly: [${run.issue}]\` to its file, and this command goes on with that send (nobody gets it twice; issues/${run.issue}/ leads to it). ` +
      'To send it again anyway, to every active subscriber, pass --force.',
  });
}

/** `it was sent as issue 5 ("Odds" of 2024-01-05: …)`: where an issue renumbered since went out. */
export function sentAsSaid(run: SendRun): string {
  return `it was sent as issue ${run.issue} (${named(run.identity!)}: ${runSaid(run)})`;
}

/** `"Odds and ends" of 2024-01-05` */
function named(identity: IssueIdentity): string {
  return `"${identity.title}" of ${identity.date}`;
}

/** `3 of 4 recipients sent, started 2024-03-01 12:00 UTC, finished 2024-03-01 12:02 UTC` */
function runSaid(run: SendRun): string {
  const sent = run.mode === 'list' ? `${run.sent > 0 ? 'sent' : 'not yet sent'} to the list address` : `${run.sent} of ${counted(run.recipients, 'recipient')} sent`;
  return `${sent}, started ${minute(run.createdAt)}${run.finishedAt === null ? ', not finished' : `, finished ${minute(run.finishedAt)}`}`;
}

/** An ISO 8601 UTC time to the minute, as a reader writes it: `2024-03-01 12:00 UTC`. */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
