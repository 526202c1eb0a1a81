/** What one line says of a diagnostic: where, how bad, what, and which rule (none for a non-rule warning). */
export interface LineDiagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  ruleId?: string | undefined;
}

/**
 * `issues/0001-a.md:12:10  error  Unexpected …  paper-url`, with a final
 * newline: one diagnostic, where an editor (or an editor's jump-to) finds
 * it. What the dev server's preview shows, and a warning of its own line
 * (a template's unread file); `render`, `send` and `build` print a block
 * of them as lint's aligned rows (stylish.ts `diagnosticRows`).
 */
export function diagnosticLine(path: string, diagnostic: LineDiagnostic): string {
  const rule = diagnostic.ruleId === undefined ? '' : `  ${diagnostic.ruleId}`;
  return `${path}:${diagnostic.line}:${diagnostic.column}  ${diagnostic.severity}  ${diagnostic.message}${rule}\n`;
}
