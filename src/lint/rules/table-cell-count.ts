import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * No table row has more cells than its header. GFM leaves the extra cells
 * out, so every output drops them; the usual cause is a `|` meant as text,
 * often inside code (`` `a|b` ``), which GFM splits cells at all the same.
 * Fewer cells are fine: the row is padded with empty ones.
 *
 * ok:     `| a | b |` / `| - | - |` / `` | `x\|y` | 1 | ``
 * not ok: `| a | b |` / `| - | - |` / `` | `x|y` | 1 | `` → Unexpected 3 cells in a row of a 2-column table, expected at most 2: the extra cells are not shown (write a `|` that is text, also inside code, as `\|`)
 */
const rule: FileRule = {
  id: 'table-cell-count',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'No table row has more cells than its header',
  check({ issue, report, nodePosition }) {
    visitMarkdown(issue, 'table', (table, text) => {
      const [header, ...rows] = table.children;
      const columns = header?.children.length ?? 0;
      for (const row of rows) {
        const extra = row.children[columns];
        if (!extra) continue;
        const start = nodePosition(text, extra).start;
        const end = nodePosition(text, row.children.at(-1)!).end;
        report({
          message: `Unexpected ${row.children.length} cells in a row of a ${columns}-column table, expected at most ${columns}: the extra cells are not shown (write a \`|\` that is text, also inside code, as \`\\|\`)`,
          position: { start, end },
        });
      }
    });
  },
};
export default rule;
