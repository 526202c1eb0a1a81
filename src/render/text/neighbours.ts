import { lastCharacter } from './breaks.js';
import type { TextStyle } from './style.js';
import type { Fragment } from './wrap.js';

/**
 * Marks whose characters depend on what the reader sees next to them, which
 * a node alone does not know (the text before it may be a link's reference,
 * a footnote's marker, another span's delimiter): chosen once the runs of a
 * paragraph, a heading or a table cell are all made, from the characters
 * around each mark (`Fragment.role`).
 */

/**
 * Neither a space, a line edge, nor punctuation or a symbol (CommonMark
 * 0.31 §6.2's Unicode punctuation): a letter, a digit, a mark. A `_` next
 * to one on its outer side opens or closes no emphasis in CommonMark, and a
 * reader takes it for part of the word (`snake_case`).
 */
const WORD_CHARACTER = /^[^\s\p{P}\p{S}]$/u;

/**
 * The last character of what a superscript digit right after reads as the
 * exponent of, or part of: the end of something that can be the base of a
 * power. A number (`1,000¹` reads as a power of 1,000, `2023¹` as 20231),
 * a superscript or subscript (`x²¹` as x to the 21st, `a¹²` as note 12, not
 * notes 1 and 2), in any script's digits; a closing bracket of Western or
 * mathematical text (`(7)¹`, `[3]²`, `10⁶)¹`, `⌊x⌋²`), not a CJK one, which
 * closes a quotation (`」`); a sign written after a quantity as part of it:
 * percent and per mille (`50%¹`), degree and primes (`90°¹`, `f′²`).
 * Not a letter: `word¹` is a footnote as readers expect it, and `x²` is
 * written with a superscript of its own.
 */
const POWER_BASE_END = /^(?:[\p{N}\u2070-\u209f)\]}%‰‱٪﹪％°′″‴]|(?=\p{Pe})\p{Math})$/u;

/**
 * `fragments` with every mark's characters chosen for its neighbours:
 * - emphasis between `style.intrawordEmphasis` where a letter or digit
 *   touches it from outside (`2*3*4`), else `style.delimiters.emphasis`;
 * - a footnote's marker after what can be the base of a power (a number,
 *   a superscript, a closing bracket, a percent sign: POWER_BASE_END) with
 *   a space before it (`1,000 ¹`, `x² ¹`, `a¹ ²`, `(7) ¹`, `50% ¹`), kept
 *   with the word it follows as a link's ` [1]` is: the marker is the
 *   note's, never an exponent or part of the number.
 */
export function settleNeighbours(fragments: readonly Fragment[], style: TextStyle): Fragment[] {
  if (!fragments.some((fragment) => fragment.role !== undefined)) return [...fragments];
  const before = charactersBefore(fragments);
  const after = charactersAfter(fragments);
  const settled = [...fragments];
  const opens: number[] = [];
  fragments.forEach((fragment, i) => {
    if (fragment.role === 'footnote-marker' && POWER_BASE_END.test(before[i]!)) settled[i] = { ...fragment, text: ` ${fragment.text}`, keepTogether: true };
    if (fragment.role === 'emphasis-open') opens.push(i);
    if (fragment.role !== 'emphasis-close') return;
    const open = opens.pop();
    if (open === undefined || !(WORD_CHARACTER.test(before[open]!) || WORD_CHARACTER.test(after[i]!))) return;
    const [openText, closeText] = style.intrawordEmphasis;
    settled[open] = { ...fragments[open]!, text: openText };
    settled[i] = { ...fragment, text: closeText };
  });
  return settled;
}

/** For each fragment, the last character shown before it in `fragments` ('' at the start). */
function charactersBefore(fragments: readonly Fragment[]): string[] {
  let last = '';
  return fragments.map((fragment) => {
    const character = last;
    if (fragment.text !== '') last = lastCharacter(fragment.text);
    return character;
  });
}

/** For each fragment, the first character shown after it in `fragments` ('' at the end). */
function charactersAfter(fragments: readonly Fragment[]): string[] {
  const after: string[] = new Array<string>(fragments.length);
  let next = '';
  for (let i = fragments.length - 1; i >= 0; i -= 1) {
    after[i] = next;
    const text = fragments[i]!.text;
    if (text !== '') next = String.fromCodePoint(text.codePointAt(0)!);
  }
  return after;
}
