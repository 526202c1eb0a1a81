import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/date-valid.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('date-valid: a real date, a leap day included, has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ date: '2024-02-29' }) }), []);
});

test('date-valid: a day past the end of the month is reported at the date', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ date: '2023-02-30' }) });
  assert.deepEqual(places(messages), ['date-valid 4:7']);
  assert.equal(messages[0]!.message, 'Unexpected date `2023-02-30` (February 2023 has 28 days), expected a real calendar date');
  assert.equal(messages[0]!.severity, 'error');
});

test('date-valid: month 13 is reported', async () => {
  const [message] = await lintWith([rule], { 'a.md': cleanIssue({ date: '2023-13-01' }) });
  assert.match(message!.message, /there is no month 13/);
});

test('date-valid: a date of the wrong shape is left to frontmatter-schema', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ date: '29 May 2023' }) }), []);
});
