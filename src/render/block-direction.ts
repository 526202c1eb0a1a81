import type { Element, Root } from 'hast';
import { hasRightToLeft } from './bidi.js';

/**
 * The elements of a Markdown text that are each a paragraph to the Unicode
 * Bidirectional Algorithm (UAX #9 P1) as HTML lays them out: a paragraph,
 * a list item, a heading, a table cell.
 */
const TEXT_BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'td']);

/**
 * Gives each text block of `tree` holding right-to-left letters (Arabic,
 * Hebrew…: bidi.ts `hasRightToLeft`) `dir="auto"`, so that a paragraph
 * written in Arabic takes its direction from its first strong letter, as
 * its writer saw it: aligned right, its final "!" at its end (the left),
 * not at the start of the line where its reader begins. A block without
 * right-to-left letters is left as it was (its HTML unchanged), and so is
 * a block whose first strong letter is Latin, which `auto` lays out left
 * to right. Runs on the sanitized tree: the sanitizer drops a `dir` a text
 * wrote in raw HTML, and must not see this one.
 */
export function markRightToLeftBlocks(tree: Root | Element): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (TEXT_BLOCKS.has(child.tagName) && hasRightToLeft(textOf(child))) child.properties = { ...child.properties, dir: 'auto' };
    markRightToLeftBlocks(child);
  }
}

/** The text of `node`'s descendants, joined. */
function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}
