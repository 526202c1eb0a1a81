/**
 * Characters written without spaces between words, East Asian Wide or
 * Fullwidth (UAX #11): Han, kana, CJK punctuation, fullwidth forms, as a
 * regular-expression character class body (for `[…]` with the `u` flag).
 * Hangul is left out: Korean separates its words with spaces. A line break
 * between two of them is nothing to a reader, as CSS Text 3 §4.1.2
 * (segment break transformation) has it: the one definition that the
 * Markdown outputs (render/text/soft-breaks.ts) and the one-line values
 * (schema.ts) judge such a break by.
 */
export const UNSPACED_SCRIPT = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF01-\uFF60\uFFE0-\uFFE6`;

/** A line break (with the blanks around it) between two characters of `UNSPACED_SCRIPT`. */
const UNSPACED_LINE_BREAK = new RegExp(String.raw`(?<=[${UNSPACED_SCRIPT}])[ \t]*\r?\n[ \t]*(?=[${UNSPACED_SCRIPT}])`, 'gu');

/**
 * A value shown on one line (a title, a name, a venue) from its lines: a
 * line break a space, as a page shows it, but nothing between two Chinese
 * or Japanese characters (`大规模语言模型的⏎涌现能力` is one word run, not
 * "…的 涌现…", a space no one wrote), the blanks around a break dropped.
 */
export function joinedLines(value: string): string {
  return value.replace(UNSPACED_LINE_BREAK, '').replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}
