import indexOptions from '../../templates/web/search-options.cjs';

/**
 * Where text written without spaces between its words may be cut between
 * words: the search index's word segmentation (search-options.cjs
 * `segmentWords`: Intl.Segmenter, UAX #29 with ICU's dictionaries for
 * Chinese, Japanese, Thai, Lao, Khmer and Burmese), shared so that an
 * excerpt and a plaintext line are cut where the index finds words.
 */

/**
 * A character of a script written without spaces between words (Han, kana,
 * Thai, Lao, Khmer, Burmese; Script_Extensions, so kana's length mark
 * counts), or CJK punctuation and fullwidth forms, which stand in such text.
 */
export const UNSPACED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The offsets (UTF-16 code units, ascending, each strictly inside `text`)
 * where one segment of the word segmentation ends and the next begins.
 * Never inside a character or a grapheme cluster (a Thai vowel sign stays
 * on its consonant).
 */
export function wordBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  let at = 0;
  for (const segment of indexOptions.segmentWords(text)) {
    if (at > 0) boundaries.push(at);
    at += segment.length;
  }
  return boundaries;
}
