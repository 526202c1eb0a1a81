import { replaceControlCharacters } from '../diagnostics/control-characters.js';
/** How long a notice keeps quiet after it was said, in ms. */
const QUIET_MS = 60 * 60 * 1000;

/**
 * Lines for the server's stderr that a flood would repeat with every
 * request (each cross-site post refused, each request over the cap on
 * confirmation emails): each kind is said once, then not again for an
 * hour, so the log says that it happens without filling up; the access
 * log has every answer. Kinds are a few fixed words, never taken from a
 * request, so they are few.
 */
export class HourlyNotice {
  private readonly lastSaid = new Map<string, number>();

  constructor(
    private readonly now: () => Date,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  /**
   * Writes `line` (`paperboy: ` before it) unless a line of `kind` was
   * written in the last hour. Its control characters are shown U+FFFD: a
   * line quotes what a client sent (a header read as latin1), and a C1 CSI
   * in it must not reach the terminal as a command.
   */
  say(kind: string, line: string): void {
    const now = this.now().getTime();
    const last = this.lastSaid.get(kind);
    if (last !== undefined && now - last < QUIET_MS) return;
    this.lastSaid.set(kind, now);
    this.write(`paperboy: ${replaceControlCharacters(line)}\n`);
  }
}
