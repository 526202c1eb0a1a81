import type { PhrasingContent } from 'mdast';
import { lastCharacter } from './breaks.js';

/**
 * Characters written without spaces between words, East Asian Wide or
 * Fullwidth (UAX #11): Han, kana, CJK punctuation, fullwidth forms. Hangul
 * is left out: Korean separates its words with spaces.
 */
const UNSPACED = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF01-\uFF60\uFFE0-\uFFE6`;
const UNSPACED_BREAK = new RegExp(String.raw`(?<=[${UNSPACED}])\n(?=[${UNSPACED}])`, 'gu');

/**
 * The characters the HTML shows as text right outside a node or a run of
 * nodes: the last before it and the first after it, '' where there is none
 * (a line's edge, an image, math, a footnote's marker, a break, raw HTML).
 */
export interface TextAround {
  readonly before: string;
  readonly after: string;
}

/** A paragraph's, a heading's or a table cell's edges: no text around. */
export const LINE_EDGES: TextAround = { before: '', after: '' };

/**
 * A text's soft line breaks as the reader sees them: a space, but nothing
 * between two characters of a script written without spaces, as CSS Text 3
 * §4.1.2 (segment break transformation) has it, so a Chinese or Japanese
 * paragraph wrapped in the editor reads as one, without spaces no one wrote.
 * A break at the text's start or end is judged by the characters `around`
 * it, as a browser judges them across the tags of the HTML: `*中文*⏎*强调*`
 * and `[中文](…)⏎中文` join too, whatever the plaintext marks between them
 * (`_中文__强调_`, `中文 [1]中文`).
 */
export function softBreaksJoined(text: string, around: TextAround = LINE_EDGES): string {
  const joined = `${around.before}${text}${around.after}`.replace(UNSPACED_BREAK, '');
  return joined.slice(around.before.length, joined.length - around.after.length).replaceAll('\n', ' ');
}

/**
 * What is around `siblings[index]`: the edge characters of its neighbours,
 * or at the run's ends what is around the run (`around`: its parent's).
 */
export function textAround(siblings: readonly PhrasingContent[], index: number, around: TextAround): TextAround {
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  return {
    before: previous ? edgeCharacter(previous, 'last') : around.before,
    after: next ? edgeCharacter(next, 'first') : around.after,
  };
}

/**
 * The first or last character the HTML shows of `node` as text: a text's
 * or code's own, a span's or a link's through its children (the tags the
 * browser looks across); '' for what shows none there (an image, math
 * between its dollars, a footnote's marker, a break, raw HTML).
 */
function edgeCharacter(node: PhrasingContent, end: 'first' | 'last'): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      if (node.value === '') return '';
      return end === 'first' ? String.fromCodePoint(node.value.codePointAt(0)!) : lastCharacter(node.value);
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference': {
      const child = end === 'first' ? node.children[0] : node.children.at(-1);
      return child ? edgeCharacter(child, end) : '';
    }
    default:
      return '';
  }
}
