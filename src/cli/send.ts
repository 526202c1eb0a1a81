import { join } from 'node:path';
import { loadConfig, type Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import type { IssueFile } from '../issue/workspace.js';
import { Workspace } from '../issue/workspace.js';
import { loadDkimSigner, type DkimSigner } from '../mail/dkim.js';
import { oneClickWarning } from '../mail/headers.js';
import { MessageTemplate } from '../mail/message-template.js';
import { OutboxTransport } from '../mail/transports/outbox.js';
import { transportFromEnv } from '../mail/transports/from-env.js';
import type { SmtpOptions } from '../mail/transports/smtp.js';
import type { Transport } from '../mail/transports/transport.js';
import { renderIssueEmail } from '../render/issue-email.js';
import { loadTemplates } from '../render/templates.js';
import { dispatch, leftSinceIn, type DispatchResult } from '../send/dispatch.js';
import type { SendMode } from '../send/delivery.js';
import { SendJournal } from '../send/journal.js';
import { highestSentNumber } from '../send/runs.js';
import { modeConflict, planSend, type SendPlan } from '../send/plan.js';
import { settledView, settleHandedOver, type SettledView } from '../send/recover.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../send/retry.js';
import { openStore, openStoreIfAny, type Store } from '../store/database.js';
import { keysSource, unsubscribeKeys } from '../subscribers/secret.js';
import { emailProblem } from '../subscribers/model.js';
import { SubscriberStore } from '../subscribers/store.js';
import { sign } from '../subscribers/unsubscribe-token.js';
import type { CommandIO } from '../io.js';
import { counted } from '../render/format.js';
import { lintMessages } from './lint-messages.js';
import { countsLine, deferredWords, perSecond, sendExitCode, SendProgress, sentIntoOutbox, stoppedWords, unsettledReport, type ReportCommands } from './send-report.js';
import { lockedError, releaseLock } from './send-lock.js';
import { sendProof } from './send-proof.js';
import { checkRelay } from './send-size.js';
import { MEASURING_KEYS } from '../send/size-limit.js';
import { checkIssue } from './send-ready.js';
import { checkJournalIssue, journalNumber, type JournalIssueCheck } from './send-identity.js';
import { newsletterRoot, rootFlag } from './root.js';
import { sayUnreadTemplates } from './unread-templates.js';
import { confirm } from './io.js';
import { shellWord } from '../shell-word.js';
import { shownPath } from '../path-within.js';
import { markFinished } from './send-finish.js';

export interface SendCommandOptions {
  root: string;
  issue: string;
  list?: boolean;
  test?: string;
  review?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  rate?: number;
  concurrency?: number;
  force?: boolean;
  retryUnknown?: boolean;
  retryFailed?: boolean;
  /** `--same-issue`: the journal of the number is of this issue, its title or date corrected since (send-identity.ts). */
  sameIssue?: boolean;
  /** Not flags: what tests and the benchmark set. */
  retry?: RetryPolicy;
  maxWaitMs?: number;
  /** The system clock the dispatch reads (a test's steps back). */
  now?: () => Date;
  smtp?: Partial<SmtpOptions>;
  signal?: AbortSignal;
}

/** How long a run waits for deferred retries before leaving them to the next run, ms. */
const DEFAULT_MAX_WAIT_MS = 10 * 60_000;
/**
 * The signals that stop a send cleanly (the messages in flight finish and
 * are recorded, RELIABILITY 14): Ctrl-C, and SIGTERM, what `kill`, systemd
 * and container runtimes send. Exit 128 + the signal's number, the shell's
 * convention for a command ended by it.
 */
const EXIT_AFTER = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_AFTER;
const STOP_SIGNALS = Object.keys(EXIT_AFTER) as StopSignal[];

/**
 * `paperboy send ISSUE`: checks the issue, shows what will happen, asks,
 * then sends through SMTP (SMTP_URL) or the outbox, journaling every
 * recipient (src/send/). Exit 0 when every recipient got it, 1 when any
 * failed or remain, 2 for a usage or configuration problem (login refused
 * included), 130 after Ctrl-C, 143 after SIGTERM.
 */
export async function run(options: SendCommandOptions, io: CommandIO): Promise<number> {
  refuseUsage(options);
  const config = await loadConfig(newsletterRoot(io.cwd, options.root, [options.issue]));
  const workspace = await Workspace.loadCached(config);
  const file = await workspace.findOrAdd(options.issue, io.cwd);
  const where = shownPath(file.path, io.cwd);
  const check = await checkIssue(workspace, file, where, options, io);
  if (!check.ready) return 1;
  if (options.list && !config.listAddress) {
    throw new PaperboyError('USAGE', `Missing \`listAddress\` in ${config.file}: --list sends one message to it`, { hint: 'Add e.g. `listAddress: news@lists.example.org`.' });
  }
  const templates = loadTemplates(config.templatesDir);
  sayUnreadTemplates(templates.unread, io);
  // Said for a proof and a dry run too: each is the last look before subscribers get mail without one-click unsubscribe.
  const oneClick = oneClickWarning(config.baseUrl, shownPath(config.file, io.cwd));
  if (oneClick !== undefined) io.stderr.write(`paperboy: ${oneClick}\n`);
  const email = renderIssueEmail(workspace, file, { templates, review: options.review ? { warnings: await lintMessages(workspace, file.path) } : undefined });
  const issueNumber = email.parsed.issue!.number;
  const concurrency = options.concurrency ?? config.send.concurrency;
  // As many connections as there are messages at most: one for a proof, or for a send with one recipient left. The
  // send's outbox folder is its journal's (`journalNumber`): a send renumbered since it began goes on in its folder.
  const transportFor = (messages: number, journal = issueNumber) => makeTransport(config, journal, Math.max(1, Math.min(concurrency, messages)), options, io.env);
  const dkim = await loadDkimSigner(config.dkim, io.env);
  if (options.test !== undefined) {
    const code = await sendProof(config, email, options, transportFor(1), dkim, io);
    // Sent, yet the content has errors (exit 1, as `render` of such an issue): a script's next step, the send, would be refused.
    return code === 0 && check.errors > 0 ? 1 : code;
  }

  // A dry run writes nothing: no database made where there is none (nothing to resume, no subscriber), an older one migrated in memory only.
  const db = options.dryRun ? openStoreIfAny(config.dataDir) : openStore(config.dataDir);
  try {
    return await sendIssue({ config, db, file, issueNumber, email, transportFor, dkim, concurrency, options, io, highestIssueNumber: workspace.highestNumber() });
  } finally {
    db.close();
  }
}

/**
 * Flags that do not go together, and a proof address that is not one:
 * USAGE (exit 2) before anything is read. `--review` without `--test` would
 * send the reviewers' proof (private notes, lint messages) to every
 * subscriber.
 */
function refuseUsage(options: SendCommandOptions): void {
  if (options.review && options.test === undefined) {
    throw new PaperboyError('USAGE', '--review needs --test ADDR: the reviewers\' proof shows private notes and lint messages, and goes to one reviewer only', {
      hint: `e.g. \`paperboy send ${shellWord(options.issue)} --test reviewer@example.org --review\`.`,
    });
  }
  const problem = options.test === undefined ? undefined : emailProblem(options.test);
  if (problem !== undefined) throw new PaperboyError('USAGE', `--test: ${problem}`, { hint: 'e.g. `--test editor@example.org`.' });
}

/**
 * The relay of SMTP_URL, or the outbox: `<dataDir>/outbox/<issue>/`, one
 * message per recipient of the send, or for a proof (`--test`)
 * `<dataDir>/outbox/proofs/<issue>/`, so that the send's folder holds the
 * send and nothing else.
 */
function makeTransport(config: Config, issue: number, connections: number, options: SendCommandOptions, env: NodeJS.ProcessEnv): Transport {
  const outbox = join(config.dataDir, 'outbox', ...(options.test === undefined ? [] : ['proofs']), String(issue));
  return transportFromEnv(env, { outbox, root: config.root, connections, smtp: options.smtp });
}

interface SendContext {
  config: Config;
  db: Store;
  file: IssueFile;
  issueNumber: number;
  email: ReturnType<typeof renderIssueEmail>;
  /** The relay of SMTP_URL or the outbox (the folder of the send journaled under number `journal`), over at most `messages` connections (closed by its caller). */
  transportFor: (messages: number, journal: number) => Transport;
  dkim: DkimSigner | undefined;
  concurrency: number;
  options: SendCommandOptions;
  io: CommandIO;
  /** The highest number an issue file has (Workspace.highestNumber). */
  highestIssueNumber: number;
}

async function sendIssue(context: SendContext): Promise<number> {
  const { db, issueNumber, options } = context;
  const mode: SendMode = options.list ? 'list' : 'subscribers';
  // The journal of this issue: of its number, or of the number it had when its send began (`formerly`).
  const issueCheck = journalIssueCheck(context);
  const journal = new SendJournal(db, journalNumber(issueCheck));
  const check = { ...issueCheck, journal };
  // The journal of this number is of this issue, or the plan would read another issue's.
  checkJournalIssue(check, false);
  const subscribers = new SubscriberStore(db);
  // A stopped run's rows in flight that the transport can settle (the outbox's files) are, before they are counted; a dry run counts them as they will be.
  const view = journal.counts().sending > 0 ? await settleWith(journal, context.transportFor(1, journal.issue), options.dryRun === true) : journal;
  const plan = planSend({
    mode,
    startedMode: journal.mode(),
    counts: view.counts(),
    activeSubscribers: subscribers.count('active'),
    retryUnknown: options.retryUnknown === true,
    retryFailed: options.retryFailed === true,
    markedSent: context.file.facts.status === 'sent',
    force: options.force === true,
  });
  if (plan.kind === 'refuse') throw new PaperboyError('SEND_REFUSED', `Cannot send issue ${issueNumber}: ${plan.reason}`);
  const transport = context.transportFor(plan.kind === 'send' ? plan.recipients : 1, journal.issue);
  try {
    return await carryOut(context, journal, view, check, plan, transport);
  } finally {
    await transport.close();
  }
}

/** `settleHandedOver` (or, for a dry run, `settledView`) through a transport of its own, closed after: the journal as the send will plan from. */
async function settleWith(journal: SendJournal, transport: Transport, dryRun: boolean): Promise<SettledView> {
  try {
    if (dryRun) return await settledView(journal, transport, new Date());
    await settleHandedOver(journal, transport, new Date());
    return journal;
  } finally {
    await transport.close();
  }
}

/** What the plan says: nothing (the report of the journal, as `view` has it, the status written if due), or the send, through `transport`. */
async function carryOut(
  context: SendContext,
  journal: SendJournal,
  view: SettledView,
  check: JournalIssueCheck,
  plan: Exclude<SendPlan, { kind: 'refuse' }>,
  transport: Transport,
): Promise<number> {
  const { config, db, issueNumber, options, io } = context;
  const mode: SendMode = options.list ? 'list' : 'subscribers';
  if (plan.kind === 'nothing') {
    // Rows a killed run left `sending` are `unknown` now, as a resumed send makes them (RELIABILITY 9).
    if (!options.dryRun) {
      checkJournalIssue(check, true);
      journal.recoverStopped(new Date());
    }
    const counts = view.counts();
    const renumbered = journal.issue === issueNumber ? '' : ` (its send began as issue ${journal.issue}, its \`formerly\`)`;
    io.stdout.write(`Nothing to send for issue ${issueNumber}${renumbered}: ${plan.reason}.\n${countsLine(counts)}\n`);
    // Done, but into the outbox (no SMTP_URL then): through a relay now, nothing would go unless that send is forgotten.
    const outbox = transport instanceof OutboxTransport ? undefined : sentIntoOutbox(journal, counts.sent);
    if (outbox && outbox.count > 0) {
      io.stdout.write(`${outbox.said} went into the outbox, not to a relay: nothing left this machine. \`paperboy sends ${issueNumber}${rootFlag(io.cwd, config.root)} --discard-outbox\` forgets that send, so that this one mails every active subscriber.\n`);
    }
    // The run that settled the last recipient may have died before it wrote the status: this one does.
    if (!options.dryRun) await markFinished(journal, counts, { file: context.file, number: issueNumber }, io);
    // A row still `sending` is as unknown as one marked so (a dry run, or another send holding it).
    const code = counts.unknown + counts.sending + counts.failed + counts.expired > 0 ? 1 : 0;
    io.stderr.write(unsettledReport(view, counts, reportCommands(context), code, leftSinceIn(new SubscriberStore(db))));
    return code;
  }
  // A send running now: its rows in flight are not a stopped run's, and this one would not send (docs/commands.md).
  const holder = journal.holder(new Date());
  if (holder) throw lockedError(`send issue ${issueNumber}`, holder);
  const keysFrom = { allowDevelopment: transport instanceof OutboxTransport };
  // Found without the database: the keys' list id and development secret are written at their first use, which a dry run is not.
  const development = mode === 'subscribers' && keysSource(io.env, keysFrom) === 'development';
  const rate = options.rate ?? config.send.rate;
  const to = mode === 'list' ? `the list address ${config.listAddress!.address}` : counted(plan.recipients, 'recipient');
  io.stdout.write(
    [
      // The subject often starts with the number too (`#6: …`): said as the subject, not after "Issue #6:".
      `Issue #${issueNumber}, subject: ${context.email.rendered.subject}`,
      ...(journal.issue === issueNumber ? [] : [`Renumbered from issue ${journal.issue} (its \`formerly\`): this goes on with the send it began as issue ${journal.issue}`]),
      `${plan.start ? 'Send to' : 'Resume: send to'} ${to}${plan.inFlight > 0 ? ` (${plan.inFlight} left in flight by a stopped run ${plan.inFlight === 1 ? 'becomes' : 'become'} unknown)` : ''}`,
      `Through ${transport.description}, ${rate === 0 ? 'no rate limit' : `at most ${counted(rate, 'message')}/s`}${development ? '; unsubscribe links signed with a development secret (set PAPERBOY_SECRET)' : ''}${context.dkim ? ', DKIM-signed' : ''}`,
      // The journal does not tell the outbox from a relay: a later send through SMTP_URL resumes this one.
      ...(transport instanceof OutboxTransport
        ? ['The outbox is the send: these recipients are journaled as sent, and a later send with SMTP_URL set will not mail them this issue (try a proof with --test ADDR)']
        : []),
      '',
    ].join('\n'),
  );
  const upcoming = { plan, mode, listAddress: config.listAddress?.address, journal, subscribers: new SubscriberStore(db) };
  // The issue's message, made once, when the relay's SIZE asks for it or the send begins.
  const templateAt = (date: Date) => {
    let made: Promise<MessageTemplate> | undefined;
    return () => (made ??= MessageTemplate.build({ config, issueNumber, date }, context.email.rendered, { list: mode === 'list' }));
  };
  if (options.dryRun) {
    // Through a relay, its check as step 4 makes it (the session, its SIZE), so that the dry run says what the send would.
    const relay = transport instanceof OutboxTransport ? 0 : await checkRelay(transport, { ...upcoming, keys: mode === 'subscribers' ? MEASURING_KEYS : undefined }, templateAt(new Date()), context.dkim, issueNumber, io);
    io.stdout.write('Dry run: nothing sent, nothing written.\n');
    return relay;
  }
  const keys = mode === 'subscribers' ? unsubscribeKeys(io.env, db, keysFrom) : undefined;
  if (!options.yes && !(await confirm(io, `Send issue #${issueNumber} to ${to}? [y/N] `))) {
    io.stdout.write('Not sent.\n');
    return 1;
  }
  const started = new Date();
  const made = templateAt(started);
  const refused = await checkRelay(transport, { ...upcoming, keys: keys?.keys }, made, context.dkim, issueNumber, io);
  if (refused !== 0) return refused;
  const template = await made();
  if (plan.start) journal.freeze(mode, config.listAddress?.address, (address) => template.messageId(address), started, check.identity);
  const lock = journal.lock(started);
  if (!lock.ok) throw lockedError(`send issue ${issueNumber}`, lock.holder);
  try {
    // Another send of the issue may have started in the other mode while this one asked and checked the
    // relay (the plan read the journal before): the rows it froze are not for this mode's template.
    const frozenMode = journal.mode();
    if (frozenMode !== undefined && frozenMode !== mode) throw new PaperboyError('SEND_REFUSED', `Cannot send issue ${issueNumber}: ${modeConflict(frozenMode, mode)}`);
    // Nor of another issue, started since the plan read it.
    checkJournalIssue(check, true);
    journal.recordLinkBase(config.baseUrl, started);
    journal.recoverInFlight(started);
    journal.requeue(plan.requeue, started);
    const progress = new SendProgress(io, plan.recipients);
    const interrupt = options.signal ? undefined : new AbortController();
    let caught: StopSignal = 'SIGINT';
    const onSignal = (signal: StopSignal) => {
      if (!interrupt!.signal.aborted) caught = signal;
      interrupt!.abort();
    };
    if (interrupt) for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
    let result: DispatchResult;
    const dispatchStarted = performance.now();
    try {
      const leftSince = leftSinceIn(new SubscriberStore(db));
      result = await dispatch({
        journal,
        transport,
        envelopeFrom: config.from.address,
        build: async (delivery) => {
          const raw = await template.message({
            to: delivery.email,
            token: keys && delivery.subscriberId !== null ? sign(delivery.subscriberId, keys.keys) : undefined,
            messageId: delivery.messageId,
          });
          return context.dkim ? context.dkim.sign(raw) : raw;
        },
        leftSince,
        concurrency: context.concurrency,
        rate,
        retry: options.retry ?? DEFAULT_RETRY,
        maxWaitMs: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
        now: options.now,
        signal: options.signal ?? interrupt!.signal,
        onSettled: (delivery, settlement) => progress.settled(delivery, settlement),
        onWait: (until, queued, relay, deferredBy) => progress.waiting(until, queued, relay, deferredBy),
        onLocked: (since, giveUpAt) => progress.locked(since, giveUpAt),
      });
    } finally {
      progress.stop();
      if (interrupt) for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    }
    const seconds = (performance.now() - dispatchStarted) / 1000;
    io.stdout.write(`Sending took ${seconds.toFixed(1)} s: ${counted(progress.settledCount, 'recipient')} settled, ${perSecond(progress.settledCount / Math.max(seconds, 0.001))}/s\n`);
    return await report(context, journal, result, EXIT_AFTER[caught]);
  } finally {
    releaseLock(journal, io);
  }
}

async function report(context: SendContext, journal: SendJournal, result: DispatchResult, interruptedExit: number): Promise<number> {
  const { io } = context;
  const counts = journal.counts();
  io.stdout.write(`${countsLine(counts)}\n`);
  if (result.stop) io.stderr.write(`paperboy: ${stoppedWords(result.stop)}\n`);
  if (result.deferredUntil) {
    io.stderr.write(`paperboy: ${deferredWords(counts.queued, result.deferredUntil, context.options.now?.() ?? new Date())}\n`);
  }
  await markFinished(journal, counts, { file: context.file, number: context.issueNumber }, context.io);
  const code = sendExitCode(result, counts, interruptedExit);
  io.stderr.write(unsettledReport(journal, counts, reportCommands(context), code, leftSinceIn(new SubscriberStore(context.db)), result.unrecorded));
  return code;
}

/** What `send` checks the journal's issue with: the file's number, former numbers, title and date, and the commands its advice names. */
function journalIssueCheck(context: SendContext): Omit<JournalIssueCheck, 'journal'> {
  const { db, config, file, email, issueNumber, options, io, highestIssueNumber } = context;
  const { title, date, formerly } = email.parsed.issue!;
  const root = rootFlag(io.cwd, config.root);
  return {
    db,
    issue: issueNumber,
    formerly,
    identity: { title, date },
    where: shownPath(file.path, io.cwd),
    sameIssue: options.sameIssue === true,
    force: options.force === true,
    freeNumber: () => Math.max(highestIssueNumber, highestSentNumber(db)) + 1,
    sendCommand: reportCommands(context).send,
    sendsCommand: (issue) => `paperboy sends ${issue}${root}`,
  };
}

/** `paperboy send 6 [--list]` (a send keeps its mode), `paperboy sends 6` and `paperboy subscribers reactivate ADDRESS`, with `--root DIR` when run from elsewhere: what the report says to run. */
function reportCommands({ issueNumber, config, io, options }: SendContext): ReportCommands {
  const root = rootFlag(io.cwd, config.root);
  return { send: `paperboy send ${issueNumber}${root}${options.list ? ' --list' : ''}`, sends: `paperboy sends ${issueNumber}${root}`, reactivate: `paperboy subscribers reactivate ADDRESS${root}` };
}
