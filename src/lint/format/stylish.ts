
import { styleText } from 'node:util';
import { counted } from '../../render/format.js';
import { wrapText } from '../../render/text/index.js';
import type { FileResult } from '../types.js';
import { append } from '../../arrays.js';
import type { LineDiagnostic } from './diagnostic-line.js';
import { shownPath } from '../../path-within.js';

/** One message as its row prints it: `file:line:column`, severity, message, rule id. */
type Row = readonly [place: string, severity: string, message: string, ruleId: string];

/**
 * The widths of the place, severity and message columns, in UTF-16 code
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

/** Below this many columns left for a message beside its place, the message goes under it (a long file name on a narrow terminal). */
const NARROWEST_MESSAGE_COLUMN = 20;

/** How far a message put under its place is indented. */
const UNDER_INDENT = '    ';

type Paint = (style: Parameters<typeof styleText>[0], text: string) => string;

/** One file's rows, its columns as wide as their longest entry; with `width`, wrapped as `formatStylish` says. */
function fileRows(rows: readonly Row[], paint: Paint, width: number | undefined): string[] {
  const lines: string[] = [];
  const [placeWidth, severityWidth, messageWidth] = columnWidths(rows);
  const messageColumn = placeWidth + 2 + severityWidth + 2;
  for (const [place, severity, message, ruleId] of rows) {
    const label = (padded: boolean) => paint(severity === 'error' ? 'red' : 'yellow', padded ? severity.padEnd(severityWidth) : severity);
    const head = `${paint('dim', place.padEnd(placeWidth))}  ${label(true)}  `;
    if (width === undefined || messageColumn + messageWidth + 2 + ruleId.length <= width) {
      lines.push(`${head}${message.padEnd(messageWidth)}  ${paint('dim', ruleId)}`);
      continue;
    }
    const beside = width - messageColumn >= NARROWEST_MESSAGE_COLUMN;
    const indent = beside ? ' '.repeat(messageColumn) : UNDER_INDENT;
    const wrapped = wrapText(`${message}  ${ruleId}`, Math.max(10, width - indent.length)).split('\n');
    const last = wrapped.length - 1;
    // The rule id is the last word: dimmed where it landed.
    wrapped[last] = wrapped[last]!.replace(new RegExp(`${ruleId}$`), paint('dim', ruleId));
    if (!beside) lines.push(`${paint('dim', place)}  ${label(false)}`);
    wrapped.forEach((line, i) => lines.push((beside && i === 0 ? head : indent) + line));
  }
  return lines;
}

export interface StylishOptions {
  /** Where the command ran: files are named from there. */
  cwd: string;
  color: boolean;
  /** The terminal's width in columns, when the output is one. */
  width?: number;
  /** The screen names the one file it shows (`preview --watch`): rows are `line:column`, which a narrow terminal would otherwise cut. */
  oneFile?: boolean;
}

/**
 * SPEC's diagnostic line, `file:line:column  severity  message  rule-id`
 * (the file relative to `cwd`: a place editors and terminals open), one
 * message a line, a file's columns aligned and a blank line after its
 * messages, then ESLint's totals. With `width`
 * (a terminal, the watch screen, which cuts what passes its edge), a
 * message too long for its row wraps within its own column, the rule id
 * after its last line, so the columns stay aligned; when the place leaves
 * it fewer than 20 columns, the message wraps under its place, indented.
 */
export function formatStylish(results: readonly FileResult[], options: StylishOptions): string {
  const paint: Paint = (style, text) => (options.color ? styleText(style, text) : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    fixable += result.fixableErrorCount + result.fixableWarningCount;
    if (result.messages.length === 0) continue;
    const file = options.oneFile ? '' : `${shownPath(result.path, options.cwd)}:`;
    // One push a line: spreading 200,000 rows into one call overflows the stack (above).
    for (const line of fileRows(result.messages.map((m): Row => [`${file}${m.line}:${m.column}`, m.severity, m.message, m.ruleId]), paint, options.width)) lines.push(line);
    lines.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `✖ ${counted(total, 'problem')} (${counted(errors, 'error')}, ${counted(warnings, 'warning')})`;
  append(lines, fitted(summary, '', options.width).map((line) => paint(errors > 0 ? 'red' : 'yellow', line)));
  if (fixable > 0) append(lines, fitted(`${counted(fixable, 'problem')} potentially fixable with the \`--fix\` option.`, '  ', options.width));
  return `${lines.join('\n')}\n`;
}

/**
 * Diagnostics of one file as `paperboy lint` prints its rows (`path:line:column`,
 * severity, message, rule id; each column as wide as its longest entry),
 * without colour, wrapping or totals: what `render`, `send` and `build`
 * print on stderr, one line each with its newline, in the order given.
 * A line of a diagnostic without a rule ends at its message.
 */
export function diagnosticRows(path: string, diagnostics: readonly LineDiagnostic[]): string {
  const rows = diagnostics.map((d): Row => [`${path}:${d.line}:${d.column}`, d.severity, d.message, d.ruleId ?? '']);
  return fileRows(rows, (_style, text) => text, undefined)
    .map((line) => `${line.trimEnd()}\n`)
    .join('');
}

/** A totals line after `indent`, wrapped within `width` (each line indented alike) when there is one, as the rows are. */
function fitted(text: string, indent: string, width: number | undefined): string[] {
  const room = width === undefined ? Infinity : Math.max(10, width - indent.length);
  return (text.length <= room ? [text] : wrapText(text, room).split('\n')).map((line) => indent + line);
}
