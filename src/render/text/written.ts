import type { List } from 'mdast';
import type { InlineMath } from 'mdast-util-math';

/**
 * What the editor wrote that mdast does not record, read back from the
 * Markdown text at the node's position: the plaintext and the preview may
 * change the layout, never the characters. Without the text (or a
 * position), CommonMark's usual form.
 */

/** Digits of an ordered list item's number (CommonMark allows nine), then its delimiter. */
const ORDERED_MARKER = /\d{1,9}([.)])/y;

/** The delimiter of an ordered list's numbers as written: `1.` or `1)` (CommonMark starts a new list when it changes). */
export function writtenListDelimiter(list: List, source: string | undefined): '.' | ')' {
  const delimiter = readAt(ORDERED_MARKER, list, source)?.[1];
  return delimiter === ')' ? ')' : '.';
}

const DOLLARS = /\$+/y;

/** The dollars that open and close inline math as written: `$x$`, `$$x$$`, or more. */
export function writtenMathFence(math: InlineMath, source: string | undefined): string {
  return readAt(DOLLARS, math, source)?.[0] ?? '$';
}

/** `sticky` matched where `node` starts in `source`. */
function readAt(sticky: RegExp, node: List | InlineMath, source: string | undefined): RegExpExecArray | undefined {
  const offset = node.position?.start.offset;
  if (source === undefined || offset === undefined) return undefined;
  sticky.lastIndex = offset;
  return sticky.exec(source) ?? undefined;
}
