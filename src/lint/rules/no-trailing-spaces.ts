import type { FileRule } from '../types.js';

/**
 * No line ends in spaces or tabs: they are invisible in an editor and noise
 * in a diff. `--fix` removes them. Two trailing spaces in Markdown are a hard
 * line break; they are reported and removed all the same (a style choice, as
 * in remark-lint's `hard-break-spaces`), and the message says to write the
 * break as a backslash at the end of the line, which no editor trims.
 *
 * ok:     `title: Emergence mirages`
 * not ok: `title: Emergence mirages··` → Unexpected trailing whitespace, expected none
 */
const rule: FileRule = {
  id: 'no-trailing-spaces',
  severity: 'warning',
  scope: 'file',
  doc: 'No line ends in spaces or tabs',
  check({ parsed, report }) {
    const text = parsed.source.text;
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      // Scanning back from the line end keeps this linear (a regex can go quadratic on long runs of spaces).
      let start = lineEnd;
      while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      if (start < lineEnd) {
        const hardBreak = start > lineStart && text.endsWith('  ', lineEnd);
        report({
          message: hardBreak
            ? 'Unexpected trailing whitespace, expected none (for a Markdown hard break, end the line with `\\`)'
            : 'Unexpected trailing whitespace, expected none',
          position: parsed.lines.position(start, lineEnd),
          fix: { range: [start, lineEnd], text: '' },
        });
      }
      if (newline === -1) break;
      lineStart = newline + 1;
    }
  },
};
export default rule;
