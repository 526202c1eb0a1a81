import type { Table } from 'mdast';
import type { RenderContext } from './context.js';
import { renderInline } from './inline.js';
import { PLAIN, type Format } from './style.js';
import { alignText, cutWideLines, displayWidth, renderLine, wrapFragments, type Alignment, type Fragment, type Line } from './wrap.js';
import { maxOf } from '../../arrays.js';

/**
 * GFM tables in aligned columns, measured by display width:
 *
 *     Model | Params | Notes
 *     ------+--------+-------------------------
 *     GPT-2 |   1.5B | released in stages, the
 *           |        | largest last
 *
 * A table wider than the width gives way from its widest columns, whose
 * cells then wrap, but never below a column's longest word; where that is
 * still too wide, the terminal (`TextStyle.cutsWords`) cuts the words that
 * do not fit their column, and the email lets the table overflow, its URLs
 * whole.
 *
 * A cell that holds the column glyph itself (`x \| y`, `` `a | b` ``) would
 * make its row read as more columns than it has, and escaping it would show
 * the reader a backslash the text does not have: such a table sets its
 * columns apart by alignment alone, as the rule under the header shows them:
 *
 *     Operator   Meaning
 *     --------   -------
 *     `a | b`    a or b
 */

const HEADER: Format = { strong: true };

export function layoutTable(table: Table, context: RenderContext, width: number): string[] {
  const { style } = context;
  const { glyphs } = style;
  const rows = table.children.map((row, r) => row.children.map((cell) => renderInline(cell.children, context, r === 0 ? HEADER : PLAIN)));
  // The header row decides the columns, as GFM says and as the HTML shows
  // them (mdast-util-to-hast): a shorter row is padded with empty cells and a
  // longer row's extra cells are left out (lint's table-cell-count warns).
  const columnCount = rows[0]?.length ?? 0;
  if (columnCount === 0) return [];
  const cellAt = (row: Fragment[][], column: number): Fragment[] => row[column] ?? [];
  const widestLine = (lines: Line[]): number => Math.max(0, ...lines.map((line) => line.width));
  const columns = Array.from({ length: columnCount }, (_, c) => c);
  // Wrapping at width 1 puts every word on a line of its own.
  const natural = columns.map((c) => maxOf(rows.map((row) => widestLine(wrapFragments(cellAt(row, c), Infinity)))));
  const minimum = columns.map((c) => maxOf(rows.map((row) => widestLine(wrapFragments(cellAt(row, c), 1)))));

  const bordered = !rows.some((row) => row.slice(0, columnCount).some((cell) => cell.some((fragment) => fragment.text.includes(glyphs.tableColumn))));
  const separator = bordered ? ` ${glyphs.tableColumn} ` : '   ';
  const available = width - displayWidth(separator) * (columnCount - 1);
  const cut = style.cutsWords && minimum.reduce((sum, w) => sum + w, 0) > available;
  const widths = fitColumns(natural, cut ? columns.map(() => 1) : minimum, available);
  const aligns = columns.map((c): Alignment => table.align?.[c] ?? 'left');
  const decoratedSeparator = style.decorate(separator, { muted: true });

  const layoutRow = (row: Fragment[][]): string[] => {
    const cells = columns.map((c) => cutWideLines(wrapFragments(cellAt(row, c), widths[c]!), widths[c]!));
    const height = Math.max(1, ...cells.map((lines) => lines.length));
    return Array.from({ length: height }, (_, i) =>
      columns
        .map((c) => {
          const line = cells[c]![i];
          return line ? alignText(renderLine(line, style), line.width, widths[c]!, aligns[c]) : ' '.repeat(widths[c]!);
        })
        .join(decoratedSeparator)
        .trimEnd(),
    );
  };
  const rule = glyphs.tableRule;
  const headerRule = style.decorate(widths.map((w) => rule.repeat(w)).join(bordered ? rule + glyphs.tableCross + rule : separator), { muted: true });
  const [header, ...body] = rows.map(layoutRow);
  return [...(header ?? []), headerRule, ...body.flat()];
}

/**
 * Column widths within `available` columns: each column is capped at the
 * largest width that lets the table fit (the widest columns give way first),
 * never below its `minimum`; columns stay at `minimum` when even that does
 * not fit (the table then overflows).
 */
function fitColumns(natural: readonly number[], minimum: readonly number[], available: number): number[] {
  const capped = (cap: number): number[] => natural.map((n, i) => Math.max(minimum[i]!, Math.min(n, cap)));
  const total = (cap: number): number => capped(cap).reduce((sum, w) => sum + w, 0);
  if (total(Infinity) <= available) return [...natural];
  if (total(0) > available) return [...minimum];
  let low = 0;
  let high = maxOf(natural);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(mid) <= available) low = mid;
    else high = mid - 1;
  }
  // One more column each for the first capped columns, up to the last spare one.
  let spare = available - total(low);
  return capped(low).map((w, i) => {
    if (spare > 0 && w === low && w < natural[i]!) {
      spare -= 1;
      return w + 1;
    }
    return w;
  });
}
