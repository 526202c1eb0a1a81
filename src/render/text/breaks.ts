/**
 * Line-break opportunities inside words: Chinese and Japanese are written
 * without spaces and may break between any two characters (UAX #14, class
 * ID), except before closing punctuation, small kana and the prolonged sound
 * mark, and after opening brackets (kinsoku shori). Korean separates words
 * with spaces and keeps its words whole, as do mixed CJK–Latin runs, so a
 * delimiter such as `*` never starts or ends a line on its own.
 */

// Han, kana, CJK punctuation, the middle dot and prolonged sound mark, fullwidth forms.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff01-\uff60`;
const BREAKABLE = new RegExp(`^[${CJK}]$`, 'u');
const HAS_BREAKABLE = new RegExp(`[${CJK}]`, 'u');
const NO_BREAK_BEFORE = /^[、。，．：；？！）］｝」』】〕〉》〗〙〛ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・％]$/u;
const NO_BREAK_AFTER = /^[（［｛「『【〔〈《〖〘〚]$/u;

export function canBreakBetween(before: string, after: string): boolean {
  return BREAKABLE.test(before) && BREAKABLE.test(after) && !NO_BREAK_BEFORE.test(after) && !NO_BREAK_AFTER.test(before);
}

/** `text` cut at every break opportunity inside it (one piece when there is none). */
export function splitAtBreaks(text: string): string[] {
  if (!HAS_BREAKABLE.test(text)) return [text];
  const pieces: string[] = [];
  let piece = '';
  let previous = '';
  for (const character of text) {
    if (piece !== '' && canBreakBetween(previous, character)) {
      pieces.push(piece);
      piece = '';
    }
    piece += character;
    previous = character;
  }
  pieces.push(piece);
  return pieces;
}

/** The last code point of `text`, to find a break opportunity where the next text begins. */
export function lastCharacter(text: string): string {
  // Two code units hold the last code point whether or not it is a surrogate pair.
  return [...text.slice(-2)].at(-1) ?? '';
}
