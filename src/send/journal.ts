import { hostname } from 'node:os';
import type { Store } from '../store/database.js';
import { emailKey } from '../config/address.js';
import { processStart } from './process-start.js';
import { holderIsAlive, type LockHolder, type LockOwner, type LockResult } from './run-lock.js';
import { append } from '../arrays.js';
import type { IssueIdentity } from './identity.js';
import { COLUMNS, DELIVERY_STATES, toDelivery, type Delivery, type DeliveryRow, type DeliveryState, type SendMode, type SettledDelivery, type Settlement } from './delivery.js';

/**
 * How many sends in a row must refuse a reader for good at RCPT, without
 * a 5.1.x code, for it to be marked bounced (`countRefusal`). Two: one
 * refusal may be a relay's passing policy; two issues apart, the mailbox
 * refuses the list.
 */
export const REFUSED_SENDS_TO_BOUNCE = 2;

/**
 * The reply kept for a row a stopped run left in flight: the journal never
 * heard what became of it. Why is not known here: the run was killed or the
 * machine went down before the relay answered, or the relay answered and the
 * journal could not record it (the disk full, the database locked), as that
 * run's report said.
 */
export const STOPPED_IN_FLIGHT = 'no reply recorded: the run sending it stopped first (killed, or the machine went down, before the relay answered; or the journal could not record its answer)';

/**
 * The send journal of one issue: the frozen recipient set, one row per
 * recipient, and the lock that keeps a second `send` of the issue out
 * (RELIABILITY 8, 9, 15). Every method is one transaction.
 */
export class SendJournal {
  private readonly owner: LockOwner = { pid: process.pid, host: hostname(), started: processStart(process.pid) ?? null };
  /** Prepared once: a send runs them thousands of times. */
  private readonly statements;

  constructor(
    private readonly db: Store,
    readonly issue: number,
  ) {
    this.statements = {
      // Two queries that each walk the (issue, state, next_attempt_at) index without sorting:
      // one ORDER BY over every queued row would sort 100,000 rows for each batch. Named, because
      // SQLite's planner (no ANALYZE statistics) took the primary key for `fresh` and stepped over
      // every row already sent on each claim: a send to 100,000 slowed from ~1,350 to ~550 msg/s.
      fresh: db.prepare(`SELECT ${COLUMNS} FROM deliveries INDEXED BY deliveries_state WHERE issue = ? AND state = 'queued' AND next_attempt_at IS NULL LIMIT ?`),
      due: db.prepare(`SELECT ${COLUMNS} FROM deliveries INDEXED BY deliveries_state WHERE issue = ? AND state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`),
      handOff: db.prepare(
        `UPDATE deliveries SET state = 'sending', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ?), updated_at = ? WHERE issue = ? AND recipient_key = ? AND state = 'queued'`,
      ),
      heartbeat: db.prepare('UPDATE send_runs SET lock_at = ? WHERE issue = ?'),
      // A row handed over counted its attempt then (`handOff`); one settled before (refused at RCPT, never reached) counts it now, if it was one.
      settle: db.prepare(
        `UPDATE deliveries SET state = ?, last_reply = coalesce(?, last_reply), next_attempt_at = ?, sent_at = ?, attempts = attempts + ? - (state = 'sending'),
           first_attempt_at = CASE WHEN ? THEN coalesce(first_attempt_at, ?) ELSE first_attempt_at END, updated_at = ?
         WHERE issue = ? AND recipient_key = ? AND state IN ('queued', 'sending')`,
      ),
      bounce: db.prepare(`UPDATE subscribers SET status = 'bounced', updated_at = ? WHERE id = ? AND status IN ('active', 'pending')`),
      refusal: db.prepare('UPDATE deliveries SET refusal = ? WHERE issue = ? AND recipient_key = ?'),
      // The recipient's row in every send: a primary-key lookup per send, not a scan of every journal.
      history: db.prepare(`SELECT d.state, d.refusal, d.updated_at AS at, d.sent_at AS sentAt FROM send_runs r JOIN deliveries d ON d.issue = r.issue AND d.recipient_key = ?`),
      reactivatedAt: db.prepare('SELECT reactivated_at AS at FROM subscribers WHERE id = ?'),
    };
  }

  /** The send of this issue, if one was started. */
  mode(): SendMode | undefined {
    return (this.db.prepare('SELECT mode FROM send_runs WHERE issue = ?').get(this.issue) as { mode: SendMode } | undefined)?.mode;
  }

  /**
   * Records that the send is of the issue `identity` names: the editor's
   * word (`send --same-issue`) that the file now numbered so is the issue
   * the send started with, its title or date corrected since.
   */
  recordIdentity(identity: IssueIdentity): void {
    this.db.prepare('UPDATE send_runs SET issue_title = ?, issue_date = ? WHERE issue = ?').run(identity.title, identity.date, this.issue);
  }

  /**
   * Starts the send of this issue, once: records its mode and writes a
   * `queued` row for every active subscriber (or the one list address), all
   * in one transaction, so the recipient set is fixed from then on (someone
   * who subscribes later gets the next issue). A second call changes
   * nothing. `messageIdOf` gives each row its Message-ID, kept for every
   * attempt; `identity` is the issue the send is of (identity.ts). Returns
   * the number of rows written.
   */
  freeze(mode: SendMode, listAddress: string | undefined, messageIdOf: (email: string) => string, now: Date, identity: IssueIdentity): number {
    this.db.function('paperboy_message_id', { deterministic: true }, (email: unknown) => messageIdOf(String(email)));
    return this.db
      .transaction(() => {
        if (this.mode() !== undefined) return 0;
        const time = now.toISOString();
        this.db.prepare('INSERT INTO send_runs (issue, mode, created_at, issue_title, issue_date) VALUES (?, ?, ?, ?, ?)').run(this.issue, mode, time, identity.title, identity.date);
        if (mode === 'list') {
          return this.db
            .prepare(`INSERT INTO deliveries (issue, recipient_key, email, state, message_id, queued_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)`)
            .run(this.issue, emailKey(listAddress!), listAddress!, messageIdOf(listAddress!), time, time).changes;
        }
        return this.db
          .prepare(
            `INSERT INTO deliveries (issue, recipient_key, email, subscriber_id, state, message_id, queued_at, updated_at)
             SELECT ?, email_key, email, id, 'queued', paperboy_message_id(email), ?, ? FROM subscribers WHERE status = 'active' ORDER BY id`,
          )
          .run(this.issue, time, time).changes;
      })
      .immediate();
  }

  /**
   * Takes the issue's lock: refused while another live process holds it
   * (`holder`).
   */
  lock(now: Date): LockResult {
    return this.db
      .transaction((): LockResult => {
        const holder = this.holder(now);
        if (holder) return { ok: false, holder };
        this.db
          .prepare('UPDATE send_runs SET lock_pid = ?, lock_host = ?, lock_at = ?, lock_started = ? WHERE issue = ?')
          .run(this.owner.pid, this.owner.host, now.toISOString(), this.owner.started, this.issue);
        return { ok: true };
      })
      .immediate();
  }

  /**
   * The live process other than this one that holds the issue's lock, if
   * any: on this host, its pid runs and, where the system tells, started
   * when the lock says (a pid reused after a reboot or in a restarted
   * container is another process); elsewhere, it refreshed the lock in the
   * last two minutes.
   */
  holder(now: Date): LockHolder | undefined {
    const row = this.db.prepare('SELECT lock_pid AS pid, lock_host AS host, lock_at AS at, lock_started AS started FROM send_runs WHERE issue = ?').get(this.issue) as
      | { pid: number | null; host: string | null; at: string | null; started: string | null }
      | undefined;
    if (row?.pid == null || (row.pid === this.owner.pid && row.host === this.owner.host)) return undefined;
    const holder: LockHolder = { pid: row.pid, host: row.host!, at: row.at!, started: row.started };
    return holderIsAlive(holder, this.owner, now) ? holder : undefined;
  }

  /**
   * Records that this process composes the issue's messages under
   * `baseUrl` (their unsubscribe, "view in browser" and archive links), so
   * that `serve` still answers their unsubscribe links after baseUrl moves
   * (link-bases.ts). Once per issue and baseUrl; a later call changes nothing.
   */
  recordLinkBase(baseUrl: string, now: Date): void {
    this.db.prepare('INSERT OR IGNORE INTO sent_link_bases (issue, base_url, first_at) VALUES (?, ?, ?)').run(this.issue, baseUrl, now.toISOString());
  }

  /**
   * Forgets a send that went into the outbox alone (no SMTP_URL: nothing
   * left this machine), so that the issue can be sent through a relay to
   * everyone: its recipients' rows, its recorded link bases and the run.
   * Only when every row is `sent` with the outbox's reply, `skipped`, or
   * `queued`, never tried; otherwise nothing is changed and the number of
   * rows that may have reached a reader (sent through a relay, unknown,
   * in flight, refused or failed at a relay) is returned. One transaction.
   */
  discardOutboxOnly(isOutboxReply: (reply: string | null) => boolean): { discarded: number } | { reachedRelay: number } {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT state, last_reply AS reply, attempts FROM deliveries WHERE issue = ?').all(this.issue) as { state: DeliveryState; reply: string | null; attempts: number }[];
      const harmless = ({ state, reply, attempts }: (typeof rows)[number]) => (state === 'sent' && isOutboxReply(reply)) || state === 'skipped' || (state === 'queued' && attempts === 0 && reply === null);
      const reachedRelay = rows.filter((row) => !harmless(row)).length;
      if (reachedRelay > 0) return { reachedRelay };
      this.db.prepare('DELETE FROM deliveries WHERE issue = ?').run(this.issue);
      this.db.prepare('DELETE FROM sent_link_bases WHERE issue = ?').run(this.issue);
      this.db.prepare('DELETE FROM send_runs WHERE issue = ?').run(this.issue);
      return { discarded: rows.length };
    }).immediate();
  }

  unlock(): void {
    this.db.prepare('UPDATE send_runs SET lock_pid = NULL, lock_host = NULL, lock_at = NULL, lock_started = NULL WHERE issue = ? AND lock_pid = ? AND lock_host = ?').run(this.issue, this.owner.pid, this.owner.host);
  }

  /**
   * Rows left `sending` by a run that died (the lock is ours now, so no
   * process is sending them): they may have arrived, so they become
   * `unknown`, re-sent only when asked (RELIABILITY 9).
   */
  recoverInFlight(now: Date): number {
    // The reply an earlier attempt got (a 4xx) is not what became of this one: `sends` and the report show this instead.
    return this.db
      .prepare(`UPDATE deliveries SET state = 'unknown', last_reply = ?, updated_at = ? WHERE issue = ? AND state = 'sending'`)
      .run(STOPPED_IN_FLIGHT, now.toISOString(), this.issue).changes;
  }

  /**
   * `recoverInFlight` outside a run: under the lock, taken and given back,
   * when no send holds it (one that does is still sending those rows, and
   * they are left to it). For a send with nothing queued, which starts no
   * run: without it the rows stayed `sending` and the issue never became
   * `status: sent`.
   */
  recoverStopped(now: Date): void {
    if (this.counts().sending === 0 || !this.lock(now).ok) return;
    try {
      this.recoverInFlight(now);
    } finally {
      this.unlock();
    }
  }

  /** `--retry-unknown` / `--retry-failed`: those rows queued again, due now, with the same Message-ID. */
  requeue(states: readonly ('unknown' | 'failed' | 'expired')[], now: Date): number {
    if (states.length === 0) return 0;
    const time = now.toISOString();
    return this.db
      .prepare(`UPDATE deliveries SET state = 'queued', next_attempt_at = NULL, first_attempt_at = NULL, updated_at = ? WHERE issue = ? AND state IN (${states.map(() => '?').join(', ')})`)
      .run(time, this.issue, ...states).changes;
  }

  /**
   * Up to `limit` queued rows that are due, leaving out `held` (the keys of
   * rows this run claimed and has not settled in the journal yet). Reads
   * only: a claimed row stays `queued` until its message starts going to
   * the relay (`record`), so a run killed while it waits for the rate limit
   * or a connection leaves it to the next run, never in doubt. Each
   * delivery carries this attempt already (`attempts`, `firstAttemptAt`).
   */
  claim(limit: number, held: ReadonlySet<string>, now: Date): Delivery[] {
    if (limit <= 0) return [];
    const time = now.toISOString();
    const free = (rows: DeliveryRow[]) => rows.filter((row) => !held.has(row.recipient_key));
    const rows = free(this.statements.fresh.all(this.issue, limit + held.size) as DeliveryRow[]).slice(0, limit);
    if (rows.length < limit) append(rows, free(this.statements.due.all(this.issue, time, limit - rows.length + held.size) as DeliveryRow[]).slice(0, limit - rows.length));
    return rows.map((row) => toDelivery({ ...row, attempts: row.attempts + 1, first_attempt_at: row.first_attempt_at ?? time }));
  }

  /**
   * One transaction (one fsync for the group): records what became of the
   * settled deliveries (a bounce marks the subscriber `bounced` too), then
   * commits the `handedOver` ones `sending`, an attempt counted: each is
   * committed so before the end of its message goes (RELIABILITY 8).
   * Returns the keys of those that were not `queued` any more, whose
   * message must not be finished. Throws when the journal cannot be written.
   */
  record(settled: readonly SettledDelivery[], handedOver: readonly Delivery[], now: Date): Set<string> {
    const time = now.toISOString();
    return this.db
      .transaction(() => {
        for (const { delivery, settlement } of settled) this.settle(delivery, settlement, time);
        const refused = new Set<string>();
        for (const delivery of handedOver) {
          if (this.statements.handOff.run(time, time, this.issue, delivery.recipientKey).changes === 0) refused.add(delivery.recipientKey);
        }
        if (handedOver.length > 0) this.statements.heartbeat.run(time, this.issue);
        return refused;
      })
      .immediate();
  }

  /**
   * Rows a stopped run left `sending` whose fate the transport could tell
   * (the outbox, by its files: `Transport.handedOver`): `sent` with the
   * reply (`reply` set), or `queued` again, the attempt not counted (the
   * message never went). One transaction; run under the lock.
   */
  settleHandedOver(verdicts: readonly { delivery: Delivery; reply: string | undefined }[], now: Date): void {
    const time = now.toISOString();
    this.db
      .transaction(() => {
        for (const { delivery, reply } of verdicts) this.settle(delivery, reply === undefined ? { kind: 'release' } : { kind: 'sent', reply }, time);
      })
      .immediate();
  }

  private settle(delivery: Delivery, settlement: Settlement, time: string): void {
    const update = (state: DeliveryState, extra: { reply?: string | undefined; next?: string | null; sentAt?: string | null; tried?: boolean } = {}) => {
      const tried = (extra.tried ?? true) ? 1 : 0;
      this.statements.settle.run(state, extra.reply ?? null, extra.next ?? null, extra.sentAt ?? null, tried, tried, time, time, this.issue, delivery.recipientKey);
    };
    switch (settlement.kind) {
      case 'sent':
        update('sent', { reply: settlement.reply, sentAt: time });
        return;
      case 'failed':
        update('failed', { reply: settlement.reply });
        if (settlement.bounce && delivery.subscriberId !== null) {
          this.statements.bounce.run(time, delivery.subscriberId);
        }
        if (settlement.refused && delivery.subscriberId !== null) this.countRefusal(delivery, delivery.subscriberId, time);
        return;
      case 'retry':
        update('queued', { reply: settlement.reply, next: settlement.at.toISOString() });
        return;
      case 'release':
        update('queued', { reply: settlement.reply, tried: false });
        return;
      case 'skipped':
        // Not tried: the reader left after the recipient set was frozen (RELIABILITY 17).
        update('skipped', { reply: settlement.reply, tried: false });
        return;
      default:
        update(settlement.kind, { reply: settlement.reply });
    }
  }

  /**
   * Records a refusal for good of `delivery`'s recipient at RCPT that says
   * nothing certain of its mailbox (a 550, 551 or 553 with no enhanced
   * code, RFC 5321 §4.2.2; 5.2.x…), and marks its subscriber bounced when
   * it is the REFUSED_SENDS_TO_BOUNCE-th send in a row so: refusals since
   * the last message a relay took for it, and since the editor last
   * reactivated it. One refusal may be a relay's policy worded as a 550; a
   * mailbox refused issue after issue is gone for every purpose the list
   * has, and mailing it on harms the sender's reputation (as listmonk's
   * bounce count does). Facts of the journal only: the state, the stage
   * (`refused`) and the times, never the reply's words.
   */
  private countRefusal(delivery: Delivery, subscriberId: number, time: string): void {
    this.statements.refusal.run('counted', this.issue, delivery.recipientKey);
    const rows = this.statements.history.all(delivery.recipientKey) as { state: DeliveryState; refusal: string | null; at: string; sentAt: string | null }[];
    const reactivated = (this.statements.reactivatedAt.get(subscriberId) as { at: string | null } | undefined)?.at ?? '';
    const lastTaken = rows.reduce((latest, row) => (row.state === 'sent' && row.sentAt !== null && row.sentAt > latest ? row.sentAt : latest), reactivated);
    const refusals = rows.filter((row) => row.state === 'failed' && row.refusal !== null && row.at > lastTaken).length;
    if (refusals >= REFUSED_SENDS_TO_BOUNCE && this.statements.bounce.run(time, subscriberId).changes > 0) {
      this.statements.refusal.run('bounced', this.issue, delivery.recipientKey);
    }
  }

  /**
   * When the next queued row is due (the epoch for one due now), or undefined when none is queued. A retry set at a
   * time later than `now` (its `updated_at`) was set by a clock since stepped back (NTP, a VM resumed): it is timed
   * again from `now`, the same delay after, not the clock's jump later. Throws what SQLite throws.
   */
  nextDue(now: Date): Date | undefined {
    if (this.statements.fresh.get(this.issue, 1) !== undefined) return new Date(0);
    const time = now.toISOString();
    const retimed = `strftime('%Y-%m-%dT%H:%M:%fZ', @now, printf('%+.3f seconds', (julianday(next_attempt_at) - julianday(updated_at)) * 86400))`;
    this.db.prepare(`UPDATE deliveries SET updated_at = @now, next_attempt_at = ${retimed} WHERE issue = @issue AND state = 'queued' AND next_attempt_at IS NOT NULL AND updated_at > @now`).run({ now: time, issue: this.issue });
    const row = this.db.prepare(`SELECT min(next_attempt_at) AS at FROM deliveries WHERE issue = ? AND state = 'queued'`).get(this.issue) as { at: string | null };
    return row.at === null ? undefined : new Date(row.at);
  }

  /** The reply that last deferred the queued recipient due first (`nextDue`), for the words of a wait; undefined when none has one. */
  dueReply(): string | undefined {
    const row = this.db.prepare(`SELECT last_reply AS reply FROM deliveries WHERE issue = ? AND state = 'queued' AND next_attempt_at IS NOT NULL ORDER BY next_attempt_at LIMIT 1`).get(this.issue) as { reply: string | null } | undefined;
    return row?.reply ?? undefined;
  }

  counts(): Record<DeliveryState, number> {
    const counts = Object.fromEntries(DELIVERY_STATES.map((state) => [state, 0])) as Record<DeliveryState, number>;
    for (const row of this.db.prepare('SELECT state, count(*) AS n FROM deliveries WHERE issue = ? GROUP BY state').all(this.issue) as { state: DeliveryState; n: number }[]) {
      counts[row.state] = row.n;
    }
    return counts;
  }

  /**
   * Rows in these states, in address order, read one at a time: by the
   * part before the `@`, then the domain, each ignoring ASCII case, as the
   * addresses are written (the journal's `email`). The order a reader looks
   * an address up in, the same in the send's report, `paperboy sends` and
   * its JSON (the report's first 20 are the first 20 of `sends`). Not the
   * order of `recipient_key` as text, which put `reader10@` before
   * `reader1@` (`0` sorts before `@`) and a domain by its punycode
   * (`xn--bcher-kva`), not its letters; nor the order they were sent in,
   * which a resumed or retried send mixes and which says nothing to whoever
   * looks for an address. The key breaks ties, so the order is total.
   */
  *inStates(states: readonly DeliveryState[]): IterableIterator<Delivery> {
    const local = "substr(email, 1, instr(email, '@') - 1)";
    const domain = "substr(email, instr(email, '@') + 1)";
    const statement = this.db.prepare(
      `SELECT ${COLUMNS} FROM deliveries WHERE issue = ? AND state IN (${states.map(() => '?').join(', ')}) ORDER BY lower(${local}), lower(${domain}), recipient_key`,
    );
    for (const row of statement.iterate(this.issue, ...states) as IterableIterator<DeliveryRow>) yield toDelivery(row);
  }

  /** Marks the send finished (every row final) the first time it is. */
  finish(now: Date): void {
    this.db.prepare('UPDATE send_runs SET finished_at = coalesce(finished_at, ?) WHERE issue = ?').run(now.toISOString(), this.issue);
  }
}
