import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/no-trailing-spaces.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('no-trailing-spaces: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('no-trailing-spaces: spaces and tabs at line ends are reported where they start, and fixed', async () => {
  const text = cleanIssue().replace('title: Emergence mirages\n', 'title: Emergence mirages \t\n').replace('Welcome to the first issue.', 'Welcome to the first issue.\t');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 3:25', 'no-trailing-spaces 21:28']);
  assert.equal(messages[0]!.message, 'Unexpected trailing whitespace, expected none');
  assert.equal(applyFixes(text, messages).text, cleanIssue());
});

test('no-trailing-spaces: a Markdown hard break is reported too, suggesting a backslash', async () => {
  const text = cleanIssue({ body: 'First line  \nsecond line' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:11']);
  assert.match(messages[0]!.message, /end the line with `\\`/);
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'First line\nsecond line' }));
});

test('no-trailing-spaces: a whitespace-only line is emptied', async () => {
  const text = cleanIssue({ body: 'One.\n   \nTwo.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 22:1']);
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'One.\n\nTwo.' }));
});
