import { SingleBar } from 'cli-progress';
import type { CommandIO } from '../io.js';
import { PaperboyError } from '../errors.js';
import type { DeliveryResult } from '../mail/transports/transport.js';
import { counted } from '../render/format.js';
import type { Delivery, DeliveryState, Settlement } from '../send/journal.js';

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
   * minutes does not look like a hang.
   */
  waiting(until: Date, queued: number, relay?: { reply: string; connections: number }): void {
    const time = until.toLocaleTimeString('en-GB');
    const note = relay
      ? `the relay failed (${shortReply(relay.reply)}): waiting until ${time}, then ${counted(relay.connections, 'connection')}`
      : `waiting until ${time} to retry ${counted(queued, 'deferred recipient')}`;
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
export function perSecond(rate: number): string {
  return rate.toFixed(rate >= 10 ? 0 : rate >= 0.1 ? 1 : 2);
}

/** A session the relay refused (exit 2, its hint) or a relay out of reach (exit 1, said): nothing was sent either way. */
export function relayRefused(result: Extract<DeliveryResult, { ok: false }>, io: CommandIO): number {
  const { failure } = result;
  if (failure.stage === 'connect' && (failure.code === undefined || failure.code < 500)) {
    io.stderr.write(`paperboy: Cannot reach the SMTP relay: ${failure.reply}. Nothing was sent; run the same command again when it is up.\n`);
    return 1;
  }
  throw new PaperboyError('SMTP_REFUSED', `The SMTP relay refused the session before any message: ${failure.reply}`, {
    hint: `${failure.hint ?? 'Check the user and password in SMTP_URL, and that the relay offers STARTTLS with a valid certificate.'} Nothing was sent.`,
  });
}
