import type { List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { htmlBlockParagraph } from './raw-html.js';
import { append } from '../arrays.js';

/**
 * Tight and loose lists, the same in every output. CommonMark calls a list
 * loose when any of its items is (blank lines between items or between an
 * item's blocks); the HTML then sets every item's blocks apart as
 * paragraphs, and the plaintext and the preview put a blank line between
 * them. A tight list's items hold their blocks line after line.
 */

/** Whether `list` is loose, as mdast-util-to-hast decides it (an item's `spread` unset: more than one block). */
export function isLooseList(list: List): boolean {
  return list.spread === true || list.children.some((item) => item.spread ?? item.children.length > 1);
}

/**
 * `node`, or a copy in which each item of a tight list holds a run of
 * paragraphs and HTML blocks as one paragraph, a hard break between them.
 * mdast-util-to-hast unwraps a tight item's paragraphs, so the text of an
 * HTML block that interrupted a paragraph (`- two` then `  <div>…</div>`)
 * ran on in the paragraph's line, where a browser sets the block on a line
 * of its own, as the plaintext and the preview show it. The shared tree is
 * never changed.
 */
export function withTightItemLines<T extends Nodes>(node: T): T {
  if (!('children' in node)) return node;
  const children = node.children as Nodes[];
  let changed = false;
  const inner = children.map((child) => {
    let copy = withTightItemLines(child);
    if (copy.type === 'listItem' && node.type === 'list' && !isLooseList(node)) copy = itemWithLines(copy);
    if (copy !== child) changed = true;
    return copy;
  });
  return changed ? ({ ...node, children: inner } as T) : node;
}

/** A tight item whose runs of two or more paragraphs and HTML blocks with text are each one paragraph (see `withTightItemLines`). */
function itemWithLines(item: ListItem): ListItem {
  const children: RootContent[] = [];
  let run: RootContent[] = [];
  let changed = false;
  const flush = (): void => {
    const lines = run.map(phrasingOf).filter((line) => line.length > 0);
    if (lines.length > 1) {
      changed = true;
      const start = run[0]!.position?.start;
      const end = run.at(-1)!.position?.end;
      const paragraph: Paragraph = { type: 'paragraph', children: lines.flatMap((line, i) => (i === 0 ? line : [{ type: 'break' }, ...line])) };
      children.push(start && end ? { ...paragraph, position: { start, end } } : paragraph);
    } else append(children, run);
    run = [];
  };
  for (const child of item.children) {
    if (child.type === 'paragraph' || child.type === 'html') run.push(child);
    else {
      flush();
      children.push(child);
    }
  }
  flush();
  return changed ? { ...item, children: children as ListItem['children'] } : item;
}

/** What a paragraph or an HTML block shows inline; nothing for an HTML block without text (a comment). */
function phrasingOf(node: RootContent): PhrasingContent[] {
  if (node.type === 'paragraph') return node.children;
  return node.type === 'html' ? (htmlBlockParagraph(node)?.children ?? []) : [];
}
