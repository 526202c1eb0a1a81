import type { Fix, LintMessage, Report, Severity } from './types.js';

/** A rule's report as a message of the rule's id and severity, with `fix`: the report's, moved to the file as written (`writtenEdits`). */
export function toLintMessage(ruleId: string, severity: Severity, report: Omit<Report, 'fix'>, fix?: Fix): LintMessage {
  const { start, end } = report.position;
  // A report may lower its rule's severity, never raise it (see Report.severity).
  const lowered = report.severity === 'warning' ? 'warning' : severity;
  const message: LintMessage = { ruleId, severity: lowered, message: oneLine(report.message), line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  if (fix) message.fix = fix;
  return message;
}

/** How long a quote of the source may be, in UTF-16 code units, before its middle gives way to `…`. */
const MAX_QUOTE = 80;

/**
 * A message on one line, whatever a rule quotes of the source: a line break
 * in it is shown as `⏎` (a row of `lint`'s columns, a `file:line:col`
 * diagnostic and an editor's problem list are all one line a message), and a
 * quote (a code span: `` `…` ``) longer than `MAX_QUOTE` characters keeps its start and
 * end around a `…`. Every rule's messages pass here, so none has to mind it.
 */
export function oneLine(message: string): string {
  return message.replace(/(`+)([\s\S]*?)\1/g, (_, ticks: string, quote: string) => `${ticks}${shortened(quote.replace(/\r\n|\r|\n/g, '⏎'))}${ticks}`).replace(/\r\n|\r|\n/g, '⏎');
}

/** Cut between characters, never inside a surrogate pair. */
function shortened(quote: string): string {
  const chars = [...quote];
  if (chars.length <= MAX_QUOTE) return quote;
  const head = Math.ceil((MAX_QUOTE - 1) * 0.7);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (MAX_QUOTE - 1 - head)).join('')}`;
}

/** File order: by line, then column, then rule id. */
export function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
