import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/issue-formerly.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

/** cleanIssue numbered `number`, its `formerly` as written. */
function renumbered(number: number, formerly: string): string {
  return cleanIssue({ number }).replace(`number: ${number}\n`, `number: ${number}\nformerly: ${formerly}\n`);
}

test('issue-formerly: old numbers no issue has now, each in one issue, pass', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': renumbered(5, '[3, 4]'), 'b.md': cleanIssue({ number: 1 }), 'c.md': renumbered(6, '[2]') }), []);
});

test("issue-formerly: a number another issue has now (a draft's too) is reported at the number, naming that issue's file", async () => {
  const messages = await lintWith([rule], { 'a.md': renumbered(5, '[1, 3]'), 'b.md': cleanIssue({ number: 3, status: 'draft' }), 'c.md': cleanIssue({ number: 1 }) });
  assert.deepEqual(places(messages), ['issue-formerly 3:12', 'issue-formerly 3:15']);
  assert.match(messages[0]!.message, /^Unexpected `formerly` 1: issue 1 is c\.md now, whose page keeps issues\/1\/, expected a number no issue has now/);
  assert.match(messages[1]!.message, /issue 3 is b\.md now/);
});

test("issue-formerly: the issue's own number, and an old number an issue numbered before already names, are reported", async () => {
  const own = await lintWith([rule], { 'a.md': renumbered(5, '[5]') });
  assert.deepEqual(own.map((message) => [message.ruleId, message.line, message.column, message.message]), [['issue-formerly', 3, 12, "Unexpected `formerly` 5, the issue's own number, expected a number it was published under before"]]);
  const issues = { 'b.md': renumbered(7, '[2]'), 'c.md': renumbered(6, '[2]') };
  const later = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(later.map((message) => [message.ruleId, message.line, message.column, message.message]), [['issue-formerly', 3, 12, "Unexpected `formerly` 2, also in c.md's, expected each old number in one issue's (issues/2/ leads to that one)"]]);
  assert.deepEqual(await lintWith([rule], issues, { target: 'c.md' }), [], 'the issue numbered first keeps it');
});
