import { wordBoundaries } from '../../issue/word-cuts.js';

/**
 * Line-break opportunities inside words: Thai, Lao, Khmer and Burmese
 * break between their words (`splitBetweenWords`). Chinese and Japanese are written
 * without spaces and may break between any two characters (UAX #14, class
 * ID), except before closing punctuation, small kana and the prolonged sound
 * mark, and after opening brackets (kinsoku shori). Korean separates words
 * with spaces and keeps its words whole, as do mixed CJK–Latin runs, so a
 * delimiter such as `*` never starts or ends a line on its own. Emoji may
 * break between each other too (UAX #14 classes ID, EB). What attaches to
 * the character before it (combining marks, as NFD kana's dakuten; variation
 * selectors; emoji modifiers; the zero-width joiner, and what it joins)
 * stays with it, and a break is judged by the characters it attaches to.
 */

// Han, kana, CJK punctuation, the middle dot and prolonged sound mark, fullwidth forms.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff01-\uff60`;
const BREAKABLE = new RegExp(`^[${CJK}\\p{Extended_Pictographic}]$`, 'u');
const HAS_BREAKABLE = new RegExp(`[${CJK}\\p{Extended_Pictographic}]`, 'u');
const ATTACHED = /^(?:\p{M}|\u200d|[\ufe00-\ufe0f]|\p{Emoji_Modifier})$/u;
const NO_BREAK_BEFORE = /^[、。，．：；？！）］｝」』】〕〉》〗〙〛ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・％]$/u;
const NO_BREAK_AFTER = /^[（［｛「『【〔〈《〖〘〚]$/u;

export function canBreakBetween(before: string, after: string): boolean {
  return BREAKABLE.test(before) && BREAKABLE.test(after) && !NO_BREAK_BEFORE.test(after) && !NO_BREAK_AFTER.test(before);
}

/**
 * Letters of the scripts written without spaces whose words only a
 * dictionary finds (Thai, Lao, Khmer, Burmese: UAX #14 class SA): a line
 * breaks between their words, as the word segmentation finds them
 * (issue/word-cuts.ts, the search index's), never inside one, and no
 * hyphen is added (these scripts write none at a break).
 */
const SOUTHEAST_ASIAN = /[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const SOUTHEAST_ASIAN_BEFORE = new RegExp(`${SOUTHEAST_ASIAN.source}$`, 'u');
/**
 * Marks that never start a line though a word boundary comes before them:
 * the repetition marks (Thai ๆ, Lao ໆ, Khmer ៗ), the abbreviation marks
 * (Thai ฯ, Lao ຯ) and the sentence and clause stops (Khmer ។ ៕, Burmese ၊ ။).
 */
const SOUTHEAST_ASIAN_NO_BREAK_BEFORE = /^[\u0e2f\u0e46\u0eaf\u0ec6\u17d4\u17d5\u17d7\u104a\u104b]/u;

/** `text` cut at every break opportunity inside it (one piece when there is none). */
export function splitAtBreaks(text: string): string[] {
  const pieces = splitBetweenCharacters(text);
  return SOUTHEAST_ASIAN.test(text) ? pieces.flatMap(splitBetweenWords) : pieces;
}

/**
 * `text` cut at the word boundaries that have a letter of Thai, Lao, Khmer
 * or Burmese on both sides (`SOUTHEAST_ASIAN`): "ภาษา|ไทย|เป็น". Not between
 * such a letter and a Latin one or punctuation, where UAX #14 breaks no line.
 */
export function splitBetweenWords(text: string): string[] {
  if (!SOUTHEAST_ASIAN.test(text)) return [text];
  const pieces: string[] = [];
  let start = 0;
  for (const at of wordBoundaries(text)) {
    const after = text.slice(at, at + 2);
    if (!SOUTHEAST_ASIAN_BEFORE.test(text.slice(Math.max(0, at - 2), at)) || !SOUTHEAST_ASIAN.test(String.fromCodePoint(after.codePointAt(0)!))) continue;
    if (SOUTHEAST_ASIAN_NO_BREAK_BEFORE.test(after)) continue;
    pieces.push(text.slice(start, at));
    start = at;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** `text` cut between Chinese and Japanese characters and emoji (see the top of this file). */
function splitBetweenCharacters(text: string): string[] {
  if (!HAS_BREAKABLE.test(text)) return [text];
  const pieces: string[] = [];
  let piece = '';
  // The last character not attached to another, and whether a joiner came after it (no break then).
  let previous = '';
  let joined = false;
  for (const character of text) {
    if (ATTACHED.test(character)) {
      piece += character;
      joined ||= character === '\u200d';
      continue;
    }
    if (piece !== '' && !joined && canBreakBetween(previous, character)) {
      pieces.push(piece);
      piece = '';
    }
    piece += character;
    previous = character;
    joined = false;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * The last character of `text` that is not attached to the one before it
 * (see ATTACHED), to find a break opportunity where the next text begins;
 * a joiner at the end stays, so nothing breaks after it.
 */
export function lastCharacter(text: string): string {
  const characters = [...text.slice(-16)];
  if (characters.at(-1) === '\u200d') return '\u200d';
  for (let i = characters.length - 1; i >= 0; i--) if (!ATTACHED.test(characters[i]!)) return characters[i]!;
  return characters.at(-1) ?? '';
}
