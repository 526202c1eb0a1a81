/**
 * Line-break opportunities inside words: Chinese and Japanese are written
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

/** `text` cut at every break opportunity inside it (one piece when there is none). */
export function splitAtBreaks(text: string): string[] {
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
