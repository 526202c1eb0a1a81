import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson } from '../../../src/lint/format/json.js';
import type { FileResult } from '../../../src/lint/types.js';

test('json format: severity is ESLint\'s number, 2 for an error and 1 for a warning, with counts and end positions', () => {
  const result: FileResult = {
    path: 'issues/a.md',
    messages: [
      { ruleId: 'yaml-syntax', severity: 'error', message: 'E', line: 1, column: 2, endLine: 3, endColumn: 4 },
      { ruleId: 'no-bare-url', severity: 'warning', message: 'W', line: 5, column: 6, endLine: 5, endColumn: 9 },
    ],
    errorCount: 1,
    warningCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  const [file] = JSON.parse(formatJson([result])) as { messages: { severity: number; endLine: number; endColumn: number }[]; errorCount: number; warningCount: number }[];
  assert.deepEqual(file!.messages.map((m) => [m.severity, m.endLine, m.endColumn]), [[2, 3, 4], [1, 5, 9]]);
  assert.deepEqual([file!.errorCount, file!.warningCount], [1, 1]);
});
