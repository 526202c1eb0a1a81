import { displayWidth } from './wrap.js';

/**
 * Columns between tab stops in code: what a browser's `<pre>` uses (CSS Text
 * 3, `tab-size`, initial value 8), so the plaintext and the terminal line up
 * a code block as the HTML email shows it.
 */
const TAB_SIZE = 8;

/**
 * `line` with each tab replaced by the spaces up to the next tab stop,
 * counted by display width (wrap.ts) from the line's own first column: a
 * prefix written before it (the code block's indentation) then moves the
 * whole line, never its stops.
 */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let output = '';
  let column = 0;
  for (const [i, piece] of line.split('\t').entries()) {
    if (i > 0) {
      const spaces = TAB_SIZE - (column % TAB_SIZE);
      output += ' '.repeat(spaces);
      column += spaces;
    }
    output += piece;
    column += displayWidth(piece);
  }
  return output;
}
