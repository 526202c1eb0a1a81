import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
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
    // A subtree without right-to-left letters has no block to mark: its text is read once, not again for each block inside.
    if (child.type !== 'element' || !hasRightToLeft(toString(child))) continue;
    if (TEXT_BLOCKS.has(child.tagName)) child.properties = { ...child.properties, dir: 'auto' };
    markRightToLeftBlocks(child);
  }
}
