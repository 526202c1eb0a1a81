import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStylish } from '../../src/lint/format/stylish.js';
import { oneLine } from '../../src/lint/messages.js';
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
  // The file's name, one row per message, a blank line, the totals.
  assert.equal(printed.trimEnd().split('\n').length, 1 + messages.length + 2);
});

test('a long quote in a message keeps its start and end around …; short quotes and the words around them are as written', () => {
  const long = `${'a'.repeat(60)}${'b'.repeat(60)}`;
  const shortened = oneLine(`Unexpected math \`${long}\`, expected \`\\$\``);
  assert.match(shortened, /^Unexpected math `a{56}…b{23}`, expected `\\\$`$/);
  assert.equal(oneLine('Unexpected `` ` `` here'), 'Unexpected `` ` `` here');
  // Cut between characters: no half of an emoji's surrogate pair is left alone.
  assert.doesNotMatch(oneLine(`Unexpected \`${'😀'.repeat(100)}\``), /[\uD800-\uDFFF]/u);
});
