import type { List } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import { fenced } from './fence.js';

/**
 * What the editor wrote that mdast does not record, read back from the
 * Markdown text at the node's position: the plaintext and the preview may
 * change the layout, never the characters. Without the text (or a
 * position), CommonMark's usual form.
 */

/** Digits of an ordered list item's number (CommonMark allows nine), then its delimiter. */
const ORDERED_MARKER = /(\d{1,9})([.)])/y;

/** How an ordered list's first number is written. */
interface ListMarker {
  /** The start number's digits, leading zeros included (`007` of `007)`). */
  digits: string;
  /** `1.` or `1)` (CommonMark starts a new list when it changes). */
  delimiter: '.' | ')';
}

/** An ordered list's first number as written: `007)` is `{ digits: '007', delimiter: ')' }`. */
export function writtenListMarker(list: List, source: string | undefined): ListMarker {
  const match = readAt(ORDERED_MARKER, list, source);
  if (!match) return { digits: String(list.start ?? 1), delimiter: '.' };
  return { digits: match[1]!, delimiter: match[2] === ')' ? ')' : '.' };
}

const DOLLARS = /\$+/y;

/** The dollars that open and close inline math as written: `$x$`, `$$x$$`, or more. */
function writtenMathFence(math: InlineMath, source: string | undefined): string {
  return readAt(DOLLARS, math, source)?.[0] ?? '$';
}

/**
 * Whether inline math was written with a space (or line ending) inside each
 * fence, `$ 5 and $`: the parser strips one from each side, as from a code
 * span (CommonMark 0.31 §6.1, which micromark-extension-math follows), so
 * its value is `5 and`, and the plaintext puts them back.
 */
function writtenMathPadded(math: InlineMath, fence: string, source: string | undefined): boolean {
  const start = math.position?.start.offset;
  const end = math.position?.end.offset;
  if (source === undefined || start === undefined || end === undefined) return false;
  const inside = source.slice(start + fence.length, end - fence.length);
  return inside.length === math.value.length + 2 && /^\s/.test(inside) && /\s$/.test(inside);
}

/**
 * Inline math as the editor wrote it, in three parts: the dollars that open
 * it, its TeX on one line, the dollars that close it (`$ 5 and $`, not
 * `$5 and$`: the spaces the parser stripped moved the dollars). What every
 * output that cannot typeset TeX shows: the plaintext, the preview, the
 * HTML email.
 */
export function writtenMath(math: InlineMath, source: string | undefined): [open: string, tex: string, close: string] {
  const fence = writtenMathFence(math, source);
  const [open, tex, close] = fenced(math.value, fence);
  // `fenced` pads only where the TeX needs it; written padding is kept too.
  return writtenMathPadded(math, fence, source) && open === fence ? [`${fence} `, tex, ` ${fence}`] : [open, tex, close];
}

/**
 * Display math as its TeX between `$$` lines, as it was written (a reader
 * of the plaintext or the terminal sees what to paste into a TeX editor,
 * and that it is math, not code). A formula holding a line of dollars
 * itself (written inside a longer fence) gets a fence one dollar longer.
 */
export function displayMath(tex: string): string {
  const longest = Math.max(1, ...(tex.match(/^\$+/gm) ?? []).map((run) => run.length));
  const fence = '$'.repeat(longest + 1);
  return `${fence}\n${tex}\n${fence}`;
}

/** `sticky` matched where `node` starts in `source`. */
function readAt(sticky: RegExp, node: List | InlineMath, source: string | undefined): RegExpExecArray | undefined {
  const offset = node.position?.start.offset;
  if (source === undefined || offset === undefined) return undefined;
  sticky.lastIndex = offset;
  return sticky.exec(source) ?? undefined;
}
