import stringWidth from 'string-width';
import { balanceIsolates } from '../bidi.js';
import { graphemePieces, SEGMENT_PIECE } from '../../issue/segment-pieces.js';
import { canBreakBetween, lastCharacter, splitAtBreaks } from './breaks.js';
import { readsAsStructure } from './line-start.js';
import { graphemeClusters } from './octets.js';
import { PLAIN, plainStyle, sameFormat, type Format, type TextStyle } from './style.js';
import { append } from '../../arrays.js';

/**
 * Layout primitives shared by every text output: word wrapping by display
 * width (a CJK character or an emoji takes two columns, a combining mark
 * none), indentation and alignment. The RFC 5322 line limit is octets.ts.
 */

/** A run of text of one format, the unit inline rendering produces. */
export interface Fragment {
  readonly text: string;
  readonly format: Format;
  /**
   * Never broken, nor separated from the word before it: a reference number
   * ` [1]` stays on the line of the text it follows.
   */
  readonly keepTogether?: boolean;
  /**
   * What the run marks whose characters depend on what stands next to it,
   * chosen once a paragraph's runs are all made (neighbours.ts): an
   * emphasis delimiter, or a footnote's marker.
   */
  readonly role?: 'emphasis-open' | 'emphasis-close' | 'footnote-marker';
}

/** One wrapped line, with its display width (decoration excluded). */
export interface Line {
  readonly fragments: readonly Fragment[];
  readonly width: number;
}

/**
 * Text of characters that each take one column and stand alone (no mark,
 * joiner or selector can join them into one cluster): printable ASCII, the
 * Latin letters and signs of Latin-1 and Latin Extended-A and -B, and the
 * dashes, quotes and ellipsis of General Punctuation (U+2010–U+2027): the
 * names and words of most newsletters. Left out as string-width counts them
 * otherwise: the soft hyphen U+00AD (0), © and ® (2, as emoji).
 * tests/render/text/display-width.test.ts checks each of them against
 * string-width.
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\xa0-\xa8\xaa-\xac\xaf-\u024f\u2010-\u2027]*$/;

/**
 * Columns `text` takes on a terminal (string-width: East Asian wide
 * characters and emoji 2, marks 0). A long text is measured in pieces cut
 * between grapheme clusters (segment-pieces.ts), whose widths add up:
 * string-width segments its input whole, and Node 20's segmenter took
 * minutes over a 200 KB word. Not a text holding an escape (ESC), which a
 * cut could split and string-width would then count.
 */
export function displayWidth(text: string): number {
  // Most of a newsletter is ASCII and Latin letters: one column per character, no need to segment.
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  if (text.length <= SEGMENT_PIECE || text.includes('\x1b')) return stringWidth(text);
  return graphemePieces(text).reduce((width, piece) => width + stringWidth(piece), 0);
}

export type Alignment = 'left' | 'right' | 'center';

/** Pads `text`, whose display width is `textWidth`, to `width` columns. */
export function alignText(text: string, textWidth: number, width: number, align: Alignment = 'left'): string {
  const room = Math.max(0, width - textWidth);
  const before = align === 'right' ? room : align === 'center' ? Math.floor(room / 2) : 0;
  return ' '.repeat(before) + text + ' '.repeat(room - before);
}

const BREAK_OR_SPACE = /(\n|[ \t]+)/;

/**
 * What separates a word from the one before it on a line: a space (of the
 * format of the whitespace it stands for, so an underlined link has no gap),
 * or nothing, between two CJK characters.
 */
type Gap = { space: Format } | 'none';

/** A word on the line being filled, with what separates it from the word before it. */
interface PlacedWord {
  readonly fragments: readonly Fragment[];
  readonly width: number;
  readonly gap: Gap | undefined;
}

const gapWidth = (gap: Gap | undefined): number => (typeof gap === 'object' ? 1 : 0);
const textOf = (word: PlacedWord): string => word.fragments.map((fragment) => fragment.text).join('');

/** The width of `words` as one line: the first one's gap is not written. */
function widthOf(words: readonly PlacedWord[]): number {
  return words.reduce((sum, word, i) => sum + (i === 0 ? 0 : gapWidth(word.gap)) + word.width, 0);
}

/**
 * How many of the last words of `line` go down with `next`, which does not
 * fit on it: none, unless `next` reads as structure at the start of a line
 * (line-start.ts); then as few as make the new line start with a word that
 * does not, when they fit `width` with it and leave a word behind (else
 * none: the line starts with it after all).
 */
function wordsToCarry(line: readonly PlacedWord[], next: PlacedWord, width: number): number {
  if (!readsAsStructure(textOf(next))) return 0;
  for (let count = 1; count < line.length; count++) {
    const moved = [...line.slice(-count), next];
    if (widthOf(moved) > width) return 0;
    if (!readsAsStructure(textOf(moved[0]!))) return count;
  }
  return 0;
}

/**
 * Greedy word wrap at `width` columns. Spaces and tabs are break
 * opportunities (and collapse to one space), `\n` is a forced break, and
 * Chinese and Japanese break between characters (see breaks.ts). A word
 * wider than `width` (a URL) gets a line of its own and overflows: it is
 * never broken, unless `cutWords` (`TextStyle.cutsWords`: the terminal
 * preview), which cuts it over lines that fit (`cutWideLines`) where the
 * width is at least `MIN_CUT_WIDTH`. A line
 * never starts with a word that reads as structure (a `>`, a `-`, a
 * `2023.`: line-start.ts) where the word before it can go down with it.
 */
export function wrapFragments(fragments: readonly Fragment[], width: number, cutWords = false): Line[] {
  const lines = wrapWords(fragments, { first: width, rest: width });
  return cutWords && width >= MIN_CUT_WIDTH ? cutWideLines(lines, width) : lines;
}

/**
 * The columns each line of a wrapped text may fill: the first line's and
 * every other's, which differ where the first line has a prefix of another
 * width than the lines under it (a title's `1. ` and its hanging indent,
 * a marker, a label).
 */
interface LineWidths {
  readonly first: number;
  readonly rest: number;
}

/**
 * The narrowest text a word is cut to fit (columns). Text nested so deep
 * that less is left of the screen (a list 40 levels down) keeps its words
 * whole, overflowing as its indentation already does: cut to a column or
 * two, "level 40" would read down the screen a character a line.
 */
export const MIN_CUT_WIDTH = 16;

/**
 * `wrapFragments` with no word cut: a word wider than its line's width
 * alone on its line. Each line is filled to its own width (`widths.first`
 * for the first, `widths.rest` for the others), never to the narrowest.
 */
function wrapWords(fragments: readonly Fragment[], widths: LineWidths): Line[] {
  const lines: Line[] = [];
  const widthOfLine = (): number => (lines.length === 0 ? widths.first : widths.rest);
  let line: PlacedWord[] = [];
  let lineWidth = 0;
  let word: Fragment[] = [];
  let wordWidth = 0;
  let wordEnd = '';
  let gapAfterWord: Gap | undefined;
  let gapBeforeWord: Gap | undefined;

  /** Ends the line before its last `carried` words, which start the next one. */
  const endLine = (carried = 0): void => {
    const kept = line.slice(0, line.length - carried);
    const output: Fragment[] = [];
    kept.forEach((placed, i) => {
      if (i > 0 && typeof placed.gap === 'object') output.push({ text: ' ', format: placed.gap.space });
      append(output, placed.fragments);
    });
    lines.push({ fragments: output, width: widthOf(kept) });
    line = line.slice(kept.length);
    lineWidth = widthOf(line);
  };
  const placeWord = (): void => {
    if (word.length === 0) return;
    const next: PlacedWord = { fragments: word, width: wordWidth, gap: gapBeforeWord };
    // Words carried down start a line after the first: they must fit the others' width.
    if (line.length > 0 && lineWidth + gapWidth(next.gap) + next.width > widthOfLine()) endLine(wordsToCarry(line, next, widths.rest));
    lineWidth += (line.length > 0 ? gapWidth(next.gap) : 0) + next.width;
    line.push(next);
    word = [];
    wordWidth = 0;
    wordEnd = '';
  };
  const appendToWord = (fragment: Fragment): void => {
    if (fragment.text === '') return;
    if (word.length === 0) gapBeforeWord = gapAfterWord;
    word.push(fragment);
    wordWidth += displayWidth(fragment.text);
    wordEnd = lastCharacter(fragment.text);
  };
  const appendText = (text: string, format: Format): void => {
    splitAtBreaks(text).forEach((piece, i) => {
      if (piece === '') return;
      if (word.length > 0 && (i > 0 || canBreakBetween(wordEnd, String.fromCodePoint(piece.codePointAt(0)!)))) {
        placeWord();
        gapAfterWord = 'none';
      }
      appendToWord({ text: piece, format });
    });
  };

  for (const fragment of fragments) {
    if (fragment.keepTogether) {
      appendToWord(fragment);
      continue;
    }
    // Splitting with a capturing group alternates words and separators.
    fragment.text.split(BREAK_OR_SPACE).forEach((part, i) => {
      if (i % 2 === 0) {
        appendText(part, fragment.format);
      } else if (part === '\n') {
        placeWord();
        endLine();
        gapAfterWord = undefined;
      } else {
        placeWord();
        gapAfterWord = { space: fragment.format };
      }
    });
  }
  placeWord();
  if (line.length > 0) endLine();
  return lines;
}

/**
 * `lines` with every line wider than `width` cut between grapheme clusters
 * into lines that fit, for text that must keep within its width (a
 * paragraph or a table cell in the terminal preview) where a word wider
 * than it (a URL, long inline code) would run past it, and the terminal
 * would wrap it over the next line's indentation. Nothing is lost: the
 * pieces read back as the line. Lines that fit are kept as they are.
 */
export function cutWideLines(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((line) => (line.width <= width ? [line] : cutLine(line, width)));
}

/**
 * `text` (one line, undecorated) cut as `cutWideLines` cuts a line: pieces
 * of at most `width` columns that read back as `text` (a URL in the
 * terminal preview's reference list); `[text]` when it fits.
 */
export function cutText(text: string, width: number): string[] {
  const line: Line = { fragments: [{ text, format: PLAIN }], width: displayWidth(text) };
  return cutWideLines([line], width).map((piece) => piece.fragments.map((fragment) => fragment.text).join(''));
}

function cutLine(line: Line, width: number): Line[] {
  const lines: Line[] = [];
  let fragments: Fragment[] = [];
  let used = 0;
  for (let i = 0; i < line.fragments.length; i++) {
    const fragment = line.fragments[i]!;
    const markers = markersFrom(line.fragments, i);
    const markersWidth = widthOfFragments(markers);
    const carried = markers.length > 0 && used + markersWidth > width ? lastCluster(fragments) : undefined;
    if (carried && used > carried.width && carried.width + markersWidth <= width) {
      // The word's last character goes down with its markers: cut inside one, `[12]` would read `[1` and `2]`; alone at the start of a line, `[12]` would read as the reference list's (line-start.ts).
      lines.push({ fragments: carried.before, width: used - carried.width });
      fragments = [carried.cluster, ...markers];
      used = carried.width + markersWidth;
      i += markers.length - 1;
      continue;
    }
    for (const cluster of graphemeClusters(fragment.text)) {
      const clusterWidth = displayWidth(cluster);
      if (used > 0 && used + clusterWidth > width) {
        lines.push({ fragments, width: used });
        fragments = [];
        used = 0;
      }
      const last = fragments.at(-1);
      if (last?.format === fragment.format) fragments[fragments.length - 1] = { ...last, text: last.text + cluster };
      else fragments.push({ text: cluster, format: fragment.format });
      used += clusterWidth;
    }
  }
  if (fragments.length > 0) lines.push({ fragments, width: used });
  return lines;
}

/**
 * The markers kept with the word before them that start at `fragments[i]`,
 * each after a space (a link's ` [12]`, a cross-reference's ` (#3)`, both,
 * a note's ` ¹` after a number: inline.ts, neighbours.ts); none where
 * `fragments[i]` is another fragment (a word kept whole: an autolink's
 * address, a span of code).
 */
function markersFrom(fragments: readonly Fragment[], i: number): Fragment[] {
  let end = i;
  while (end < fragments.length && fragments[end]!.keepTogether === true && /^ \S/.test(fragments[end]!.text)) end += 1;
  return fragments.slice(i, end);
}

const widthOfFragments = (fragments: readonly Fragment[]): number => fragments.reduce((sum, fragment) => sum + displayWidth(fragment.text), 0);

/** The last grapheme cluster of `fragments` (as a fragment of its format), its width, and the fragments before it; undefined when there are none. */
function lastCluster(fragments: readonly Fragment[]): { cluster: Fragment; width: number; before: Fragment[] } | undefined {
  const last = fragments.at(-1);
  const text = last && graphemeClusters(last.text).at(-1);
  if (!last || !text) return undefined;
  const rest = last.text.slice(0, -text.length);
  return { cluster: { ...last, text }, width: displayWidth(text), before: [...fragments.slice(0, -1), ...(rest ? [{ ...last, text: rest }] : [])] };
}

/** A line as output: runs of one format merged, then decorated by the style. */
export function renderLine(line: Line, style: TextStyle): string {
  let output = '';
  let run = '';
  let runFormat: Format = PLAIN;
  for (const fragment of line.fragments) {
    if (!sameFormat(fragment.format, runFormat)) {
      if (run) output += style.decorate(run, runFormat);
      run = '';
      runFormat = fragment.format;
    }
    run += fragment.text;
  }
  return run ? output + style.decorate(run, runFormat) : output;
}

/**
 * Prefixes the first line with `first` and the others with `rest`; an empty
 * line gets only the prefix's visible part (`>` of `> `), never trailing spaces.
 */
export function indentLines(lines: readonly string[], first: string, rest: string = first): string[] {
  return lines.map((line, i) => {
    const prefix = i === 0 ? first : rest;
    return line === '' ? prefix.trimEnd() : prefix + line;
  });
}

export interface WrapTextOptions {
  /** Written before the first line (counted in the width). */
  initialIndent?: string;
  /** Written before every other line (counted in the width): a hanging indent. */
  subsequentIndent?: string;
  /** Never leave the last word alone on the last line (a title): the word before it joins it. */
  noOrphan?: boolean;
}

/**
 * Wraps plain text (a paper title, a metadata line) at `width` columns by
 * display width, like the paragraphs of a rendered text, each line filled
 * to `width` with its own indent: the first after `initialIndent`, the
 * others after `subsequentIndent` (a title `1. …` with a hanging indent of
 * three fills its first line to 72 columns too, not to 69). Lines are
 * joined with `\n`; see `limitLineOctets` (octets.ts) for the hard limit
 * of an email.
 */
export function wrapText(text: string, width: number, options: WrapTextOptions = {}): string {
  const { initialIndent = '', subsequentIndent = '' } = options;
  const widths: LineWidths = { first: Math.max(1, width - displayWidth(initialIndent)), rest: Math.max(1, width - displayWidth(subsequentIndent)) };
  const lines = wrapWords([{ text, format: PLAIN }], widths).map((line) => renderLine(line, plainStyle));
  return indentLines(balanceIsolates(options.noOrphan ? withoutOrphan(lines, widths.rest, text) : lines), initialIndent, subsequentIndent).join('\n');
}

/**
 * Lines whose last holds one word: the previous line's last word moves down
 * to it, when it fits, leaves a word behind and does not read as structure
 * at the start of a line (line-start.ts). Only when the lines broke at a
 * space of `text`: a break inside a run of a script written without spaces
 * (`…涌现` / `能力研究`) split no word, and a space there would be one the
 * text does not have. `width`: the last line's, a line after the first.
 */
function withoutOrphan(lines: string[], width: number, text: string): string[] {
  const last = lines.at(-1);
  const previous = lines.at(-2);
  if (last === undefined || previous === undefined || last.includes(' ')) return lines;
  if (!text.replace(/\s+/g, ' ').trimEnd().endsWith(` ${last}`)) return lines;
  const cut = previous.lastIndexOf(' ');
  if (cut <= 0 || readsAsStructure(previous.slice(cut + 1))) return lines;
  const moved = `${previous.slice(cut + 1)} ${last}`;
  if (displayWidth(moved) > width) return lines;
  return [...lines.slice(0, -2), previous.slice(0, cut), moved];
}
