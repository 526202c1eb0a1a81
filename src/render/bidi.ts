import type { TextDirection } from '../config/language.js';

/**
 * Right-to-left values (Arabic, Hebrew, Persian…) beside left-to-right text
 * in one line: "Alice Smith, יעל כהן · مؤتمر اللغة, 2023". The Unicode
 * Bidirectional Algorithm (UAX #9) lets a strong right-to-left letter pull
 * the punctuation, digits and other names next to it into its run: the
 * comma after a venue showed before it, the year on its other side, two
 * Arabic names joined by a comma in each other's place. Isolating each value
 * (UAX #9 §2.7: an isolate is one neutral character to what is around it)
 * keeps every value in its place and lays out its inside as its own first
 * strong letter says, as an Arabic reader wrote it.
 *
 * Only a value holding a right-to-left letter is isolated: an isolate around
 * a left-to-right value in a left-to-right line changes nothing on screen,
 * and in the plaintext its invisible characters would be in every reader's
 * copy and paste for nothing, so a newsletter in Latin script gets the same
 * bytes as before.
 */

/**
 * A strong right-to-left character (bidi classes R and AL,
 * https://www.unicode.org/Public/UCD/latest/ucd/extracted/DerivedBidiClass.txt):
 * a letter of a script written right to left (ECMAScript has no Bidi_Class
 * property, so by script; the Arabic script's digits are AN, weak, and its
 * marks NSM, so letters only), or a control that starts right-to-left text
 * (RLM, ALM, RLE, RLO, RLI).
 */
const RIGHT_TO_LEFT_SCRIPTS =
  '\\p{sc=Arabic}\\p{sc=Hebrew}\\p{sc=Syriac}\\p{sc=Thaana}\\p{sc=Nko}\\p{sc=Samaritan}\\p{sc=Mandaic}\\p{sc=Adlam}\\p{sc=Hanifi_Rohingya}\\p{sc=Mende_Kikakui}\\p{sc=Yezidi}\\p{sc=Old_Hungarian}\\p{sc=Imperial_Aramaic}\\p{sc=Phoenician}\\p{sc=Kharoshthi}\\p{sc=Avestan}\\p{sc=Old_South_Arabian}\\p{sc=Nabataean}\\p{sc=Palmyrene}\\p{sc=Sogdian}\\p{sc=Old_Sogdian}\\p{sc=Manichaean}';
const RIGHT_TO_LEFT = new RegExp(`(?=\\p{L})[${RIGHT_TO_LEFT_SCRIPTS}]|[\\u200f\\u061c\\u202b\\u202e\\u2067]`, 'u');

/** A letter of a script written left to right (Latin, Greek, Cyrillic, CJK…: bidi class L), or LRM: what a value needs isolating for on a right-to-left page. */
const LEFT_TO_RIGHT = new RegExp(`(?![${RIGHT_TO_LEFT_SCRIPTS}])\\p{L}|\\u200e`, 'u');

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the plaintext's `<bdi>` (direction from the value's first strong letter, as `dir="auto"`). */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** Whether `text` holds a strong right-to-left character (see `RIGHT_TO_LEFT`). */
export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}

/**
 * Whether `text`, a value on a line laid out in `direction` (the page's or
 * the email's), holds letters of the other direction, which the Unicode
 * Bidirectional Algorithm would reorder with what is around them: a
 * right-to-left letter on a left-to-right line (above), or, in a Hebrew or
 * Arabic newsletter, a Latin one ("GPT-4 Technical Report." showed its
 * period at its start, ".GPT-4 Technical Report").
 */
function needsIsolating(text: string, direction: TextDirection): boolean {
  return direction === 'rtl' ? LEFT_TO_RIGHT.test(text) : RIGHT_TO_LEFT.test(text);
}

/** `text` between FSI and PDI when it holds right-to-left text, else as it is: a value in a plaintext line. */
export function isolateText(text: string): string {
  return hasRightToLeft(text) ? FSI + text + PDI : text;
}

/**
 * `text` as HTML: escaped by `escape`, and in a `<bdi>` (an isolate whose
 * direction is its first strong letter's) when it holds text of the other
 * direction than its line's, `direction` (right-to-left text on a
 * left-to-right line, by default).
 */
export function isolateHtml(text: string, escape: (text: string) => string, direction: TextDirection = 'ltr'): string {
  return needsIsolating(text, direction) ? `<bdi>${escape(text)}</bdi>` : escape(text);
}

/**
 * `isolateHtml` for an email of its own (the subscription confirmation):
 * a `<span dir="auto">`, which isolates as `<bdi>` does and which Gmail and
 * Outlook keep where they drop `<bdi>` (mail-client-markup.ts, which does
 * the same to the email).
 */
export function isolateMailHtml(text: string, escape: (text: string) => string): string {
  return needsIsolating(text, 'ltr') ? `<span dir="auto">${escape(text)}</span>` : escape(text);
}

/** `pieces` written in order as HTML, each escaped by `escape` and each value isolated as `isolateHtml` isolates it on a line of `direction`. */
export function isolatePiecesHtml(pieces: readonly LinePiece[], escape: (text: string) => string, direction: TextDirection = 'ltr'): string {
  return pieces.map(({ text, after }) => isolateHtml(text, escape, direction) + escape(after)).join('');
}

/** `pieces` written in order as plaintext, each value isolated as `isolateText` isolates it. */
export function isolatePiecesText(pieces: readonly LinePiece[]): string {
  return pieces.map(({ text, after }) => isolateText(text) + after).join('');
}

/**
 * A line of text naming `value` between `before` and `after` ("Papers by
 * <author>", "Subscribe to <newsletter>?") as pieces for `{{isolate …}}`:
 * the value isolated when it holds right-to-left text, the words around it
 * written as they are (a Latin-only line gives the bytes of the text).
 */
export function namedIn(before: string, value: string, after = ''): LinePiece[] {
  return [
    { text: '', after: before },
    { text: value, after },
  ];
}

/** `text` as pieces in which each occurrence of `value` (the newsletter's name in a sentence) is a value of its own, as `namedIn` makes one. */
export function piecesNaming(text: string, value: string): LinePiece[] {
  const [first = '', ...rest] = value === '' ? [text] : text.split(value);
  return [{ text: '', after: first }, ...rest.map((after) => ({ text: value, after }))];
}

/** A piece of a line: a value (a name, a venue, a year) and the text written after it (`", "`, `" and "`, `""`). */
export interface LinePiece {
  text: string;
  after: string;
}

/** The isolate initiators (LRI, RLI, FSI), each closed by a PDI: a value may hold its own (a name copied with one), the output adds FSI. */
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', FSI]);

/**
 * Wrapped plaintext lines (their indentation kept) in which an isolate cut
 * by a line break is closed at the end of its line and opened again at the
 * start of the next (after its indentation), by the same initiator (an
 * RLI a value holds stays right to left): a line break ends every isolate
 * (UAX #9 P1, each line is a paragraph), so the name's second line would
 * otherwise be laid out alone, and its PDI would close nothing. The
 * isolates a value holds are counted too, so that their PDI is not taken
 * for the one closing the output's.
 */
export function balanceIsolates(lines: readonly string[]): string[] {
  if (!lines.some((line) => [...ISOLATE_OPENERS].some((opener) => line.includes(opener)))) return [...lines];
  const open: string[] = [];
  return lines.map((line) => {
    const reopened = open.length > 0 ? line.replace(/^\s*/, (indent) => indent + open.join('')) : line;
    for (const char of line) {
      if (ISOLATE_OPENERS.has(char)) open.push(char);
      else if (char === PDI && open.length > 0) open.pop();
    }
    return open.length > 0 ? reopened + PDI.repeat(open.length) : reopened;
  });
}

/** The most isolates (LRI, RLI, FSI … PDI) open at once in `line`: how many a cut inside it may have to close and open again. */
export function isolateDepth(line: string): number {
  let open = 0;
  let most = 0;
  for (const char of line) {
    if (ISOLATE_OPENERS.has(char)) most = Math.max(most, ++open);
    else if (char === PDI && open > 0) open -= 1;
  }
  return most;
}
