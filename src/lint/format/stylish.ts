import { relative } from 'node:path';
import { styleText } from 'node:util';
import { counted } from '../../render/format.js';
import { wrapText } from '../../render/text/index.js';
import type { FileResult } from '../types.js';

/** One message as its row prints it: `line:column`, severity, message, rule id. */
type Row = readonly [place: string, severity: string, message: string, ruleId: string];

/**
 * The widths of a file's place, severity and message columns, in UTF-16 code
 * units (what `padEnd` pads to): the longest entry of each. Measured in one
 * pass before the rows are printed, as every row pads to them: measuring per
 * row made a file of n messages cost n² (`paperboy lint` of one file with
 * 20,000 trailing-space warnings took 123 s, 1.4 s once measured once; 1.2 s
 * with `--format json`), and spreading n lengths into `Math.max` overflowed
 * Node 20's stack between 120,000 and 150,000 messages.
 */
function columnWidths(rows: readonly Row[]): [place: number, severity: number, message: number] {
  let [place, severity, message] = [0, 0, 0];
  for (const row of rows) {
    place = Math.max(place, row[0].length);
    severity = Math.max(severity, row[1].length);
    message = Math.max(message, row[2].length);
  }
  return [place, severity, message];
}

/**
 * ESLint's stylish layout: messages grouped by file, `line:column  severity
 * message  rule-id` in columns, totals. With `width` (the watch screen, which
 * cuts what passes its edge), a message too long for its row wraps within its
 * own column, the rule id after its last line, so the columns stay aligned.
 */
export function formatStylish(results: readonly FileResult[], options: { cwd: string; color: boolean; width?: number }): string {
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(style, text) : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    fixable += result.fixableErrorCount + result.fixableWarningCount;
    if (result.messages.length === 0) continue;
    lines.push(paint('underline', relative(options.cwd, result.path) || result.path));
    const rows = result.messages.map((m): Row => [`${m.line}:${m.column}`, m.severity, m.message, m.ruleId]);
    const [placeWidth, severityWidth, messageWidth] = columnWidths(rows);
    const messageColumn = 2 + placeWidth + 2 + severityWidth + 2;
    for (const [place, severity, message, ruleId] of rows) {
      const label = paint(severity === 'error' ? 'red' : 'yellow', severity.padEnd(severityWidth));
      const head = `  ${paint('dim', place.padEnd(placeWidth))}  ${label}  `;
      if (options.width === undefined || messageColumn + messageWidth + 2 + ruleId.length <= options.width) {
        lines.push(`${head}${message.padEnd(messageWidth)}  ${paint('dim', ruleId)}`);
        continue;
      }
      const room = Math.max(10, options.width - messageColumn);
      const wrapped = wrapText(`${message}  ${ruleId}`, room).split('\n');
      const last = wrapped.length - 1;
      // The rule id is the last word: dimmed where it landed.
      wrapped[last] = wrapped[last]!.replace(new RegExp(`${ruleId}$`), paint('dim', ruleId));
      lines.push(...wrapped.map((line, i) => (i === 0 ? head : ' '.repeat(messageColumn)) + line));
    }
    lines.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `✖ ${counted(total, 'problem')} (${counted(errors, 'error')}, ${counted(warnings, 'warning')})`;
  lines.push(...fitted(summary, '', options.width).map((line) => paint(errors > 0 ? 'red' : 'yellow', line)));
  if (fixable > 0) lines.push(...fitted(`${counted(fixable, 'problem')} potentially fixable with the \`--fix\` option.`, '  ', options.width));
  return `${lines.join('\n')}\n`;
}

/** A totals line after `indent`, wrapped within `width` (each line indented alike) when there is one, as the rows are. */
function fitted(text: string, indent: string, width: number | undefined): string[] {
  const room = width === undefined ? Infinity : Math.max(10, width - indent.length);
  return (text.length <= room ? [text] : wrapText(text, room).split('\n')).map((line) => indent + line);
}
