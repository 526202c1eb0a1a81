import type { Nodes, PhrasingContent } from 'mdast';
import { UNSPACED_SCRIPT } from '../../issue/unspaced-script.js';
import { visibleSiblings } from '../raw-html.js';
import { lastCharacter } from './breaks.js';

/**
 * A soft line break between two characters of a script written without
 * spaces (issue/unspaced-script.ts). Its look-behind comes after the `\n`,
 * not before it (`(?<=[…])\n(?=[…])` matches the same breaks): so V8 looks
 * for a line break first, then at the character before it, where the other
 * way round it tried the script's character class at every character; on
 * the summaries of 100 issues of the bench corpus (1.6 MB, 5 times) 265 ms
 * became 12–22 ms, and a cold build spent 0.3 s of a render worker's CPU
 * in it (`--cpu-prof`). tests/render/text/soft-breaks.test.ts holds the two
 * to the same matches.
 */
export const UNSPACED_BREAK = new RegExp(String.raw`\n(?<=[${UNSPACED_SCRIPT}]\n)(?=[${UNSPACED_SCRIPT}])`, 'gu');

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
  return unspacedBreaksJoined(text, around).replaceAll('\n', ' ');
}

/** `text` without its soft line breaks between two characters of a script written without spaces; its other breaks kept. */
function unspacedBreaksJoined(text: string, around: TextAround): string {
  if (!text.includes('\n')) return text;
  const joined = `${around.before}${text}${around.after}`.replace(UNSPACED_BREAK, '');
  return joined.slice(around.before.length, joined.length - around.after.length);
}

/** Nodes whose children are phrasing content the browser looks across the tags of (`edgeCharacter`). */
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/**
 * `tree` with the soft line breaks between two characters of a script
 * written without spaces left out of its texts (as `softBreaksJoined` judges
 * them, across emphasis and links), every other break kept: for the HTML
 * and the search index, which showed `中文⏎中文` as "中文 中文", a space no one
 * wrote, where Chrome and Safari (unlike Firefox) do not apply CSS Text 3's
 * segment break transformation, and where the plaintext joins them. The
 * shared tree is never changed: the nodes on the way to a changed text are
 * copied, and a tree with nothing to join is returned as it is (the same
 * object, so an output without such a break is made from the tree as before).
 */
export function withUnspacedBreaksJoined<T extends Nodes>(tree: T, around: TextAround = LINE_EDGES): T {
  if (tree.type === 'text') {
    const value = unspacedBreaksJoined(tree.value, around);
    return value === tree.value ? tree : { ...tree, value };
  }
  if (!('children' in tree)) return tree;
  const children = tree.children as Nodes[];
  const visible = visibleSiblings(children);
  const inline = INLINE_PARENTS.has(tree.type);
  let changed = false;
  const joined = children.map((child, index) => {
    const at = visible === children ? index : visible.indexOf(child);
    const childAround = at === -1 ? LINE_EDGES : textAround(visible as PhrasingContent[], at, inline ? around : LINE_EDGES);
    const copy = withUnspacedBreaksJoined(child, childAround);
    if (copy !== child) changed = true;
    return copy;
  });
  return changed ? ({ ...tree, children: joined } as T) : tree;
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
