import ansiEscapes from 'ansi-escapes';
import type { Output } from '../io.js';
import { truncateToWidth } from '../render/terminal/index.js';

/**
 * Where `preview --watch` shows each render. On a terminal: the alternate
 * screen (the shell's screen comes back on exit, as with less), cleared and
 * redrawn on every render, scrollable from the keyboard, with a status line
 * at the bottom; lines wider than the terminal are cut with "…", not
 * wrapped, so the line count stays true (auto-wrap is off, and the terminal
 * would otherwise cut them silently). Elsewhere (a pipe, a log): each render
 * printed in full after the previous one.
 */
export interface WatchScreen {
  show(lines: readonly string[], status: string): void;
  /** A new status line over what is shown (a long render starting); nothing when printed. */
  status(status: string): void;
  /** A key that scrolls; false when the key means nothing here. */
  scroll(key: string): boolean;
  /** Draw again (after a resize). */
  redraw(): void;
  /** Leave the screen as it was found; nothing is drawn after. */
  restore(): void;
}

const CSI = '\u001b[';
// Auto-wrap off (DECAWM, `CSI ?7l`), which ansi-escapes has no name for.
const AUTOWRAP_OFF = `${CSI}?7l`;
const AUTOWRAP_ON = `${CSI}?7h`;
const ENTER = `${ansiEscapes.enterAlternativeScreen}${ansiEscapes.cursorHide}${AUTOWRAP_OFF}`;
const LEAVE = `${AUTOWRAP_ON}${ansiEscapes.cursorShow}${ansiEscapes.exitAlternativeScreen}`;
const KEYS = 'q quit · ↑↓ PgUp PgDn scroll';

export function createWatchScreen(output: Output, color: boolean): WatchScreen {
  return output.isTTY === true ? new TerminalScreen(output, color) : new PrintedScreen(output);
}

class PrintedScreen implements WatchScreen {
  private renders = 0;
  private closed = false;
  constructor(private readonly output: Output) {}

  show(lines: readonly string[], status: string): void {
    if (this.closed) return;
    this.output.write(`${this.renders++ > 0 ? '\n' : ''}${lines.join('\n')}\n${status}\n`);
  }
  status(): void {}
  scroll(): boolean {
    return false;
  }
  redraw(): void {}
  restore(): void {
    this.closed = true;
  }
}

/** Keys as a terminal sends them: arrows and paging keys, with less's letters. */
const SCROLL_KEYS: Readonly<Record<string, (page: number, top: number) => number>> = {
  j: (_, top) => top + 1,
  [`${CSI}B`]: (_, top) => top + 1,
  k: (_, top) => top - 1,
  [`${CSI}A`]: (_, top) => top - 1,
  ' ': (page, top) => top + page,
  f: (page, top) => top + page,
  [`${CSI}6~`]: (page, top) => top + page,
  b: (page, top) => top - page,
  [`${CSI}5~`]: (page, top) => top - page,
  g: () => 0,
  [`${CSI}H`]: () => 0,
  [`${CSI}1~`]: () => 0,
  G: () => Infinity,
  [`${CSI}F`]: () => Infinity,
  [`${CSI}4~`]: () => Infinity,
};

class TerminalScreen implements WatchScreen {
  private lines: readonly string[] = [];
  private statusText = '';
  private top = 0;
  private entered = false;
  private closed = false;

  constructor(
    private readonly output: Output,
    private readonly color: boolean,
  ) {}

  /** Keeps the scroll position: the editor is usually looking at the part being edited. */
  show(lines: readonly string[], status: string): void {
    this.lines = lines;
    this.statusText = status;
    this.redraw();
  }

  status(status: string): void {
    this.statusText = status;
    this.redraw();
  }

  scroll(key: string): boolean {
    const move = SCROLL_KEYS[key];
    if (!move) return false;
    this.top = move(this.pageHeight() - 1, this.top);
    this.redraw();
    return true;
  }

  redraw(): void {
    if (this.closed) return;
    if (!this.entered) {
      this.output.write(ENTER);
      this.entered = true;
    }
    const height = this.pageHeight();
    this.top = Math.max(0, Math.min(this.top, this.lines.length - height));
    const visible = this.lines.slice(this.top, this.top + height);
    const width = this.output.columns ?? 80;
    const position = `lines ${this.top + 1}–${this.top + visible.length} of ${this.lines.length}`;
    // Most useful first (the caller's file and event, then the position,
    // then the keys), cut with "…" where the terminal ends.
    const status = truncateToWidth(`${this.statusText} · ${position} · ${KEYS}`, Math.max(1, width - 2));
    // Home, then each line over the old one, erased first (not after: with
    // autowrap off, a full-width line leaves the cursor on its last character),
    // then the rest of the screen, then the status line at the bottom.
    const body = visible.map((line) => `${ansiEscapes.eraseLine}${truncateToWidth(line, width)}\n`).join('');
    const statusLine = this.color ? `${CSI}7m ${status} ${CSI}0m` : ` ${status}`;
    this.output.write(`${ansiEscapes.cursorTo(0, 0)}${body}${ansiEscapes.eraseDown}${ansiEscapes.cursorTo(0, height)}${ansiEscapes.eraseLine}${statusLine}`);
  }

  restore(): void {
    if (this.entered) this.output.write(LEAVE);
    this.closed = true;
  }

  private pageHeight(): number {
    return Math.max(1, (this.output.rows ?? 24) - 1);
  }
}
