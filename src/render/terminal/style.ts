import { stripVTControlCharacters } from 'node:util';
import type { Format, Glyphs, TextStyle } from '../text/index.js';

/**
 * The terminal's `TextStyle` for src/render/text: ANSI SGR for emphasis,
 * OSC 8 for links, box-drawing glyphs. Without colour it writes no escape
 * code at all and marks spans the plaintext way (`*strong*`, `_emphasis_`),
 * so piped output reads like the plaintext email.
 */
export interface TerminalStyleOptions {
  /** SGR escape codes (bold, italic, dim…); false for plain text. */
  color: boolean;
  /** Link texts carry their URL as OSC 8 hyperlinks; otherwise they are numbered `[1]` and listed, as in the plaintext. Needs `color`. */
  hyperlinks: boolean;
}

const ESC = '\u001b';
const RESET = `${ESC}[0m`;
// ST (ESC \) rather than BEL ends the OSC: the form the OSC 8 proposal specifies.
const OSC8_END = `${ESC}]8;;${ESC}\\`;
const osc8Start = (url: string): string => `${ESC}]8;;${url}${ESC}\\`;

// C0 and C1 controls: text from an issue file must never drive the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * What string-width, which the layout measures with (text/wrap.ts
 * `displayWidth`), counts as no column but terminals draw (wcwidth, as
 * glibc 2.36 and xterm give it): the soft hyphen U+00AD (1 column; it is a
 * grapheme of its own), the Hangul fillers U+115F, U+3164 (2) and U+FFA0
 * (1) where nothing joins them into a longer grapheme, and the
 * default-ignorable code points not assigned yet (each terminal its own
 * way). Drawn, they pushed a line past the width and the terminal wrapped
 * or overwrote its end; a soft hyphen shows only where a line breaks at
 * it, which the layout never does.
 */
const DRAWN_BUT_NOT_MEASURED =
  /\u00ad|(?=\p{Cn})\p{Default_Ignorable_Code_Point}|\u115f(?![\u1100-\u11ff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff])|[\u3164\uffa0](?![\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\u200d])/gu;

/**
 * Content as it may reach the terminal: escape sequences (which string-width
 * already counts as zero columns) and other control characters removed, and
 * what the terminal would draw wider than the layout measured it
 * (DRAWN_BUT_NOT_MEASURED), so a line takes the columns it was given.
 */
function sanitizeForTerminal(text: string): string {
  return stripVTControlCharacters(text).replace(CONTROL_CHARACTERS, '').replace(DRAWN_BUT_NOT_MEASURED, '');
}

/**
 * SGR parameters. Headings are bold and coloured, underlined once, by the
 * rule under them (heading.ts), not also by SGR 4: the issue title magenta,
 * section headings cyan. Links are underlined, paper titles (bold) are not.
 * Inline code is green, apart from dimmed secondary text such as URLs.
 */
function sgrCodes(format: Format): number[] {
  const codes: number[] = [];
  if (format.strong || format.title || (format.heading !== undefined && format.heading <= 2)) codes.push(1);
  if (format.muted) codes.push(2);
  if (format.emphasis) codes.push(3);
  if (format.strikethrough) codes.push(9);
  if (format.code && !format.muted) codes.push(32);
  if (format.heading !== undefined && !format.muted) codes.push(format.heading === 1 ? 35 : 36);
  if (format.link && !format.muted && !format.title) codes.push(4);
  return [...new Set(codes)];
}

function decorateWithColor(text: string, format: Format, hyperlinks: boolean): string {
  const clean = sanitizeForTerminal(text);
  const codes = sgrCodes(format);
  // Each run is decorated on its own and ends with a full reset: runs never
  // nest, so there is no outer style to restore.
  const styled = codes.length === 0 ? clean : `${ESC}[${codes.join(';')}m${clean}${RESET}`;
  return hyperlinks && format.link ? `${osc8Start(format.link)}${styled}${OSC8_END}` : styled;
}

const BOX_GLYPHS: Glyphs = {
  bullet: '•',
  taskDone: '☑',
  taskOpen: '☐',
  quote: '│',
  thematicBreak: '───',
  tableColumn: '│',
  tableRule: '─',
  tableCross: '┼',
};

export function terminalStyle(options: TerminalStyleOptions): TextStyle {
  const { color } = options;
  const hyperlinks = color && options.hyperlinks;
  return {
    delimiters: color
      ? { strong: ['', ''], emphasis: ['', ''], strikethrough: ['', ''], code: ['', ''] }
      : { strong: ['*', '*'], emphasis: ['_', '_'], strikethrough: ['~~', '~~'], code: ['`', '`'] },
    intrawordEmphasis: color ? ['', ''] : ['*', '*'],
    // Without OSC 8, numbered references as in the plaintext: a long URL in the text would run past the width.
    links: hyperlinks ? 'hyperlinks' : 'references',
    glyphs: BOX_GLYPHS,
    // Escape sequences must stay whole, and a terminal has no line limit.
    maxLineOctets: Infinity,
    // A table wider than the terminal would be drawn wrapped by the terminal, its columns torn apart.
    cutsWords: true,
    decorate: color ? (text, format) => decorateWithColor(text, format, hyperlinks) : (text) => sanitizeForTerminal(text),
  };
}

/** `style` with every run dimmed: private notes, set apart from what subscribers read. */
export function mutedStyle(style: TextStyle): TextStyle {
  return { ...style, decorate: (text, format) => style.decorate(text, { ...format, muted: true }) };
}
