import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStylish } from '../../src/lint/format/stylish.js';
import mathSyntax from '../../src/lint/rules/math-syntax.js';
import { cleanIssueWithMarkdown, lintWith } from '../helpers/fixture.js';

test('a message quoting source that spans lines is one line: each line break shown as ⏎, the columns of stylish kept', async () => {
  const summary = 'The API costs $0.01 per call.\nPrices drop from $20 to $5.';
  const messages = await lintWith([mathSyntax], { 'a.md': cleanIssueWithMarkdown({ summary }) });
  assert.ok(messages.length > 0);
  assert.ok(messages.some((m) => m.message.includes('⏎')), messages.map((m) => m.message).join('\n'));
  for (const m of messages) assert.doesNotMatch(m.message, /[\r\n]/);
  const errorCount = messages.filter((m) => m.severity === 'error').length;
  const printed = formatStylish([{ path: '/r/a.md', messages, errorCount, warningCount: messages.length - errorCount, fixableErrorCount: 0, fixableWarningCount: 0 }], { cwd: '/r', color: false });
  // One row per message, a blank line, the totals.
  assert.equal(printed.trimEnd().split('\n').length, messages.length + 2);
});
