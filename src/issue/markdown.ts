import type { Link, Paragraph, PhrasingContent, Root, Text } from 'mdast';
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
import { SKIP, visit } from 'unist-util-visit';

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
function gfmWithLiteralsFoundAfterParse(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
    { transforms: [linkLiteralsWithPositions] },
  ];
}

const processor = unified().use(remarkParse).use(gfmWithLiteralsFoundAfterParse).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

const findLiterals = gfmAutolinkLiteralFromMarkdown().transforms![0]!;
/** Cheap pre-check: a literal has `://`, `www.` or `@`. */
const MAY_HOLD_LITERAL = /:\/\/|www\.|@/i;

function linkLiteralsWithPositions(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text' || !parent || index === undefined || !MAY_HOLD_LITERAL.test(node.value)) return undefined;
    const holder: Paragraph = { type: 'paragraph', children: [node] };
    findLiterals({ type: 'root', children: [holder] });
    const pieces = holder.children;
    if (pieces.length === 1 && pieces[0] === node) return undefined;
    placePieces(pieces, node);
    parent.children.splice(index, 1, ...(pieces as typeof parent.children));
    return index + pieces.length;
  });
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
