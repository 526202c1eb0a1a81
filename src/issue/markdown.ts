import type { Nodes, Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { math } from 'micromark-extension-math';
import type { Construct, ConstructRecord, Extension } from 'micromark-util-types';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { unescapePipesInTableMath } from './table-math.js';

/**
 * The one Markdown parser of paperboy. Its dialect is exactly
 *
 *     unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkMath)
 *
 * (GFM, where only `~~double~~` strikes through, plus `$…$`/`$$…$$` math),
 * and its trees (`parseLikeRemark`'s) are deep-equal to that stack's, positions included:
 * tests/issue/markdown.differential.test.ts proves it on every example of
 * the CommonMark and GFM specs and on generated texts. Every text is parsed
 * once per run (or not at all when the tree cache has it) and the tree is
 * shared by the linter and every renderer: remark is the most expensive
 * stage of the pipeline.
 *
 * One departure, made after the parse: a `\|` in a table cell's inline
 * math is a `|`, as it is in a cell's code (table-math.ts).
 *
 * The one saving: a construct is left out of a text's parse when the text
 * lacks every character sequence that can start it, so that construct
 * could only have failed (micromark undoes a failed attempt without a
 * trace). What each construct needs, read off its tokenizer:
 * - table: a delimiter row holds `|`, or a `:` next to a dash (`:-`, `-:`);
 *   without either the row is a setext underline or a thematic break
 *   (micromark-extension-gfm-table, `headDelimiterCellAfter`);
 * - footnote call or definition: `[^`;
 * - strikethrough: `~~` (single tildes are refused with `singleTilde: false`);
 * - math: `$`;
 * - autolink literals: `@` (e-mail), `http` in any case (`http://`,
 *   `https://`), `www.` in any case (and see {@link findLiteralsInText}).
 * The table construct is tried at the start of every line and the e-mail
 * literal at every word, so most texts parse with neither.
 */
export function parseMarkdown(text: string): Root {
  const tree = parseLikeRemark(text);
  // One repair of the stack's tree, only where it can apply (a `\|` in a cell holding math): see table-math.ts.
  return text.includes('\\|') && text.includes('$') ? unescapePipesInTableMath(tree) : tree;
}

/** The tree of the stack above, deep-equal to it (the differential test's subject): `parseMarkdown` before its one repair. */
export function parseLikeRemark(text: string): Root {
  return processorFor(constructsOf(text)).parse(text);
}

/** Which optional constructs a text can hold (see {@link parseMarkdown}). */
interface Constructs {
  table: boolean;
  footnote: boolean;
  strikethrough: boolean;
  math: boolean;
  email: boolean;
  protocol: boolean;
  www: boolean;
}

function constructsOf(text: string): Constructs {
  return {
    table: text.includes('|') || text.includes(':-') || text.includes('-:'),
    footnote: text.includes('[^'),
    strikethrough: text.includes('~~'),
    math: text.includes('$'),
    email: text.includes('@'),
    protocol: /http/i.test(text),
    www: /www\./i.test(text),
  };
}

const processors = new Map<string, Processor<Root>>();

function processorFor(constructs: Constructs): Processor<Root> {
  const key = Object.values(constructs).map(Number).join('');
  let processor = processors.get(key);
  if (!processor) {
    processor = unified().use(remarkParse).use(gfmAndMath, constructs).freeze();
    processors.set(key, processor);
  }
  return processor;
}

/**
 * remark-gfm's and remark-math's extensions, in their order (the order of
 * constructs on one character decides which is tried first), with the
 * constructs the text cannot hold left out.
 */
function gfmAndMath(this: Processor, constructs: Constructs): void {
  const data = this.data();
  const literals = literalsFor(constructs);
  data.micromarkExtensions = [
    ...(data.micromarkExtensions ?? []),
    ...(literals ? [literals] : []),
    ...(constructs.footnote ? [gfmFootnote()] : []),
    ...(constructs.strikethrough ? [gfmStrikethrough({ singleTilde: false })] : []),
    ...(constructs.table ? [gfmTable()] : []),
    gfmTaskListItem(),
    ...(constructs.math ? [math()] : []),
  ];
  // The extensions below only turn their constructs' tokens into nodes,
  // except the literal transform, which searches the finished tree.
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    { ...literalNodes, transforms: [findLiteralsInText] },
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
    mathFromMarkdown(),
  ];
}

const literalNodes = gfmAutolinkLiteralFromMarkdown();
const [findLiterals] = literalNodes.transforms!;

/**
 * mdast-util-gfm-autolink-literal's transform, which links what the
 * tokenizer could not see (literals behind character references, `mailto:`
 * and `xmpp:` addresses), run only on a tree where it can find something.
 * Each of its patterns needs `http`, `www` or `@` in one text node's value
 * (outside links, which it ignores), and it walks the tree once per pattern
 * with unist-util-visit-parents: one plain walk that finds no such text
 * saves those four on most trees.
 */
function findLiteralsInText(tree: Root): void {
  if (holdsLiteralText(tree)) findLiterals!(tree);
}

const LITERAL_TEXT = /http|www|@/i;

function holdsLiteralText(node: Nodes): boolean {
  if (node.type === 'text') return LITERAL_TEXT.test(node.value);
  if (node.type === 'link' || node.type === 'linkReference' || !('children' in node)) return false;
  return node.children.some(holdsLiteralText);
}

/** The autolink-literal constructs the text can start, by name (`emailAutolink`, …). */
function literalsFor(constructs: Constructs): Extension | undefined {
  const wanted = new Set<string>();
  if (constructs.email) wanted.add('emailAutolink');
  if (constructs.protocol) wanted.add('protocolAutolink');
  if (constructs.www) wanted.add('wwwAutolink');
  if (wanted.size === 0) return undefined;
  const text: ConstructRecord = {};
  for (const [code, entry] of Object.entries(gfmAutolinkLiteral().text ?? {})) {
    const kept = ([] as Construct[]).concat(entry ?? []).filter((construct) => wanted.has(construct.name ?? ''));
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { text };
}
