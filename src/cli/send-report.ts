import { SingleBar } from 'cli-progress';
import type { CommandIO } from '../io.js';
import { PaperboyError } from '../errors.js';
import type { DeliveryResult } from '../mail/transports/transport.js';
import { counted, itOrThem } from '../render/format.js';
import { localDate } from '../issue/scaffold.js';
import type { Delivery, DeliveryState, Settlement, SettledDelivery } from '../send/delivery.js';
import type { SendJournal } from '../send/journal.js';
import type { DispatchResult, LeftSince } from '../send/dispatch.js';
import { classifyFailure } from '../send/outcome.js';
import { isOutboxReply } from '../mail/transports/outbox.js';

/** How often the one-line report is written when stderr is not a terminal, ms. */
const LINE_INTERVAL_MS = 10_000;

/**
 * Progress of a send on stderr: a bar with the rate, ETA and failures on a
 * terminal (cli-progress), else a line every ten seconds (a log, CI).
 */
export class SendProgress {
  private done = 0;
  private failed = 0;
  private readonly started = Date.now();
  private readonly bar: SingleBar | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: CommandIO,
    private readonly total: number,
  ) {
    if (io.stderr.isTTY) {
      this.bar = new SingleBar({
        format: 'sending [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | failed {failed}{waiting}',
        stream: io.stderr as unknown as NodeJS.WritableStream,
        hideCursor: true,
        etaBuffer: 200,
      });
      this.bar.start(total, 0, { rate: '0', failed: 0, waiting: '' });
    } else {
      this.timer = setInterval(() => this.io.stderr.write(`${this.line()}\n`), LINE_INTERVAL_MS);
      this.timer.unref();
    }
  }

  settled(_delivery: Delivery, settlement: Settlement): void {
    if (settlement.kind === 'release' || settlement.kind === 'retry') return;
    this.done++;
    if (settlement.kind === 'failed' || settlement.kind === 'expired') this.failed++;
    this.bar?.update(this.done, { rate: this.rate().toFixed(0), failed: this.failed, waiting: '' });
  }

  /**
   * The run waits until `until` to retry `queued` recipients a relay
   * deferred (4xx, 421), or backs off from a relay that failed (`relay`):
   * said at once, with the time (local, as a clock shows it), so a wait of
   * minutes does not look like a hang, and with the reply that deferred the
   * recipient due first (`deferredBy`), so it says why.
   */
  waiting(until: Date, queued: number, relay?: { reply: string; connections: number }, deferredBy?: string): void {
    const time = until.toLocaleTimeString('en-GB');
    const why = deferredBy === undefined ? '' : `, ${queued === 1 ? 'deferred' : 'the first deferred'} with ${shortReply(deferredBy)}`;
    const note = relay
      ? `the relay failed (${shortReply(relay.reply)}): waiting until ${time}, then ${counted(relay.connections, 'connection')}`
      : `waiting until ${time} to retry ${counted(queued, 'deferred recipient')}${why}`;
    if (this.bar) this.bar.update(this.done, { rate: this.rate().toFixed(0), failed: this.failed, waiting: ` | ${note}` });
    else this.io.stderr.write(`sending: ${note} (Ctrl-C stops; the same command resumes)\n`);
  }

  /**
   * Another program holds the database locked (a large `subscribers
   * import`, an SQLite browser with changes not saved): the send waits for
   * it, said at once with the time it began and the time it gives up at
   * (local, as a clock shows them).
   */
  locked(since: Date, giveUpAt: Date): void {
    const note = `another program holds the database locked since ${since.toLocaleTimeString('en-GB')} (a subscribers import?): waiting for it until ${giveUpAt.toLocaleTimeString('en-GB')} at most`;
    if (this.bar) this.bar.update(this.done, { rate: this.rate().toFixed(0), failed: this.failed, waiting: ` | ${note}` });
    else this.io.stderr.write(`sending: ${note} (Ctrl-C stops; the same command resumes)\n`);
  }

  /** Recipients that reached a final state in this run. */
  get settledCount(): number {
    return this.done;
  }

  stop(): void {
    this.bar?.stop();
    if (this.timer) clearInterval(this.timer);
  }

  private rate(): number {
    const seconds = (Date.now() - this.started) / 1000;
    return seconds > 0 ? this.done / seconds : 0;
  }

  private line(): string {
    return `sending: ${this.done}/${this.total}, ${this.rate().toFixed(1)}/s, ${this.failed} failed`;
  }
}

/**
 * A time a report tells the editor to act at, in the local time zone as
 * the progress lines say theirs: `14:05:09`, or `2026-12-07 09:00:00` when
 * it is not on `now`'s local day (a deferral may be hours off).
 */
export function clockTime(at: Date, now: Date): string {
  const time = at.toLocaleTimeString('en-GB');
  return localDate(at) === localDate(now) ? time : `${localDate(at)} ${time}`;
}

/** The line a run that leaves `queued` recipients deferred until `until` (a relay's 4xx) ends with: when to run the same command again, in local time. */
export function deferredWords(queued: number, until: Date, now: Date): string {
  return `${counted(queued, 'recipient')} deferred after temporary failures; next attempt after ${clockTime(until, now)} (local time): run the same command again then.`;
}

/** `sent 498, failed 1, unknown 0, …`: every state with a count, in the journal's order. */
export function countsLine(counts: Record<DeliveryState, number>): string {
  return Object.entries(counts)
    .filter(([state, count]) => count > 0 || state === 'sent')
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
}

/** A relay's reply (one line already, smtp.ts) cut to what a progress line has room for: the code and the start of its text. */
function shortReply(reply: string): string {
  return reply.length <= 80 ? reply : `${reply.slice(0, 79)}…`;
}

/** A rate for a summary line: whole numbers from 10 a second, then one decimal, two below 0.1 (1 message in 80 s is 0.01/s, not a rounded 0). */
/** How many of a journal's `sent` rows went into the outbox (no SMTP_URL then: nothing left this machine), and their words: `All the 3 sent` or `2 of the 3 sent`. */
export function sentIntoOutbox(journal: SendJournal, sent: number): { count: number; said: string } {
  let count = 0;
  for (const delivery of journal.inStates(['sent'])) if (isOutboxReply(delivery.lastReply)) count += 1;
  return { count, said: `${count === sent ? 'All' : `${count} of`} the ${sent} sent` };
}

export function perSecond(rate: number): string {
  return rate.toFixed(rate >= 10 ? 0 : rate >= 0.1 ? 1 : 2);
}

/** A session the relay refused (exit 2, its hint), a server at SMTP_URL that speaks no SMTP (exit 2), or a relay out of reach or refusing the login for now (exit 1, said): nothing was sent either way. */
export function relayRefused(result: Extract<DeliveryResult, { ok: false }>, io: CommandIO): number {
  const { failure } = result;
  // Something else listens there: waiting for it to be "up" would wait for ever.
  if (failure.stage === 'connect' && failure.notSmtp) {
    throw new PaperboyError('SMTP_NOT_SMTP', `The server at SMTP_URL answered \`${failure.reply.slice(0, 100)}\`, which is no SMTP reply (a relay greets with 220 and answers each command with a three-digit code)`, {
      hint: 'Check the host and port in SMTP_URL: they name another service (a web server?), not the mail relay. Nothing was sent.',
    });
  }
  if (failure.stage === 'connect' && (failure.code === undefined || failure.code < 500)) {
    io.stderr.write(`paperboy: Cannot reach the SMTP relay: ${failure.reply}. Nothing was sent; run the same command again when it is up.\n`);
    return 1;
  }
  if (failure.stage === 'auth' && classifyFailure(failure).action === 'retry') {
    io.stderr.write(`paperboy: The SMTP relay cannot log in for now (a temporary refusal, not a wrong password): ${failure.reply}. Nothing was sent; run the same command again later.\n`);
    return 1;
  }
  // Only a proof reaches here with the sender refused (a send's check, `verify`, logs in and sends no MAIL FROM).
  if (failure.stage === 'sender') {
    throw new PaperboyError('SMTP_REFUSED', `The SMTP relay refused the sender (MAIL FROM) for good: ${failure.reply}`, {
      hint: "Check that `from` in paperboy.config.yaml is an address the relay lets SMTP_URL's login send from (its domain, or one the relay's operator allows). Nothing was sent.",
    });
  }
  throw new PaperboyError('SMTP_REFUSED', `The SMTP relay refused the session before any message: ${failure.reply}`, {
    hint: `${failure.hint ?? 'Check the user and password in SMTP_URL, and that the relay offers STARTTLS with a valid certificate.'} Nothing was sent.`,
  });
}

/** Recipients of each kind a send's report names; `paperboy sends` lists them all. */
const LISTED_RECIPIENTS = 20;

/** The commands a report tells the user to run, for this issue and root: `paperboy send 6 --root news`, `paperboy subscribers reactivate ADDRESS --root news`. */
export interface ReportCommands {
  send: string;
  sends: string;
  reactivate: string;
}

/**
 * What a send that ends with recipients not known to have the issue says
 * on stderr, the run it happens in and not the next: the `unknown` ones
 * (their message had started going, no reply recorded) and the `failed` or `expired`
 * ones, each kind with up to 20 addresses (then how many more, and
 * `paperboy sends N` for all), what to do about it, and, for a run that
 * exits 1 (`exitCode`; not one stopped by a signal), that they are why.
 * A retry flag is advised only for the recipients it would send to: one
 * whose address has since bounced or unsubscribed (`leftSince`) is marked
 * so where listed, counted apart, and left, with why. A row the journal
 * still has `sending` whose result it failed to record (`unrecorded`, the
 * dispatch's after the journal's failure) is listed with what the relay
 * answered; one the relay took (its 250) is counted apart as having the
 * issue, and the retry flag is not advised for it.
 * Lines ending "\n"; "" when there are none.
 */
export function unsettledReport(
  journal: Pick<SendJournal, 'inStates'>,
  counts: Record<DeliveryState, number>,
  commands: ReportCommands,
  exitCode: number,
  leftSince: LeftSince,
  unrecorded: readonly SettledDelivery[] = [],
): string {
  // A row still `sending` (a dry run's, or another send's in flight) is as unknown as one marked so.
  const unknown = counts.unknown + counts.sending;
  const failed = counts.failed + counts.expired;
  if (unknown + failed === 0) return '';
  const lines: string[] = [];
  if (unknown > 0) {
    lines.push(`paperboy: ${counted(unknown, 'recipient')} unknown: their message had started going to the relay (DATA) and no reply was recorded, so it may have arrived:`);
    const heard = new Map(unrecorded.map(({ delivery, settlement }) => [delivery.recipientKey, settlement]));
    const { listing, left, taken } = listed(journal.inStates(['unknown', 'sending']), unknown, commands, leftSince, heard);
    lines.push(...listing, ...leftOut(left, commands), ...takenUnrecorded(taken, commands));
    const retried = unknown - total(left) - taken;
    if (retried > 0) {
      lines.push(`  \`${commands.send} --retry-unknown\` sends to ${others(retried, left, taken)} again, under the same Message-ID: a reader whose copy did arrive gets a second one (most mail programs show one).`);
    }
  }
  if (failed > 0) {
    lines.push(`paperboy: ${counted(failed, 'recipient')} failed or expired, with the relay's reply:`);
    const { listing, left } = listed(journal.inStates(['failed', 'expired']), failed, commands, leftSince, new Map());
    lines.push(...listing, ...leftOut(left, commands));
    const retried = failed - total(left);
    if (retried > 0) lines.push(`  \`${commands.send} --retry-failed\` sends to ${others(retried, left)} again.`);
  }
  const which = [unknown > 0 ? `${unknown} unknown` : '', failed > 0 ? `${failed} failed` : ''].filter(Boolean).join(' and ');
  if (exitCode === 1) lines.push(`paperboy: exit 1: ${which}, so not every recipient is known to have the issue.`);
  return `${lines.join('\n')}\n`;
}

/** How a status `LeftSince` gives is said where recipients are listed: `gone` as "no longer in the list". */
function leftWords(status: string): string {
  return status === 'gone' ? 'no longer in the list' : status;
}

/** How many recipients a retry leaves out, by why. */
type LeftCounts = Map<string, number>;

const total = (left: LeftCounts): number => [...left.values()].reduce((sum, count) => sum + count, 0);

/** What is said of the recipients the relay took whose `sent` the journal could not record (none: no line): they have the issue, and a retry of unknown ones mails them again. */
function takenUnrecorded(taken: number, commands: ReportCommands): string[] {
  if (taken === 0) return [];
  const them = itOrThem(taken);
  return [
    `  ${taken} of them ${taken === 1 ? 'was' : 'were'} taken by the relay (its 250 above), which the journal could not record: ${taken === 1 ? 'its reader has' : 'their readers have'} the issue. \`${commands.send}\` counts ${them} unknown; \`--retry-unknown\`, then or later, would send ${them} a second copy.`,
  ];
}

/** Whom a retry flag sends to: "it", "them", or, beside recipients it leaves out or the relay took, "the other one", "the other 3". */
function others(retried: number, left: LeftCounts, taken = 0): string {
  if (left.size === 0 && taken === 0) return itOrThem(retried);
  return retried === 1 ? 'the other one' : `the other ${retried}`;
}

/** What is said of the recipients a retry leaves out (none: no line): how many, by status, and why nothing sends to them. */
function leftOut(left: LeftCounts, commands: ReportCommands): string[] {
  const count = total(left);
  if (count === 0) return [];
  const statuses = [...left].map(([status, n]) => `${n} ${leftWords(status)}`).join(', ');
  const reactivate = left.has('bounced') ? ` (\`${commands.reactivate}\` makes a bounced one active again, if its mailbox takes mail)` : '';
  return [`  ${count} of them ${count === 1 ? 'is' : 'are'} no longer active (${statuses}): a retry would not send to ${itOrThem(count)}, as no send mails an address that left${reactivate}.`];
}

/**
 * `  unknown: a@example.org: <reply>` for the first LISTED_RECIPIENTS of
 * `total`, ` (now bounced)` after one a retry leaves out, then how many
 * more and where they all are; and how many of all of them (listed or
 * not) a retry leaves out, by status, and how many still `sending` the
 * relay took (`heard`: a result the journal could not record, by
 * recipient key; such a row is listed with that result's reply).
 */
function listed(
  deliveries: Iterable<Delivery>,
  total: number,
  commands: ReportCommands,
  leftSince: LeftSince,
  heard: ReadonlyMap<string, Settlement>,
): { listing: string[]; left: LeftCounts; taken: number } {
  const listing: string[] = [];
  const left: LeftCounts = new Map();
  let taken = 0;
  for (const delivery of deliveries) {
    const result = delivery.state === 'sending' ? heard.get(delivery.recipientKey) : undefined;
    const status = leftSince(delivery);
    // Taken by the relay: the reader has it, whatever its status now; a retry is not for it on either count.
    if (result?.kind === 'sent') taken += 1;
    else if (status !== undefined) left.set(status, (left.get(status) ?? 0) + 1);
    if (listing.length === LISTED_RECIPIENTS) continue;
    const now = status === undefined || result?.kind === 'sent' ? '' : ` (now ${leftWords(status)})`;
    const reply = result?.reply === undefined ? delivery.lastReply : `${result.reply} (not journaled: the journal could not be written)`;
    listing.push(`  ${delivery.state}: ${delivery.email}${reply ? `: ${reply}` : ''}${now}`);
  }
  if (total > listing.length) listing.push(`  … and ${total - listing.length} more: \`${commands.sends}\` lists them all`);
  return { listing, left, taken };
}

/** What the run says when it stopped before every recipient was final, by why (send/dispatch.ts `StopReason`). */
const STOPPED: Record<NonNullable<DispatchResult['stop']>['reason'], string> = {
  interrupted: 'Interrupted (Ctrl-C or SIGTERM): the messages in flight finished and are recorded; run the same command to resume.',
  'relay-down': 'Stopped early: the SMTP relay keeps failing (refused connections, 421, dropped sessions or replies that break SMTP). The rest stay queued; run the same command later to resume.',
  policy: 'Paused: the relay refuses our mail by policy (5.7.x: authentication, SPF/DKIM/DMARC or reputation). Nobody was marked bounced; fix the sending setup, then run the same command to resume.',
  'unknown-recipients':
    'Paused: the relay refused several recipients in a row as unknown mailboxes (5.1.x) and has delivered no message of this send, as a relay that does not deliver for these domains answers for everyone. Nobody was marked bounced; check the relay (its relay domains or recipient table), then run the same command to resume.',
  'recipients-refused':
    'Paused: the relay refused the first recipients of this send one after another for good (a 5xx at RCPT) and has taken no message of it, as a relay that will not relay for us answers for everyone (Exim: 550 relay not permitted). Nobody was marked failed; check the relay (SMTP_URL, its login, the addresses it relays for), then run the same command to resume.',
  'message-refused':
    'Paused: the relay refused the message itself for several recipients in a row (a 5xx at the end of DATA, such as 552 for its size or 554 for its content) and has taken no message of this send. Nobody was marked failed; make the issue something the relay takes (`paperboy lint` warns of an email past 102 KB), then run the same command to resume.',
  abort: 'Aborted: the relay refused the login or the sender. Nothing more was sent and no recipient was marked failed.',
  journal:
    'Stopped: the send journal cannot be written, so nothing more was sent. Make it writable again (free disk space, or end the program holding the database), then run the same command to resume: the messages that were in flight count as unknown then.',
};

/** Why the run stopped, and the relay's last reply, or after the journal's failure its error (SQLite's, not the relay's); after an interrupt, neither. */
export function stoppedWords(stop: NonNullable<DispatchResult['stop']>): string {
  if (stop.reason === 'interrupted') return STOPPED.interrupted;
  return `${STOPPED[stop.reason]} ${stop.reason === 'journal' ? "The journal's error" : 'Last reply'}: ${stop.reply}`;
}

/** 130/143 after a signal, 2 after the relay refused the login or sender, 1 when a recipient is not known to have the issue or is left for later, else 0. */
export function sendExitCode(result: DispatchResult, counts: Record<DeliveryState, number>, interruptedExit: number): number {
  if (result.stop?.reason === 'interrupted') return interruptedExit;
  if (result.stop?.reason === 'abort') return 2;
  return result.stop || result.deferredUntil || counts.failed + counts.expired + counts.unknown + counts.queued > 0 ? 1 : 0;
}
