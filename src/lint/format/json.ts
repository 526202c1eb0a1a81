import type { FileResult } from '../types.js';

/** ESLint's JSON formatter shape, so editors and CI tools can read paperboy's diagnostics. */
export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(
    results.map((result) => ({
      filePath: result.path,
      messages: result.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity === 'error' ? 2 : 1,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.fix ? { fix: m.fix } : {}),
      })),
      suppressedMessages: [],
      errorCount: result.errorCount,
      fatalErrorCount: 0,
      warningCount: result.warningCount,
      fixableErrorCount: result.fixableErrorCount,
      fixableWarningCount: result.fixableWarningCount,
      ...(result.output === undefined ? {} : { output: result.output }),
      usedDeprecatedRules: [],
    })),
  );
}
