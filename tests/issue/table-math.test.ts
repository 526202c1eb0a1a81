import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InlineMath } from 'mdast-util-math';
import type { InlineCode, Nodes } from 'mdast';
import { parseMarkdown } from '../../src/issue/markdown.js';

function find<T extends Nodes>(node: Nodes, type: T['type']): T[] {
  const found: T[] = node.type === type ? [node as T] : [];
  return 'children' in node ? [...found, ...node.children.flatMap((child) => find<T>(child, type))] : found;
}

const table = (cell: string) => `| formula | code |\n| --- | --- |\n| ${cell} | \`x \\| y\` |\n`;

test('a pipe escaped in a table cell is a pipe of the formula, as of the code beside it (KaTeX typeset `a\\|b` as a norm, a‖b)', () => {
  const tree = parseMarkdown(table('$a\\|b$ and $\\{x \\mid x\\|y\\}$'));
  const [code] = find<InlineCode>(tree, 'inlineCode');
  assert.equal(code!.value, 'x | y', 'GFM unescapes the code beside it');
  const formulas = find<InlineMath>(tree, 'inlineMath');
  assert.deepEqual(
    formulas.map((node) => node.value),
    ['a|b', '\\{x \\mid x|y\\}'],
  );
  // What the HTML shows is the same text.
  assert.deepEqual(
    formulas.map((node) => (node.data?.hChildren?.[0] as { value: string }).value),
    ['a|b', '\\{x \\mid x|y\\}'],
  );
  assert.equal(find(tree, 'tableCell').length, 4, 'the pipe did not end the cell');
});

test('a formula outside a table keeps its `\\|` (TeX’s ‖)', () => {
  const outside = find<InlineMath>(parseMarkdown('Norm $\\|x\\|$ here, and | a pipe.\n'), 'inlineMath');
  assert.deepEqual(
    outside.map((node) => node.value),
    ['\\|x\\|'],
  );
});
