import { oneLine } from '../diagnostics/one-line.js';
import type { Fix, LintMessage, Report, Severity } from './types.js';

/**
 * A rule's report as a message of the rule's id and severity, with `fix`:
 * the report's, moved to the file as written (`writtenEdits`). A report may
 * lower its rule's default severity, never raise it, nor lower one the
 * config set (`configured`, see ActiveRule).
 */
export function toLintMessage(ruleId: string, severity: Severity, report: Omit<Report, 'fix'>, fix?: Fix, configured = false): LintMessage {
  const { start, end } = report.position;
  const lowered = report.severity === 'warning' && !configured ? 'warning' : severity;
  const message: LintMessage = { ruleId, severity: lowered, message: oneLine(report.message), line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  if (fix) message.fix = fix;
  return message;
}

/** File order: by line, then column, then rule id. */
export function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
