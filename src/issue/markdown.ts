import type { Link, Nodes, Paragraph, Parent, PhrasingContent, Root, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Point, Position } from 'unist';

/**
 * The one Markdown parser of paperboy: remark-parse with GFM. Every text is
 * parsed once per run (or not at all when a cache has its tree) and the tree
 * is shared by the linter and every renderer: remark is the most expensive
 * stage of the pipeline.
 *
 * This is remark-gfm but for one piece: the micromark tokenizer for autolink
 * literals (bare `https://…`, `www.…`, e-mail addresses) tests every
 * character of every text, about a quarter of the parse here. mdast-util-gfm's
 * own transform finds the same literals in the text nodes after the parse
 * (it does so in remark-gfm too, for what the tokenizer leaves); we run it
 * per text node so the new nodes get their positions back. The trees equal
 * remark-gfm's, positions included, for every text of the samples and of the
 * generated corpus; tests/issue/markdown.test.ts checks that and pins the two
 * known differences, both in bare literals: `mailto:x@y.z` is one link
 * (remark-gfm links `x@y.z` only) and a `*` ending a `www.` literal stays in it.
 */
function gfmWithLiteralsFoundAfterParse(this: Processor, constructs: GfmConstructs): void {
  const data = this.data();
  data.micromarkExtensions = [
    ...(data.micromarkExtensions ?? []),
    ...(constructs.footnote ? [gfmFootnote()] : []),
    ...(constructs.strikethrough ? [gfmStrikethrough()] : []),
    ...(constructs.table ? [gfmTable()] : []),
    gfmTaskListItem(),
  ];
  // These only turn the tokens of the constructs above into nodes.
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
    { transforms: [linkLiteralsWithPositions] },
  ];
}

/**
 * The GFM constructs a text can hold, told by a character each one needs: a
 * table has a `|` in its head row, a footnote (call or definition) starts
 * with `[^`, strikethrough is `~`. A construct whose character the text
 * lacks cannot match, so the text is parsed without it, to the same tree
 * (tests/issue/markdown.test.ts compares with remark-gfm). It pays: the
 * table construct is tried at the start of every line of every text, and
 * most texts have no `|`.
 */
interface GfmConstructs {
  table: boolean;
  footnote: boolean;
  strikethrough: boolean;
}

const processors = new Map<string, Processor<Root>>();

function processorFor(text: string): Processor<Root> {
  const constructs: GfmConstructs = { table: text.includes('|'), footnote: text.includes('[^'), strikethrough: text.includes('~') };
  const key = `${+constructs.table}${+constructs.footnote}${+constructs.strikethrough}`;
  let processor = processors.get(key);
  if (!processor) {
    processor = unified().use(remarkParse).use(gfmWithLiteralsFoundAfterParse, constructs).freeze();
    processors.set(key, processor);
  }
  return processor;
}

export function parseMarkdown(text: string): Root {
  return processorFor(text).parse(text);
}

const findLiterals = gfmAutolinkLiteralFromMarkdown().transforms![0]!;
/** Cheap pre-check: a literal has `://`, `www.` or `@`. */
const MAY_HOLD_LITERAL = /:\/\/|www\.|@/i;

/**
 * Runs the literal finder on each text node outside links. A plain recursive
 * walk rather than unist-util-visit: this runs on every node of every text
 * parsed, and visit's per-node bookkeeping (an array of ancestors each)
 * made this step six times slower (124 ms against 21 ms for 10,943 texts).
 */
function linkLiteralsWithPositions(tree: Root): void {
  linkLiteralsIn(tree);
}

function linkLiteralsIn(parent: Parent): void {
  const children = parent.children as Nodes[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'link' || node.type === 'linkReference') continue;
    if (node.type !== 'text') {
      if ('children' in node) linkLiteralsIn(node);
      continue;
    }
    if (!MAY_HOLD_LITERAL.test(node.value)) continue;
    const holder: Paragraph = { type: 'paragraph', children: [node] };
    findLiterals({ type: 'root', children: [holder] });
    const pieces = holder.children;
    if (pieces.length === 1 && pieces[0] === node) continue;
    placePieces(pieces, node);
    children.splice(index, 1, ...pieces);
    // The pieces are text already searched and the links found in it.
    index += pieces.length - 1;
  }
}

/**
 * Positions for the pieces a text node was split into. Where the source of
 * the text is its value character for character (no escapes or entities),
 * each piece gets its exact span; otherwise each gets the whole text's.
 */
function placePieces(pieces: PhrasingContent[], original: Text): void {
  const position = original.position;
  if (!position) return;
  const exact = position.end.offset! - position.start.offset! === original.value.length;
  let cursor: Point = position.start;
  for (const piece of pieces) {
    const value = piece.type === 'text' ? piece.value : ((piece as Link).children[0] as Text | undefined)?.value ?? '';
    const span: Position = exact ? { start: cursor, end: advance(cursor, value) } : position;
    piece.position = span;
    if (piece.type === 'link') for (const child of piece.children) child.position = span;
    cursor = span.end;
  }
}

function advance(point: Point, text: string): Point {
  const lastBreak = text.lastIndexOf('\n');
  const breaks = lastBreak === -1 ? 0 : text.split('\n').length - 1;
  return {
    line: point.line + breaks,
    column: lastBreak === -1 ? point.column + text.length : text.length - lastBreak,
    offset: point.offset! + text.length,
  };
}
