import type { InlineMath } from 'mdast-util-math';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * GFM's rule for a pipe in a table cell, applied to inline math as to
 * code: a cell's `\|` is a `|` of its text (GFM spec, "Tables", example
 * 200: the pipe is escaped so it does not end the cell, "inside code
 * too"). mdast-util-gfm-table unescapes it in code spans only, so `$a\|b$`
 * in a cell kept its backslash, which KaTeX typesets as `‖` (a norm), and
 * an unescaped `|` ends the cell: no formula in a table could hold a pipe.
 * Only the pipe's escape goes, as in mdast-util-gfm-table's code spans
 * (`\\` stays a TeX line break). Returns `tree`, changed in place (a fresh
 * parse).
 */
export function unescapePipesInTableMath(tree: Root): Root {
  visit(tree, 'tableCell', (cell) => {
    visit(cell, 'inlineMath', (node: InlineMath) => {
      const value = node.value.replace(/\\([\\|])/g, (whole, escaped: string) => (escaped === '|' ? '|' : whole));
      if (value === node.value) return;
      node.value = value;
      // What rehype shows (mdast-util-math keeps the formula's text for it beside the value).
      const shown = node.data?.hChildren?.[0];
      if (shown?.type === 'text') shown.value = value;
    });
  });
  return tree;
}
