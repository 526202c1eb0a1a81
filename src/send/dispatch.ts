import type { Transport } from '../mail/transports/transport.js';
import type { SubscriberStore } from '../subscribers/store.js';
import { GroupCommit } from './group-commit.js';
import type { Delivery, SettledDelivery, Settlement } from './delivery.js';
import type { SendJournal } from './journal.js';
import { classifyFailure, isPolicyRefusal, silentOnRecipient } from './outcome.js';
import { RateLimiter } from './rate.js';
import { nextAttempt, type RetryPolicy } from './retry.js';

export interface DispatchInput {
  journal: SendJournal;
  transport: Transport;
  /** The envelope sender (MAIL FROM). */
  envelopeFrom: string;
  /** A delivery's complete message. */
  build(delivery: Delivery): Promise<Buffer>;
  /** Why the recipient is no longer sent to, when it left after the recipient set was frozen (RELIABILITY 17). */
  leftSince: LeftSince;
  concurrency: number;
  /** Messages per second; 0: no limit. */
  rate: number;
  retry: RetryPolicy;
  /** How long this run waits for deferred retries before leaving them to the next run, ms. */
  maxWaitMs: number;
  /** Aborted by SIGINT: in-flight messages finish and are recorded, nothing new starts. */
  signal?: AbortSignal;
  onSettled?(delivery: Delivery, settlement: Settlement): void;
  /**
   * The run waits, with nothing in flight, until `until` (a wait of at
   * least `WAIT_TOLD_MS`): for `queued` deferred recipients, or, when
   * `relay` says so, because the relay failed (its reply) and the run backs
   * off from it, then sends over `relay.connections`.
   */
  onWait?(until: Date, queued: number, relay?: { reply: string; connections: number }, deferredBy?: string): void;
  /** Another program holds the database locked: the journal's commits wait for it from `since`, until `giveUpAt` at most (group-commit.ts `LOCKED_PATIENCE_MS`). */
  onLocked?(since: Date, giveUpAt: Date): void;
  now?(): Date;
  random?(): number;
}

/** Why a run stopped before every recipient was final. */
type StopReason = 'interrupted' | 'relay-down' | 'policy' | 'unknown-recipients' | 'recipients-refused' | 'message-refused' | 'abort' | 'journal';

export interface DispatchResult {
  stop?: { reason: StopReason; reply: string };
  /** Recipients are waiting for a retry later than this run waits. */
  deferredUntil?: Date;
  /**
   * After the journal's failure (`stop.reason` `journal`): what became of
   * messages whose result it could not record (the relay's 250 among them),
   * in the order they ended; their rows stay as the journal had them
   * (`sending`, or `queued` for a message never handed over). Absent when none.
   */
  unrecorded?: readonly SettledDelivery[];
}

/** This many relay failures in a row (refused, 421, dropped) and the relay is taken as down. */
const RELAY_DOWN_AFTER = 5;
/** 5.7.x refusals for this many different recipients in a row and the run pauses: the problem is ours (RELIABILITY 11). */
const POLICY_PAUSE_AFTER = 3;
/**
 * 5xx refusals at the end of DATA (552 too big, 554 content) for this many
 * different recipients in a row, while the relay has taken no message of
 * the send, and the run pauses: it refuses the message, which every
 * recipient's copy is, and failing each would use up the list.
 */
const MESSAGE_PAUSE_AFTER = 3;
/**
 * Other permanent refusals at RCPT for this many different recipients in a
 * row, while the relay has taken no message of the send, and the run
 * pauses: a relay that will not relay for us says so for everyone, often
 * with no enhanced code to tell it from a mailbox's refusal (Exim's `550
 * relay not permitted`), and failing each would fail the whole list and
 * mark the issue sent with nobody mailed.
 */
const REFUSED_PAUSE_AFTER = 3;
/**
 * 5.1.x refusals for this many different recipients in a row, while the
 * relay has taken no message of the send, and the run pauses: a relay that
 * does not deliver for these domains answers "user unknown" for everyone
 * (Postfix's "User unknown in relay recipient table"), and bouncing them
 * would take the whole list off it for good. A list's dead addresses are
 * rarely five in a row; held ones are retried and bounced once a message
 * is taken.
 */
const UNKNOWN_PAUSE_AFTER = 5;
/**
 * Messages the relay takes in a row after a backoff before the run sends
 * over one more connection again (up to `--concurrency`): a relay that
 * 421s once in a while (a rate limit) slows the run for a while, not for
 * the rest of it. Additive increase as TCP's congestion avoidance does
 * (RFC 5681 §3.1), the decrease being one connection a failure.
 */
const WIDEN_AFTER = 20;
/** A wait for deferred recipients this long or longer is told (`onWait`): shorter ones pass unseen, ms. */
const WAIT_TOLD_MS = 1_000;
/**
 * A result, or a message's hand-off, waits at most this long for the others
 * in flight to share its commit, ms. Sending 3,000 messages over 10
 * connections on a loaded machine, 3 ms for hand-offs put 4.4 messages in
 * a commit (157 msg/s), 20 ms 7–9 (208–392 msg/s, as fast as the claims
 * committed in groups before this: 185–424 msg/s alongside).
 */
const GROUP_COMMIT_MS = 20;


/**
 * Sends the journal's queued recipients through the transport, journaling
 * before and after each hand-off: a recipient is claimed in memory when a
 * connection is free (its row stays `queued`), committed `sending` when its
 * message starts going to the relay (before the message's end can go), and
 * its result committed within moments, in groups (group-commit.ts; never
 * one fsync per message). Stops early, leaving the rest `queued` for the
 * next run, when interrupted, when the relay is down, refuses our mail by
 * policy, refuses the login or sender, or when the journal cannot be
 * written.
 */
export async function dispatch(input: DispatchInput): Promise<DispatchResult> {
  const now = input.now ?? (() => new Date());
  const random = input.random ?? Math.random;
  const limiter = new RateLimiter(input.rate);
  const inFlight = new Set<Promise<void>>();
  // Messages started and not yet settled: one per connection. A row is in doubt (`sending` in the
  // journal) only while its message goes, and every commit carries the results waiting, so a crash
  // leaves at most this many `unknown` (RELIABILITY 9).
  let window = input.concurrency;
  let stop: DispatchResult['stop'];
  let relayStreak = 0;
  // Messages begun so far, and how many had begun when the last relay failure was counted: the messages begun
  // by then that fail as well failed in the same event (a relay that closes every connection or 421s at a rate
  // limit fails all the messages in flight at once), counted once, as TCP takes one loss a window (RFC 6582 §3.2).
  let begun = 0;
  let troubleCountedAt = -1;
  // The recipients refused by policy since the last other outcome, each once: a recipient retried
  // while the others wait is not a second sign that the relay refuses our mail.
  const policyStreak = new Set<string>();
  // The recipients refused as unknown (5.1.x) since the last other outcome, while the relay had taken nothing of this send.
  const unknownStreak = new Set<string>();
  // The recipients whose message was refused at the end of DATA since the last other outcome, while the relay had taken nothing of this send.
  const messageStreak = new Set<string>();
  // The recipients refused otherwise for good at RCPT since the last other outcome, while the relay had taken nothing of this send.
  const refusedStreak = new Set<string>();
  // Messages of this send the relay took, in this run or before: a sign that it does not refuse our mail as such, and delivers for real mailboxes.
  const atStart = input.journal.counts();
  let accepted = atStart.sent;
  // A streak of refusals by different recipients is no longer than the send has recipients: a send to the list address
  // (one) or to two readers, each refused so, has reached it (else they were retried until the give-up time, 24 h).
  const recipients = Object.values(atStart).reduce((sum, n) => sum + n, 0);
  const policyPauseAfter = Math.min(POLICY_PAUSE_AFTER, recipients);
  const unknownPauseAfter = Math.min(UNKNOWN_PAUSE_AFTER, recipients);
  const messagePauseAfter = Math.min(MESSAGE_PAUSE_AFTER, recipients);
  const refusedPauseAfter = Math.min(REFUSED_PAUSE_AFTER, recipients);
  let pauseUntil = 0;
  // The relay failure the pause backs off from, for `onWait`; the messages taken since the window last changed.
  let pausedBy = '';
  let takenSinceNarrowed = 0;
  let wake = () => {};
  const stopWith = (reason: StopReason, reply: string) => {
    stop ??= { reason, reply };
    wake();
  };
  const onAbort = () => stopWith('interrupted', 'interrupted');
  input.signal?.addEventListener('abort', onAbort);
  if (input.signal?.aborted) onAbort();

  const commits = new GroupCommit(input.journal, {
    now,
    resultsWithinMs: GROUP_COMMIT_MS,
    handOffsWithinMs: GROUP_COMMIT_MS,
    inFlight: () => inFlight.size,
    onSettled: ({ delivery, settlement }) => input.onSettled?.(delivery, settlement),
    // RELIABILITY 16: nothing more is sent once the journal cannot record it.
    onError: (error) => stopWith('journal', error.message),
    ...(input.onLocked ? { onLocked: input.onLocked } : {}),
  });

  /** The next recipient due, held by this run, or undefined when none is (or the journal cannot be read). */
  const claim = (): Delivery | undefined => {
    try {
      const [delivery] = input.journal.claim(1, commits.held, now());
      if (delivery !== undefined) commits.hold(delivery);
      return delivery;
    } catch (error) {
      stopWith('journal', (error as Error).message);
      return undefined;
    }
  };

  const deliver = async (delivery: Delivery, order: number): Promise<Settlement> => {
    const left = input.leftSince(delivery);
    if (left !== undefined) return { kind: 'skipped', reply: `${left === 'gone' ? 'removed from the list' : left} after the send started` };
    let raw: Buffer;
    try {
      raw = await input.build(delivery);
    } catch (error) {
      stopWith('abort', `Cannot build the message: ${(error as Error).message}`);
      return { kind: 'release' };
    }
    const takenBefore = accepted;
    const result = await input.transport.send({ from: input.envelopeFrom, to: delivery.email, messageId: delivery.messageId, raw, handOff: () => commits.handOff(delivery) });
    if (result.ok) {
      relayStreak = 0;
      policyStreak.clear();
      unknownStreak.clear();
      messageStreak.clear();
      refusedStreak.clear();
      accepted++;
      if (window < input.concurrency && ++takenSinceNarrowed >= WIDEN_AFTER) {
        window++;
        takenSinceNarrowed = 0;
      }
      return { kind: 'sent', reply: result.reply };
    }
    const { failure } = result;
    const outcome = classifyFailure(failure);
    // A new connection refused at its greeting (a 421: Postfix's smtpd_client_connection_count_limit, a service's cap on
    // connections) while other messages go over the connections open is the relay's limit of connections, not its
    // trouble: backing off stalled every connection for 15–45 s, and widening again after twenty messages was refused
    // again, the run down to a message a second. The run goes on at once over the connections it has; one more is
    // tried after twenty messages taken, as after any narrowing, and refused so again costs nothing but that try.
    const others = inFlight.size - 1;
    const connectionCap = outcome.relayTrouble && failure.refusedAtGreeting === true && others > 0;
    if (connectionCap) {
      window = Math.min(window, others);
      takenSinceNarrowed = 0;
      // Nothing of the message went, and the refusal was not the recipient's: it goes again over a connection that works.
      return { kind: 'release', reply: failure.reply };
    }
    // A relay silent on this message (no reply before DATA) while it took others' over other connections hangs on this
    // recipient, not on everyone: no failure of the relay to back off from, which would stall the others too.
    const relayTrouble = outcome.relayTrouble && !(silentOnRecipient(failure) && accepted > takenBefore);
    // A relay failure of a message begun before the last one was counted is part of that one: no new sign the relay is down.
    const newTrouble = relayTrouble && order > troubleCountedAt;
    if (!relayTrouble) relayStreak = 0;
    else if (newTrouble) {
      relayStreak++;
      troubleCountedAt = begun;
    }
    if (outcome.action === 'policy') policyStreak.add(delivery.recipientKey);
    else policyStreak.clear();
    if (outcome.action === 'bounce' && accepted === 0) unknownStreak.add(delivery.recipientKey);
    else unknownStreak.clear();
    if (outcome.action === 'message' && accepted === 0) messageStreak.add(delivery.recipientKey);
    else messageStreak.clear();
    if (outcome.action === 'fail' && accepted === 0) refusedStreak.add(delivery.recipientKey);
    else refusedStreak.clear();
    if (newTrouble) {
      // Back off from the relay and send over fewer connections (RELIABILITY 13).
      window = Math.max(1, window - 1);
      takenSinceNarrowed = 0;
      pauseUntil = performance.now() + Math.min(input.retry.maxMs, input.retry.baseMs * 2 ** (relayStreak - 1)) * (0.5 + random());
      pausedBy = failure.reply;
      if (relayStreak >= RELAY_DOWN_AFTER) stopWith('relay-down', failure.reply);
    }
    const later = (): Settlement => {
      const next = nextAttempt(input.retry, delivery.attempts, new Date(delivery.firstAttemptAt ?? now()), now(), random());
      return next === 'expired' ? { kind: 'expired', reply: failure.reply } : { kind: 'retry', reply: failure.reply, at: next.at };
    };
    switch (outcome.action) {
      case 'retry':
        // A connection that never started (refused, unreachable: no reply at all) sent nothing: not an attempt. A relay
        // that answered (421 at the greeting or at RCPT, then closed) was tried, and the journal counts it.
        if (failure.stage === 'connect' && failure.code === undefined) return { kind: 'release', reply: failure.reply };
        return later();
      case 'bounce':
        // No subscriber to bounce (the list address): the hold below protects nobody's status, the reply is final.
        if (accepted > 0 || delivery.subscriberId === null) return { kind: 'failed', reply: failure.reply, bounce: true };
        // The relay has delivered nothing of this send yet: "unknown" may be its own, not the mailbox's. Held for a retry, bounced then if it took others' mail meanwhile.
        if (unknownStreak.size >= unknownPauseAfter) stopWith('unknown-recipients', failure.reply);
        return later();
      case 'fail':
        // Refused for good at RCPT, no code saying the mailbox is gone: counted; a second send in a row so marks it bounced (journal.ts).
        if (accepted > 0) return { kind: 'failed', reply: failure.reply, bounce: false, refused: failure.stage === 'recipient' };
        // The relay has taken nothing of this send yet: the refusal may be its own, for everyone. Held for a retry, final then if it took others' mail meanwhile.
        if (refusedStreak.size >= refusedPauseAfter) stopWith('recipients-refused', failure.reply);
        return later();
      case 'message':
        // Once the relay took this send's message for others, the refusal is this copy's own (a full mailbox): final.
        // So is the list address's, the send's one message: no list to use up, and the reply says why.
        if (accepted > 0 || delivery.subscriberId === null) return { kind: 'failed', reply: failure.reply, bounce: false };
        if (messageStreak.size >= messagePauseAfter) stopWith('message-refused', failure.reply);
        return later();
      case 'unknown':
        return { kind: 'unknown', reply: failure.reply };
      case 'policy':
        if (policyStreak.size >= policyPauseAfter) {
          stopWith('policy', failure.reply);
          return later();
        }
        // Refused by policy at its last try too, while the relay takes other recipients' mail: the
        // refusal is this recipient's own (RFC 3463 §3.8, X.7.1 "per-recipient filtering"), final.
        // Not bounced: a policy refusal says nothing of the mailbox. Until then it waits for a retry
        // like a 4xx, so a refusal of all our mail (DMARC, reputation) marks nobody (RELIABILITY 11).
        if (accepted > 0 && isPolicyRefusal(delivery.lastReply)) return { kind: 'failed', reply: failure.reply, bounce: false };
        return later();
      case 'abort':
        stopWith('abort', failure.reply);
        return { kind: 'release', reply: failure.reply };
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const begin = (delivery: Delivery) => {
    const task: Promise<void> = deliver(delivery, ++begun).then((settlement) => {
      inFlight.delete(task);
      commits.settle({ delivery, settlement });
      wake();
    });
    inFlight.add(task);
  };
  // The backoff from the relay is timed by the monotonic clock: the system clock stepped back would make it last that much longer.
  const mayStart = () => stop === undefined && performance.now() >= pauseUntil && inFlight.size < window;

  let deferredUntil: Date | undefined;
  try {
    for (;;) {
      const next = mayStart() ? claim() : undefined;
      if (next !== undefined) {
        // Claimed first, then its turn under the rate limit: results are committed meanwhile (group-commit.ts).
        await limiter.take();
        if (stop === undefined) begin(next);
        else commits.drop(next);
        continue;
      }
      if (inFlight.size > 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      // Every result in the journal before it is asked what is left.
      commits.flush();
      if (stop !== undefined) break;
      // Nobody left to send: a backoff from the relay has nothing to wait for.
      let due: Date | undefined;
      try {
        due = input.journal.nextDue(now());
      } catch (error) {
        stopWith('journal', (error as Error).message);
        break;
      }
      if (due === undefined) break;
      const pause = pauseUntil - performance.now();
      if (pause > 0) {
        if (pause >= WAIT_TOLD_MS) input.onWait?.(new Date(now().getTime() + pause), input.journal.counts().queued, { reply: pausedBy, connections: window });
        await sleep(pause);
        continue;
      }
      const wait = due.getTime() - now().getTime();
      if (wait > input.maxWaitMs) {
        deferredUntil = due;
        break;
      }
      if (wait >= WAIT_TOLD_MS) input.onWait?.(due, input.journal.counts().queued, undefined, input.journal.dueReply());
      await sleep(Math.max(0, wait));
    }
  } finally {
    commits.flush();
    input.signal?.removeEventListener('abort', onAbort);
  }
  const unrecorded = commits.unrecorded;
  return { ...(stop ? { stop } : {}), ...(deferredUntil ? { deferredUntil } : {}), ...(unrecorded.length > 0 ? { unrecorded } : {}) };
}
/**
 * Why a recipient is no longer sent to: the status its subscriber has now
 * (`unsubscribed`, `bounced`, `complained`, or `gone`, no longer in the
 * list), or undefined while it is still wanted (active, or the list
 * address). What the dispatch asks before each message, and what the send
 * report tells of a retry (cli/send-report.ts).
 */
export type LeftSince = (delivery: Delivery) => string | undefined;

/**
 * `LeftSince` as the subscriber list says it now: the status of the
 * delivery's subscriber when not `active`, `gone` when no row has its id;
 * undefined for the list address, which has none.
 */
export function leftSinceIn(subscribers: Pick<SubscriberStore, 'statusOf'>): LeftSince {
  return (delivery) => {
    if (delivery.subscriberId === null) return undefined;
    const status = subscribers.statusOf(delivery.subscriberId);
    return status === 'active' ? undefined : (status ?? 'gone');
  };
}
