import type { ParsedIssue } from '../../issue/parse.js';
import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * No line ends in spaces or tabs: they are invisible in an editor and noise
 * in a diff. `--fix` removes them, except where they mean something: two
 * spaces at the end of a Markdown line inside a paragraph (in the body or in
 * a `summary: |` block) are a hard line break, which `--fix` rewrites as a
 * backslash at the end of the line, the same break no editor trims. The
 * rendered text never changes.
 *
 * ok:     `title: Emergence mirages`; `First line\` then `second line`
 * not ok: `title: Emergence mirages··` → Unexpected trailing whitespace, expected none
 * not ok: `First line··` then `second line` → Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line (fix: `First line\`)
 */
const rule: FileRule = {
  id: 'no-trailing-spaces',
  severity: 'warning',
  scope: 'file',
  doc: 'No line ends in spaces or tabs (a hard line break is written as a backslash)',
  check({ parsed, report }) {
    const text = parsed.source.text;
    const breaks = hardBreakLines(parsed);
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      // Scanning back from the line end keeps this linear (a regex can go quadratic on long runs of spaces).
      let start = lineEnd;
      while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      if (start < lineEnd) {
        const position = parsed.lines.position(start, lineEnd);
        if (breaks === undefined && start > lineStart && text.endsWith('  ', lineEnd)) {
          // Without the Markdown trees the spaces may be a hard break: removing them could join two lines.
          report({ message: 'Unexpected trailing whitespace, expected none (for a Markdown hard break, end the line with `\\`)', position });
        } else if (breaks?.has(position.start.line)) {
          report({ message: 'Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line', position, fix: { range: [start, lineEnd], text: '\\' } });
        } else {
          report({ message: 'Unexpected trailing whitespace, expected none', position, fix: { range: [start, lineEnd], text: '' } });
        }
      }
      if (newline === -1) break;
      lineStart = newline + 1;
    }
  },
};
export default rule;

/**
 * The file lines (1-based) that end in a hard line break written as spaces,
 * found in the Markdown trees; undefined when the frontmatter could not be
 * read, so the Markdown was not parsed.
 */
function hardBreakLines(parsed: ParsedIssue): Set<number> | undefined {
  if (!parsed.issue) return undefined;
  const lines = new Set<number>();
  visitMarkdown(parsed.issue, 'break', (node, text) => {
    const start = node.position?.start.offset ?? 0;
    // A backslash break is already what we want; only a spaces break is at risk.
    if (text.text[start] === ' ') lines.add(parsed.lines.point(text.fileOffset(start)).line);
  });
  return lines;
}
