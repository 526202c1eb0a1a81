import type { ParsedIssue } from '../../issue/parse.js';
import { provenEdits } from '../fix-proof.js';
import type { Fix, FileRule } from '../types.js';
import { nodesOfType, textsOf } from './markdown-texts.js';

/**
 * No line ends in spaces or tabs: they are invisible in an editor and noise
 * in a diff. `--fix` removes them where the rendered text stays the same,
 * and proves it by reading the fixed file again (fix-proof.ts): two spaces
 * that make a Markdown hard line break (in the body or in a `summary: |`
 * block) become a backslash at the end of the line, the same break no editor
 * trims; a backslash the spaces kept literal (`C:\··`) is escaped, so it
 * stays a backslash rather than turning into a break. Where no edit keeps
 * the text (code, math, a `>` block, a quoted YAML value's `\·`), the
 * whitespace is reported without a fix, and so it is where proving would
 * read the file again too many times (fix-proof.ts).
 *
 * ok:     `title: Emergence mirages`; `First line\` then `second line`
 * not ok: `title: Emergence mirages··` → Unexpected trailing whitespace, expected none
 * not ok: `First line··` then `second line` → Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line (fix: `First line\`)
 * not ok: `` `x`·· `` then `next` → Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line (fix: `` `x`\ ``: the spaces follow the code, they are not in it)
 * not ok: `C:\··` then `next` → Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line (fix: `C:\\\`)
 * not ok: in a code block, `x = 1··` → Unexpected trailing whitespace, expected none; `--fix` leaves it, as removing it may change the rendered text here (…)
 */
const MESSAGES = {
  plain: 'Unexpected trailing whitespace, expected none',
  break: 'Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line',
  kept: 'Unexpected trailing whitespace, expected none; `--fix` leaves it, as removing it may change the rendered text here (code, math, a quoted or `>` YAML value, a `\\` before it): delete it by hand if it is not meant',
  unread: 'Unexpected trailing whitespace, expected none; `--fix` removes it once the frontmatter can be read (a Markdown hard break is written as `\\` at the end of the line)',
};

/** Nodes whose text is kept character for character: trailing whitespace in them is content. */
const LITERAL_TYPES = ['code', 'inlineCode', 'math', 'inlineMath', 'html'] as const;

const rule: FileRule = {
  id: 'no-trailing-spaces',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: 'No line ends in spaces or tabs (a hard line break is written as a backslash)',
  check({ parsed, report }) {
    const runs = trailingRuns(parsed.source.text);
    if (runs.length === 0) return;
    const position = ([start, end]: Run) => parsed.lines.position(start, end);
    if (!parsed.issue) {
      for (const run of runs) report({ message: MESSAGES.unread, position: position(run) });
      return;
    }
    const { breaks, literal } = markdownLines(parsed);
    const lineOf = ([start]: Run) => parsed.lines.point(start).line;
    const isLiteral = ([start, end]: Run) => literal.some(([from, to]) => start < to && end > from);
    const fixes = provenEdits(parsed, runs.map((run) => (isLiteral(run) ? [] : choices(parsed.source.text, run, breaks.has(lineOf(run))))));
    runs.forEach((run, i) => {
      const fix = fixes[i];
      const message = !fix ? MESSAGES.kept : breaks.has(lineOf(run)) ? MESSAGES.break : MESSAGES.plain;
      report({ message, position: position(run), ...(fix ? { fix } : {}) });
    });
  },
};
export default rule;

/** A run of spaces and tabs that ends a line: `[start, end)` in the file's text. */
type Run = [start: number, end: number];

function trailingRuns(text: string): Run[] {
  const runs: Run[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // Scanning back from the line end keeps this linear (a regex can go quadratic on long runs of spaces).
    let start = lineEnd;
    while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (start < lineEnd) runs.push([start, lineEnd]);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return runs;
}

/**
 * The edits to try for one run, best first. A backslash before the run is
 * literal (a `\` escapes only punctuation) when an odd number of them end
 * the text: without the run it would escape the line break instead, so the
 * Markdown way escapes it first; a quoted YAML value reads `\\` otherwise,
 * so the plain removal comes next.
 */
function choices(text: string, [start, end]: Run, isBreak: boolean): Fix[] {
  let backslashes = 0;
  while (text[start - 1 - backslashes] === '\\') backslashes++;
  const escape = backslashes % 2 === 1 ? '\\' : '';
  if (isBreak) return [{ range: [start, end], text: `${escape}\\` }];
  return escape ? [{ range: [start, end], text: escape }, { range: [start, end], text: '' }] : [{ range: [start, end], text: '' }];
}

/**
 * What the Markdown trees say about line ends: the file lines (1-based)
 * ending in a hard line break written as spaces (a backslash break is
 * already what we want), and the file ranges of the nodes kept character
 * for character (code, math, raw HTML). Ranges, not lines: the spaces after
 * inline code or math that ends a line (`` `x`·· ``) are outside it, a hard
 * break like any other, and fixed like one.
 */
function markdownLines(parsed: ParsedIssue): { breaks: Set<number>; literal: Run[] } {
  const breaks = new Set<number>();
  const literal: Run[] = [];
  const lineAt = (offset: number) => parsed.lines.point(offset).line;
  for (const text of textsOf(parsed.issue)) {
    for (const node of nodesOfType(text, 'break')) {
      const start = node.position?.start.offset ?? 0;
      if (text.text[start] === ' ') breaks.add(lineAt(text.fileOffset(start)));
    }
    for (const type of LITERAL_TYPES) {
      for (const node of nodesOfType(text, type)) literal.push([text.fileOffset(node.position?.start.offset ?? 0), text.fileOffset(node.position?.end.offset ?? 0)]);
    }
  }
  return { breaks, literal };
}
