import { isBusy } from '../store/store-problem.js';
import type { Delivery, SettledDelivery } from './delivery.js';
import type { SendJournal } from './journal.js';

/** How often a commit another program's lock kept out is tried again, ms (each try waits the store's busy timeout too). */
const LOCKED_RETRY_MS = 100;

/**
 * How long the journal's commits wait out another program's lock on the
 * database before the run stops (the journal's failure), ms. An import of
 * a million rows held it 13.5 s here (a loaded machine, measured by a
 * writer trying every 50 ms), so the largest CSV an import takes (256 MiB,
 * about six million such rows) holds it about a minute and a half; a relay
 * waits at least 10 minutes for the end of a message's data (RFC 5321
 * §4.5.3.2.6), and a message whose end waited past the send's own silence
 * limit (60 s) failed before its final dot, so it goes again, never twice.
 */
const LOCKED_PATIENCE_MS = 5 * 60_000;

interface PendingHandOff {
  delivery: Delivery;
  resolve(): void;
  reject(error: Error): void;
}

export interface GroupCommitOptions {
  now(): Date;
  /** A result waits at most this long for others (or a hand-off) to share its commit, ms. */
  resultsWithinMs: number;
  /** A hand-off waits at most this long for the other messages on their way to the relay's DATA, ms. */
  handOffsWithinMs: number;
  /** How many messages are in flight (started, their result not given to `settle` yet). */
  inFlight(): number;
  /** After the commit that recorded it. */
  onSettled(entry: SettledDelivery): void;
  /** The journal could not be written: nothing more may be handed over (RELIABILITY 16). */
  onError(error: Error): void;
  /** Another program's lock kept a commit out: said once a spell of waiting (`since`, and when the wait ends at most, `giveUpAt`), so a stalled send does not look like a hang. */
  onLocked?(since: Date, giveUpAt: Date): void;
}

/**
 * The dispatch's writes to the journal, in groups: a commit is one fsync
 * (`synchronous=FULL`, ~8 ms), so one a message would cap the rate (see
 * the README's send benchmark). Two kinds of write wait here:
 * - a hand-off (a message starting to go to the relay, `Transport`'s
 *   `handOff`): its message's end waits for it. It is committed as soon as
 *   every message in flight is either waiting for its hand-off or already
 *   handed over (none is still on its way through MAIL, RCPT and DATA,
 *   which the commit, blocking the event loop, would hold up), or after
 *   `handOffsWithinMs` at most: the connections then share one commit a
 *   round of messages, as the claims of the earlier design did;
 * - a result: committed with the next hand-off, or after
 *   `resultsWithinMs` at most. Never behind the rate limit or a
 *   connection being opened: a 250 is in the journal within moments.
 * Every commit carries all the results waiting, so the rows `sending` in
 * the journal are only ever those whose message is still going: at most
 * one a connection (RELIABILITY 9).
 */
export class GroupCommit {
  /** The rows claimed and not yet settled in the journal: never claimed twice. */
  readonly held = new Set<string>();
  private settled: SettledDelivery[] = [];
  private handOffs: PendingHandOff[] = [];
  /**
   * Results the journal failed to record (a write error, not another
   * program's lock waited out): what the relay answered for rows the journal
   * may still have `sending`, for the run's report to tell (the journal cannot).
   */
  readonly unrecorded: SettledDelivery[] = [];
  /** The rows committed `sending` whose result has not come yet. */
  private readonly going = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private handOffTimer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** When the commits started waiting for another program's lock (performance.now(), ms: a clock stepped back does not stretch the wait); undefined when the last commit went through. */
  private lockedSince: number | undefined;

  constructor(
    private readonly journal: Pick<SendJournal, 'record'>,
    private readonly options: GroupCommitOptions,
  ) {}

  hold(delivery: Delivery): void {
    this.held.add(delivery.recipientKey);
  }

  /** A claimed delivery given up before its message started (a stop): its row was never written, so nothing is. */
  drop(delivery: Delivery): void {
    this.held.delete(delivery.recipientKey);
  }

  settle(entry: SettledDelivery): void {
    this.going.delete(entry.delivery.recipientKey);
    this.settled.push(entry);
    this.timer ??= setTimeout(() => this.flush(), this.options.resultsWithinMs);
    // One fewer message on its way: the hand-offs waiting may be all there is.
    this.scheduleHandOffs();
  }

  /** Resolves once the row is committed `sending`; rejects when it cannot be (the journal failed, or the row is not `queued`). */
  handOff(delivery: Delivery): Promise<void> {
    return new Promise((resolve, reject) => {
      this.handOffs.push({ delivery, resolve, reject });
      this.scheduleHandOffs();
    });
  }

  private scheduleHandOffs(): void {
    if (this.handOffs.length === 0) return;
    if (this.options.inFlight() <= this.handOffs.length + this.going.size) this.immediate ??= setImmediate(() => this.flush());
    else this.handOffTimer ??= setTimeout(() => this.flush(), this.options.handOffsWithinMs);
  }

  /** Commits everything waiting, now. */
  flush(): void {
    clearTimeout(this.timer);
    clearTimeout(this.handOffTimer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.handOffTimer = undefined;
    this.immediate = undefined;
    const settled = this.settled.splice(0);
    const handOffs = this.handOffs.splice(0);
    if (settled.length === 0 && handOffs.length === 0) return;
    let refused: Set<string>;
    try {
      refused = this.journal.record(
        settled,
        handOffs.map((handOff) => handOff.delivery),
        this.options.now(),
      );
    } catch (error) {
      if (this.waitsForLock(error)) {
        // Nothing was committed: the same writes go again, first, with whatever joined them meanwhile.
        this.settled.unshift(...settled);
        this.handOffs.unshift(...handOffs);
        this.timer ??= setTimeout(() => this.flush(), LOCKED_RETRY_MS);
        return;
      }
      // Not recorded: those rows stay as the journal has them (held, so this run does not claim them again).
      // Said as the journal's failure: the transport that waited for it would otherwise name its own step (the .eml file, the relay).
      const refusal = new Error(`the send journal could not record the message as going out: ${(error as Error).message}`, { cause: error });
      for (const handOff of handOffs) handOff.reject(refusal);
      this.unrecorded.push(...settled);
      this.options.onError(error as Error);
      return;
    }
    this.lockedSince = undefined;
    for (const entry of settled) {
      this.held.delete(entry.delivery.recipientKey);
      this.options.onSettled(entry);
    }
    for (const handOff of handOffs) {
      if (refused.has(handOff.delivery.recipientKey)) handOff.reject(new Error(`the journal no longer has ${handOff.delivery.email} queued`));
      else {
        this.going.add(handOff.delivery.recipientKey);
        handOff.resolve();
      }
    }
  }

  /**
   * Whether a failed commit waits for another program's lock to go: a
   * `subscribers import` of a large file holds the database in one
   * transaction (300,000 rows about 4 s, a million 13.5 s here, past the
   * store's 10 s busy timeout), and the send is to pause for it, not
   * stop with its messages on their way `unknown`. Until
   * `LOCKED_PATIENCE_MS` after the first refusal; any other failure is the
   * journal's at once.
   */
  private waitsForLock(error: unknown): boolean {
    if (!isBusy(error)) return false;
    const now = performance.now();
    if (this.lockedSince === undefined) {
      this.lockedSince = now;
      const since = this.options.now();
      this.options.onLocked?.(since, new Date(since.getTime() + LOCKED_PATIENCE_MS));
    }
    return now - this.lockedSince < LOCKED_PATIENCE_MS;
  }
}
