import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/no-trailing-spaces.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

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

test('no-trailing-spaces: --fix keeps a hard line break of the body, written as a backslash', async () => {
  const text = cleanIssue({ body: 'First line  \nsecond line' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:11']);
  assert.equal(messages[0]!.message, 'Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line');
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'First line\\\nsecond line' }));
});

test('no-trailing-spaces: --fix keeps a hard line break inside a summary block, written as a backslash', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth metrics:   \nsmooth scaling.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 16:22']);
  assert.equal(applyFixes(text, messages).text, cleanIssueWithMarkdown({ summary: 'Smooth metrics:\\\nsmooth scaling.' }));
});

test('no-trailing-spaces: spaces at the end of a paragraph are no break, and --fix removes them', async () => {
  const text = cleanIssue({ body: 'One paragraph.  \n\nAnother.  ' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:15', 'no-trailing-spaces 23:9']);
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'One paragraph.\n\nAnother.' }));
});

test('no-trailing-spaces: with unreadable frontmatter, two trailing spaces that may be a break are reported without a fix', async () => {
  const text = cleanIssue({ body: 'First line  \nsecond line' }).replace('number: 1', 'number: [1');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:11']);
  assert.equal(messages[0]!.fix, undefined);
  assert.match(messages[0]!.message, /end the line with `\\`/);
});

test('no-trailing-spaces: a whitespace-only line is emptied', async () => {
  const text = cleanIssue({ body: 'One.\n   \nTwo.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 22:1']);
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'One.\n\nTwo.' }));
});
