import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/issue-number-unique.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('issue-number-unique: distinct numbers pass', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ number: 1 }), 'b.md': cleanIssue({ number: 2 }) }), []);
});

test('issue-number-unique: a number used twice is reported at the number, naming the other file', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ number: 3 }), 'b.md': cleanIssue({ number: 3 }) });
  assert.deepEqual(places(messages), ['issue-number-unique 2:9']);
  assert.match(messages[0]!.message, /also used by b\.md/);
});
