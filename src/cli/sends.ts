import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { issueNumberArgument } from '../issue/number-argument.js';
import { writeIssueStatus } from '../issue/set-status.js';
import { Workspace, type IssueFile } from '../issue/workspace.js';
import { ofAnotherIssue } from '../send/identity.js';
import { DELIVERY_STATES, type Delivery } from '../send/delivery.js';
import { REFUSED_SENDS_TO_BOUNCE, SendJournal, STOPPED_IN_FLIGHT } from '../send/journal.js';
import type { LockHolder } from '../send/run-lock.js';
import { highestSentNumber, issueJournal, sendRun, type SendRun } from '../send/runs.js';
import { isOutboxReply } from '../mail/transports/outbox.js';
import { openStore } from '../store/database.js';
import type { CommandIO, Output } from '../io.js';
import { counted } from '../render/format.js';
import { countsLine, sentIntoOutbox } from './send-report.js';
import { lockedError } from './send-lock.js';
import { anotherIssueSaid, sameIssueAdvice, sentAsSaid, sentUnderAnotherNumber, severalJournalsSaid } from './send-identity.js';
import { newsletterRoot, rootFlag } from './root.js';
import { shellWord } from '../shell-word.js';
import { shownPath } from '../path-within.js';

export interface SendsCommandOptions {
  root: string;
  /** The issue: its number (`42`, `#42`) or the path of its file. */
  issue: string;
  json?: boolean;
  discardOutbox?: boolean;
}

/**
 * `paperboy sends ISSUE`: the send journal of an issue: counts per state,
 * then each recipient that failed, expired, is unknown (may have arrived),
 * is in flight (`sending`: whether the run sending it still runs) or is
 * queued after a refusal (a retry it waits for), with the last SMTP reply; `--json` as data, every recipient listed. The issue is
 * named as `send` names it: a number, or a file's path (its frontmatter's
 * number is the journal's, as `send` journals it). Throws ISSUE_NOT_FOUND
 * (exit 2) for an issue with no journal and no file, in both modes.
 */
export async function run(options: SendsCommandOptions, io: CommandIO): Promise<number> {
  // `#42`, as a subject writes it, is 42.
  const written = options.issue.replace(/^#(?=\d+$)/, '');
  const path = /^\d+$/.test(written) ? undefined : options.issue;
  // A number is checked before anything is read.
  const given = path === undefined ? issueNumberArgument(written) : undefined;
  const config = await loadConfig(newsletterRoot(io.cwd, options.root, path === undefined ? [] : [path]));
  const workspace = await Workspace.loadCached(config);
  // A path is the issue `send` sent from that file: the journal of its frontmatter's number (`findOrAdd` refuses a file without one).
  const named = path === undefined ? undefined : await workspace.findOrAdd(path, io.cwd);
  const number = given ?? issueNumberArgument(String(named!.facts.number));
  const db = openStore(config.dataDir);
  try {
    const own = sendRun(db, number);
    // No journal: of an issue that exists (else the error lists the numbers there are), or of none.
    const file = named ?? (own === undefined ? workspace.numbered(written, io.cwd, 'Pass a number or the path of an issue file.') : workspace.byNumber(number));
    const identity = file?.facts.number === number && file.facts.readable ? { title: file.facts.title, date: file.facts.date } : undefined;
    const root = rootFlag(io.cwd, config.root);
    // An issue renumbered since its send began (`formerly`): its send is the journal of the number it had then.
    const found = identity ? issueJournal(db, number, (file!.facts.formerly ?? []).map((former) => former.number), identity) : undefined;
    if (found?.kind === 'several') io.stderr.write(`paperboy: issue ${number}: ${severalJournalsSaid(found)}.\n  The journal of number ${number} is shown.\n`);
    const journal = new SendJournal(db, found?.kind === 'former' ? found.issue : number);
    const run = journal.issue === number ? own : sendRun(db, journal.issue);
    // The journal of this number is of the issue that had it before, not of the file that has it now: shown, and said (exit 2).
    const other = identity && ofAnotherIssue(run, identity);
    if (other) {
      const where = shownPath(file!.path, io.cwd);
      const advice = journal.issue === number ? sameIssueAdvice(`paperboy send ${number}${root}`, Math.max(workspace.highestNumber(), highestSentNumber(db)) + 1) : `Never issue ${journal.issue}: take ${journal.issue} out of its \`formerly\`.`;
      io.stderr.write(`paperboy: ${anotherIssueSaid(other, where, identity)}.\n  That issue's send is shown. ${advice}\n`);
    }
    const code = other || found?.kind === 'several' ? 2 : 0;
    if (options.discardOutbox) {
      // The journal of this number is another issue's: its file is not this one, and which send to forget is not clear.
      if (other) {
        io.stderr.write(`paperboy: Nothing discarded: the journal of number ${number} is of another issue than ${shownPath(file!.path, io.cwd)}.\n`);
        return code;
      }
      return await discardOutbox(journal, run !== undefined, { dataDir: config.dataDir, file, number }, io, root);
    }
    if (options.json) {
      writeJson(io.stdout, { issue: number, journalIssue: journal.issue, mode: run?.mode ?? null, journalOf: run?.identity ?? null, counts: journal.counts() }, journal.inStates(DELIVERY_STATES));
      return code;
    }
    if (run === undefined) {
      // An issue renumbered since its send: its journal is under the number it had.
      const earlier = identity && sentUnderAnotherNumber(db, number, identity);
      io.stdout.write(`Issue ${number} has not been sent.${earlier ? ` But ${sentAsSaid(earlier)}: \`paperboy sends ${earlier.issue}${root}\`.` : ''}\n`);
      return 0;
    }
    const counts = journal.counts();
    const renumbered = journal.issue === number ? '' : ` (sent as issue ${journal.issue}, its \`formerly\`)`;
    io.stdout.write(`Issue ${number}${renumbered}${other ? ` (${issueOfJournal(other)})` : ''}, sent to ${run.mode === 'list' ? 'the list address' : 'the subscribers'}: ${countsLine(counts)}\n`);
    // Sent into the outbox (no SMTP_URL): journaled as sent, yet nothing left this machine; the editor must not read it as delivered.
    const outbox = sentIntoOutbox(journal, counts.sent);
    if (outbox.count > 0) {
      io.stdout.write(`${outbox.said} went into the outbox ${shownPath(join(config.dataDir, 'outbox', String(journal.issue)), io.cwd)}, not to a relay: nothing left this machine\n`);
    }
    // A queued row with a reply was refused or not reached at a try (a 4xx or 5.7.x reply waiting for its retry,
    // the relay unreachable): listed with it. The attempt count is no sign: a try that never reached the
    // server is not counted, nor was a policy refusal by earlier versions.
    // A `sending` row has no reply yet: what it waits for depends on whether the run sending it still runs.
    const inFlight = counts.sending > 0 ? inFlightSaid(journal.holder(new Date()), `paperboy send ${number}${root}`) : '';
    for (const delivery of journal.inStates(['failed', 'expired', 'unknown', 'sending', 'queued'])) {
      if (delivery.state === 'queued' && delivery.lastReply === null) continue;
      const marked = delivery.refusal === 'bounced' ? `\t${markedBounced(delivery.email, root)}` : '';
      const reply = delivery.state === 'sending' ? inFlight : (delivery.lastReply ?? '');
      io.stdout.write(`${delivery.state}\t${delivery.email}\t${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}\t${reply}${marked}\n`);
    }
    return code;
  } finally {
    db.close();
  }
}

/**
 * `sends N --discard-outbox`: forgets a send of issue N that went into the
 * outbox alone, and its outbox folder, so that `send N` through a relay
 * mails every active subscriber (a send through the outbox is otherwise
 * the send, RELIABILITY's "never twice"). Refused (exit 1, nothing
 * changed) when any recipient may have been reached through a relay, and
 * while a send of the issue runs (SEND_LOCKED, exit 1). The issue file the
 * send marked `status: sent` says `ready` again.
 */
async function discardOutbox(journal: SendJournal, started: boolean, where: { dataDir: string; file: IssueFile | undefined; number: number }, io: CommandIO, root: string): Promise<number> {
  // The issue as asked for; its journal is under the number it had when its send began (`formerly`).
  const number = where.number;
  if (!started) {
    io.stdout.write(`Issue ${number} has not been sent: nothing to discard.\n`);
    return 0;
  }
  const holder = journal.holder(new Date());
  if (holder) throw lockedError(`discard the send of issue ${number}`, holder, 'run this command again');
  const outcome = journal.discardOutboxOnly(isOutboxReply);
  if ('reachedRelay' in outcome) {
    io.stderr.write(`paperboy: Cannot discard the send of issue ${number}: ${counted(outcome.reachedRelay, 'recipient')} went to a relay (or may have): only a send that went into the outbox alone is discarded. \`paperboy sends ${number}${root}\` lists them.\n`);
    return 1;
  }
  rmSync(join(where.dataDir, 'outbox', String(journal.issue)), { recursive: true, force: true });
  io.stdout.write(`Discarded the outbox send of issue ${number} (${counted(outcome.discarded, 'recipient')}; nothing had left this machine): \`paperboy send ${number}${root}\` now sends it to every active subscriber.\n`);
  // The send wrote `status: sent` into the file, which a send then refuses without --force: the issue is ready again.
  const file = where.file;
  if (file?.facts.status === 'sent') {
    const shown = shownPath(file.path, io.cwd);
    try {
      if (await writeIssueStatus(file.path, 'ready')) io.stdout.write(`${shown}: status: ready\n`);
    } catch (error) {
      if (!(error instanceof PaperboyError)) throw error;
      io.stderr.write(`paperboy: ${shown} was not marked ready (${error.message}); write \`status: ready\` in it yourself\n`);
    }
  }
  return 0;
}

/**
 * What a `sending` row (its message going to the relay, no reply recorded)
 * waits for: the run sending it, while `holder` (the live process holding
 * the issue's lock) runs; else nothing, as that run stopped (killed, the
 * machine went down, or its journal could not be written), and `resume`
 * (the send command) makes the row `unknown` (RELIABILITY: a message that
 * may have arrived is never sent again unasked).
 */
function inFlightSaid(holder: LockHolder | undefined, resume: string): string {
  if (holder) return `going to the relay now, in the send running as pid ${holder.pid} on ${holder.host}`;
  return `${STOPPED_IN_FLIGHT}; \`${resume}\` resumes the send, and counts it unknown`;
}

/** What a failed row whose refusal marked its subscriber bounced (journal.ts `countRefusal`) says after its reply. */
function markedBounced(email: string, root: string): string {
  return `marked bounced: refused for good in ${REFUSED_SENDS_TO_BOUNCE} sends in a row (\`paperboy subscribers reactivate ${shellWord(email)}${root}\` if its mailbox takes mail again)`;
}

/** `"Odds" of 2024-01-05, not the issue numbered 5 now`: the heading of a journal of another issue than the file. */
function issueOfJournal(run: SendRun): string {
  return `"${run.identity!.title}" of ${run.identity!.date}, not the issue numbered ${run.issue} now`;
}

/**
 * `{issue, mode, journalOf, counts, recipients: [{email, state, attempts, lastReply, messageId, sentAt, refusal}]}`
 * (`journalOf`: the `{title, date}` the send recorded as its issue's; null
 * before a send, or for one an older paperboy started), every recipient in address order, one per line, written as read: a
 * journal of 100,000 recipients is never one string in memory.
 */
function writeJson(out: Output, head: object, deliveries: Iterable<Delivery>): void {
  out.write(`${JSON.stringify(head).slice(0, -1)},"recipients":[`);
  let first = true;
  for (const d of deliveries) {
    const row = { email: d.email, state: d.state, attempts: d.attempts, lastReply: d.lastReply, messageId: d.messageId, sentAt: d.sentAt, refusal: d.refusal };
    out.write(`${first ? '' : ','}\n${JSON.stringify(row)}`);
    first = false;
  }
  out.write(`${first ? '' : '\n'}]}\n`);
}
