/**
 * What differs between the plaintext email and the terminal preview: how a
 * run of text is decorated, which characters mark spans, and how links show.
 * Everything else (wrapping, lists, quotes, tables, code, footnotes) is the
 * shared layout of blocks.ts, which measures text before decoration, so a
 * style may add escape codes without moving a column.
 */

/** What a run of text is; a style turns it into decoration (ANSI, OSC 8) or ignores it. */
export interface Format {
  readonly strong?: true;
  readonly emphasis?: true;
  readonly strikethrough?: true;
  readonly code?: true;
  /** The absolute URL the text links to. */
  readonly link?: string;
  /**
   * The text is the link's own address (an autolink, a bare URL): copied
   * whole to be followed, so never cut (lint's link-url-length measures its
   * line). Always with `link`.
   */
  readonly address?: true;
  /** Depth (1–6) of the heading the text belongs to. */
  readonly heading?: number;
  /** Secondary text: reference numbers, list markers, rules, table borders. */
  readonly muted?: true;
  /** A paper's title: it links to the paper, but is a title first, not underlined like a link in the text. */
  readonly title?: true;
}

export const PLAIN: Format = {};

/** Spans that a plaintext reader recognizes by the characters around them. */
export type DelimitedSpan = 'strong' | 'emphasis' | 'strikethrough' | 'code';

/**
 * How a link's target reaches the reader:
 * - `references`: the text is followed by a number, ` [1]`, and the URLs are
 *   listed by the caller (the plaintext email);
 * - `hyperlinks`: the text itself carries the URL (`Format.link`, OSC 8).
 */
type LinkPresentation = 'references' | 'hyperlinks';

/** Characters the layout draws with. */
export interface Glyphs {
  /** Marker of an unordered list item. */
  readonly bullet: string;
  readonly taskDone: string;
  readonly taskOpen: string;
  /** Written before every line of a block quote (then a space). */
  readonly quote: string;
  /** A thematic break, centered in the width. */
  readonly thematicBreak: string;
  /** Between table cells (with a space on each side). */
  readonly tableColumn: string;
  /** Repeated under the table header. */
  readonly tableRule: string;
  /** Where the header rule crosses a column separator. */
  readonly tableCross: string;
}

export interface TextStyle {
  /**
   * Written around each span; empty strings when `decorate` shows the span
   * instead. Code's opening delimiter is a fence character: repeated and
   * padded as CommonMark needs (fence.ts), so the code reads back exactly.
   */
  readonly delimiters: Readonly<Record<DelimitedSpan, readonly [open: string, close: string]>>;
  /**
   * Written around emphasis instead of `delimiters.emphasis` where a letter
   * or digit touches it from outside (`2*3*4`, `un*frigging*believable`):
   * between letters, `_` is part of a word (`snake_case`), never emphasis,
   * for CommonMark as for a reader; `*` is both.
   */
  readonly intrawordEmphasis: readonly [open: string, close: string];
  readonly links: LinkPresentation;
  readonly glyphs: Glyphs;
  /**
   * Longest line in UTF-8 octets, hard-split beyond as a last resort: 998 for
   * email (RFC 5322 2.1.1), `Infinity` where escape codes must stay whole.
   */
  readonly maxLineOctets: number;
  /**
   * Whether a word wider than its table column may be cut to keep the table
   * within the width: the terminal preview, whose lines must fit the width
   * asked for; never the email, where a URL is copied whole to be followed.
   */
  readonly cutsWords: boolean;
  /**
   * Decorates a run of text of one format, never longer than one line (so an
   * escape sequence never spans a line break or a prefix). Must not change
   * the display width of `text`.
   */
  decorate(text: string, format: Format): string;
}

/** The plaintext email: readable conventions instead of decoration (`*strong*`, `_emphasis_`, `2*3*4` within a word). */
export const plainStyle: TextStyle = {
  delimiters: { strong: ['*', '*'], emphasis: ['_', '_'], strikethrough: ['~~', '~~'], code: ['`', '`'] },
  intrawordEmphasis: ['*', '*'],
  links: 'references',
  glyphs: {
    bullet: '-',
    taskDone: '[x]',
    taskOpen: '[ ]',
    quote: '>',
    thematicBreak: '* * *',
    tableColumn: '|',
    tableRule: '-',
    tableCross: '+',
  },
  maxLineOctets: 998,
  cutsWords: false,
  decorate: (text) => text,
};

export function sameFormat(a: Format, b: Format): boolean {
  return (
    a.strong === b.strong &&
    a.emphasis === b.emphasis &&
    a.strikethrough === b.strikethrough &&
    a.code === b.code &&
    a.link === b.link &&
    a.address === b.address &&
    a.heading === b.heading &&
    a.muted === b.muted
  );
}
