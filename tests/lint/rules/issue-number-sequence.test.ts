import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/issue-number-sequence.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

const issuesNumbered = (...numbers: number[]) => Object.fromEntries(numbers.map((n) => [`${n}.md`, cleanIssue({ number: n })]));

test('issue-number-sequence: consecutive numbers, drafts included, have no message', async () => {
  const issues = { ...issuesNumbered(1, 3), '2.md': cleanIssue({ number: 2, status: 'draft' }) };
  assert.deepEqual(await lintWith([rule], issues, { target: '3.md' }), []);
});

test('issue-number-sequence: a gap is reported at the number after it', async () => {
  const messages = await lintWith([rule], issuesNumbered(1, 2, 4), { target: '4.md' });
  assert.deepEqual(places(messages), ['issue-number-sequence 2:9']);
  assert.equal(messages[0]!.message, 'Unexpected gap in issue numbers: 3 is missing, expected 4 to follow 2');
});

test('issue-number-sequence: a wider gap names the range', async () => {
  const [message] = await lintWith([rule], issuesNumbered(1, 5), { target: '5.md' });
  assert.match(message!.message, /2–4 are missing/);
});

test('issue-number-sequence: the issue before a gap is not reported', async () => {
  assert.deepEqual(await lintWith([rule], issuesNumbered(1, 2, 4), { target: '2.md' }), []);
});

test('issue-number-sequence: a number not written as digits (`1e3`) is not read, so no gap is reported in the number YAML made of it', async () => {
  const issues = { ...issuesNumbered(1, 2), '3.md': cleanIssue({ number: 3 }).replace('number: 3', 'number: 1e3') };
  assert.deepEqual(await lintWith([rule], issues, { target: '3.md' }), []);
});

test('issue-number-sequence: a file whose number cannot be read holds the number its name starts with: no gap is claimed there', async () => {
  const issues = { '0006-a.md': cleanIssue({ number: 6 }), '0007-b.md': cleanIssue({ number: 7 }).replace('number: 7', 'number: [7'), '0008-c.md': cleanIssue({ number: 8 }), '0010-d.md': cleanIssue({ number: 10 }) };
  assert.deepEqual(await lintWith([rule], issues, { target: '0008-c.md' }), []);
  const [message] = await lintWith([rule], issues, { target: '0010-d.md' });
  assert.equal(message!.message, 'Unexpected gap in issue numbers: 9 is missing, expected 10 to follow 8');
});

test('issue-number-sequence: a number an issue was renumbered from (`formerly`) is no gap: its address leads to that issue', async () => {
  const renumbered = cleanIssue({ number: 4 }).replace('number: 4\n', 'number: 4\nformerly: [3]\n');
  assert.deepEqual(await lintWith([rule], { 'd.md': renumbered, 'a.md': cleanIssue({ number: 1 }), 'b.md': cleanIssue({ number: 2 }) }), []);
});
