import type { Blockquote, List, PhrasingContent, RootContent } from 'mdast';
import type { RenderContext } from './context.js';
import { layoutHeading } from './heading.js';
import { renderInline } from './inline.js';
import { layoutTable } from './table.js';
import { expandTabs } from './tab-stops.js';
import { displayMath, writtenListMarker } from './written.js';
import { htmlBlockParagraph } from '../raw-html.js';
import { isLooseList } from '../tight-lists.js';
import { alignText, cutText, displayWidth, indentLines, MIN_CUT_WIDTH, renderLine, wrapFragments } from './wrap.js';
import { append, maxOf } from '../../arrays.js';

/**
 * The block layout shared by the plaintext email and the terminal preview:
 * each block becomes lines no wider than `width` (except, in the email,
 * words that cannot be broken, and code, which is verbatim), blocks apart by
 * a blank line; the terminal (`TextStyle.cutsWords`) cuts a word wider than
 * the width over lines, every character kept.
 */
export function layoutBlocks(nodes: readonly RootContent[], context: RenderContext, width: number): string[] {
  return joinBlocks(
    nodes.map((node) => layoutBlock(node, context, width)),
    true,
  );
}

/** Blocks with no lines (raw HTML, definitions) leave no gap behind. */
function joinBlocks(blocks: readonly string[][], blankLineBetween: boolean): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.length === 0) continue;
    if (blankLineBetween && lines.length > 0) lines.push('');
    append(lines, block);
  }
  return lines;
}

/** The width left inside an indentation, never less than one column. */
function inside(width: number, indentation: number): number {
  return Math.max(1, width - indentation);
}

function layoutBlock(node: RootContent, context: RenderContext, width: number): string[] {
  switch (node.type) {
    case 'paragraph':
      return layoutParagraph(node.children, context, width);
    case 'heading':
      return layoutHeading(renderInline(node.children, context, { heading: node.depth }), node.depth, width, context.style);
    case 'thematicBreak': {
      const glyph = context.style.glyphs.thematicBreak;
      return [alignText(context.style.decorate(glyph, { muted: true }), displayWidth(glyph), width, 'center').trimEnd()];
    }
    case 'blockquote':
      return layoutQuote(node, context, width);
    case 'list':
      return layoutList(node, context, width);
    case 'listItem':
      return layoutBlocks(node.children, context, width);
    case 'code':
      return layoutCode(node.value, context, width);
    // Display math: its TeX source, verbatim like code (see inline math).
    case 'math':
      return layoutCode(displayMath(node.value), context, width);
    case 'table':
      return layoutTable(node, context, width);
    // An HTML block: its text, never a tag (raw-html.ts).
    case 'html': {
      const paragraph = htmlBlockParagraph(node);
      return paragraph ? layoutParagraph(paragraph.children, context, width) : [];
    }
    // Footnotes are printed at the end of the email (render.ts), definitions
    // are used where they are referenced.
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
    case 'tableRow':
    case 'tableCell':
      return [];
    default:
      return layoutParagraph([node], context, width);
  }
}

function layoutParagraph(nodes: readonly PhrasingContent[], context: RenderContext, width: number): string[] {
  return wrapFragments(renderInline(nodes, context), width, context.style.cutsWords).map((line) => renderLine(line, context.style));
}

function layoutQuote(quote: Blockquote, context: RenderContext, width: number): string[] {
  const marker = context.style.glyphs.quote;
  const lines = layoutBlocks(quote.children, context, inside(width, displayWidth(marker) + 1));
  return indentLines(lines, `${context.style.decorate(marker, { muted: true })} `);
}

/**
 * Items under their marker (`-`, `1.` or `1)` as written, `- [x]`),
 * continuation lines and nested blocks aligned with the item's text;
 * numbers are padded to the widest so the texts of `9.` and `10.` line up.
 */
function layoutList(list: List, context: RenderContext, width: number): string[] {
  const { glyphs } = context.style;
  const start = list.start ?? 1;
  const { digits, delimiter } = writtenListMarker(list, context.source);
  // CommonMark keeps only the start; later items are numbered from it, with
  // the start's leading zeros (`007)`, `008)`): a fixed width is what they say.
  const numbers = list.children.map((_, i) => `${String(start + i).padStart(digits.length, '0')}${delimiter}`);
  const numberWidth = maxOf(numbers.map((number) => number.length));
  // An item's blocks are apart as the HTML sets them: by the list's looseness, not the item's own (tight-lists.ts).
  const loose = isLooseList(list);
  const items = list.children.map((item, i) => {
    let marker = list.ordered ? numbers[i]!.padEnd(numberWidth) : glyphs.bullet;
    if (typeof item.checked === 'boolean') marker += ` ${item.checked ? glyphs.taskDone : glyphs.taskOpen}`;
    const indentation = displayWidth(marker) + 1;
    const content = joinBlocks(
      item.children.map((child) => layoutBlock(child, context, inside(width, indentation))),
      loose,
    );
    return indentLines(content.length > 0 ? content : [''], `${context.style.decorate(marker, { muted: true })} `, ' '.repeat(indentation));
  });
  return joinBlocks(items, loose);
}

/**
 * Verbatim, never wrapped, indented four spaces as in Markdown; tabs are
 * spaces to the code's own tab stops (tab-stops.ts), which the indentation
 * would otherwise move. A style that cuts words (the terminal preview)
 * cuts a line wider than the room left of `width` over lines that fit,
 * each indented the same, every character kept, as a paragraph's long
 * word is cut (from `MIN_CUT_WIDTH` columns of room; less, and it
 * overflows): the terminal would otherwise wrap it over the indentation.
 */
function layoutCode(code: string, context: RenderContext, width: number): string[] {
  if (code === '') return [];
  const room = width - CODE_INDENT.length;
  const cuts = context.style.cutsWords && room >= MIN_CUT_WIDTH;
  return code
    .split('\n')
    .flatMap((line) => (cuts ? cutText(expandTabs(line), room) : [expandTabs(line)]))
    .map((line) => (line === '' ? '' : `${CODE_INDENT}${context.style.decorate(line, { code: true })}`));
}

const CODE_INDENT = '    ';
