import type { Nodes, Root } from 'mdast';
import { isScalar, parseDocument, Scalar } from 'yaml';
import { parseMarkdown } from '../../issue/markdown.js';
import { nodeAt } from '../../issue/text-fields.js';
import { nodesInTree } from '../../issue/tree-index.js';
import { rendersAs } from '../fix-proof.js';
import type { FileRule } from '../types.js';
import { textsOf } from './markdown-texts.js';

/**
 * A Markdown text (summary, opinion, notes, prerequisites) written as a
 * folded block (`>`, `>-`, `>+`) is read by YAML's folding (YAML 1.2
 * §8.1.3): each line break between two lines becomes a space, and a blank
 * line a single line break. Markdown's lines are its syntax: folding joins
 * list items into one line (`- first - second`), headings, quotes, fences
 * and table rows into the paragraph above, two paragraphs into one, and
 * turns a hard line break into spaces. The text is compared as Markdown:
 * its tree as folded, and as its lines read literally (`|`), with the line
 * breaks inside a paragraph taken as the spaces they render as; when they
 * differ, it is a warning at the `>`.
 *
 * `--fix` writes `|` for `>` (its chomping and indentation indicators
 * kept) when the literal lines are surely what was meant: every block the
 * literal reading adds starts after a blank line (a list, a heading, a
 * paragraph of its own) and none is a hard break of trailing spaces. The
 * fix is proven by reading the file again: the text must then be the
 * literal reading, and everything else as it was (fix-proof.ts). Otherwise
 * (a line that starts with `- ` inside a paragraph may be wrapped prose)
 * the message says to write `|` by hand.
 *
 * ok:     `summary: |` and a list below; `summary: >` and one paragraph over several lines
 * not ok: `summary: >` and `Three things:`, a blank line, `- first`, `- second` → Unexpected folded block `>` for the Markdown of `summary` (YAML joins its lines, which changes a list), expected a literal block `|`, which keeps the lines as written (fix)
 */
const rule: FileRule = {
  id: 'yaml-folded-markdown',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'No Markdown text in a folded `>` block whose folding changes the Markdown (lists, headings, paragraphs): a `|` block keeps the lines',
  check({ parsed, issue, report }) {
    const document = parsed.document;
    if (!document) return;
    const offset = parsed.frontmatterOffset;
    const yamlText = parsed.source.text.slice(offset);
    for (const text of textsOf(issue)) {
      if (text.paperIndex === undefined) continue;
      const node = nodeAt(document, ['papers', text.paperIndex, text.field]);
      if (!isScalar(node) || node.type !== Scalar.BLOCK_FOLDED || !node.range || yamlText[node.range[0]] !== '>') continue;
      const header = node.range[0];
      const literalYaml = `${yamlText.slice(0, header)}|${yamlText.slice(header + 1)}`;
      const literal = parseDocument(literalYaml).getIn(['papers', text.paperIndex, text.field]);
      if (typeof literal !== 'string') continue;
      const literalTree = parseMarkdown(literal);
      const changes = changeOf(text.tree, literalTree);
      if (changes === undefined) continue;
      const edit = { range: [offset + header, offset + header + 1] as [number, number], text: '|' };
      const fixable = meantLiterally(literalTree, literal) && rendersAs(parsed, [edit], new Map([[text, literalTree]]));
      report({
        message: `Unexpected folded block \`>\` for the Markdown of \`${text.field}\` (YAML joins its lines, which changes ${changes}), expected a literal block \`|\`, which keeps the lines as written`,
        position: parsed.lines.position(offset + header, offset + header + 1),
        ...(fixable ? { fix: edit } : {}),
      });
    }
  },
};
export default rule;

/** What a reader would miss in the folded reading, in words; undefined when both render alike. */
function changeOf(folded: Root, literal: Root): string | undefined {
  if (renderedShape(folded) === renderedShape(literal)) return undefined;
  const count = (tree: Root, type: Nodes['type']) => nodesInTree(tree, type).length;
  const named: [Nodes['type'], string][] = [
    ['list', 'a list'],
    ['listItem', 'a list'],
    ['heading', 'a heading'],
    ['blockquote', 'a quote'],
    ['code', 'a code block'],
    ['table', 'a table'],
    ['thematicBreak', 'a rule'],
    ['break', 'a hard line break'],
    ['paragraph', 'a paragraph break'],
  ];
  return named.find(([type]) => count(literal, type) > count(folded, type))?.[1] ?? 'the Markdown';
}

/**
 * A tree as it renders: without positions, and a text's line breaks as the
 * spaces they render as (a soft break inside a paragraph), which is all
 * folding changes of a paragraph's lines.
 */
function renderedShape(tree: Root): string {
  return JSON.stringify(tree, function (this: { type?: string }, key, value: unknown) {
    if (key === 'position') return undefined;
    return key === 'value' && this.type === 'text' && typeof value === 'string' ? value.replace(/[ \t]*\n[ \t]*/g, ' ') : value;
  });
}

/** Whether every block of the literal reading starts the text or follows a blank line, and no line ends in a hard break of spaces. */
function meantLiterally(tree: Root, literal: string): boolean {
  const lines = literal.split('\n');
  const afterBlank = tree.children.every((block, index) => index === 0 || (lines[(block.position?.start.line ?? 1) - 2] ?? '').trim() === '');
  const spacedBreak = nodesInTree(tree, 'break').some((node) => literal[node.position?.start.offset ?? 0] !== '\\');
  return afterBlank && !spacedBreak;
}
