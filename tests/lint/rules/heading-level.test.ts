import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/heading-level.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('heading-level: headings of level 2 and deeper in the body pass', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body: '## This month\n\nText.\n\n### Details\n\nMore.' }) }), []);
});

test('heading-level: a level-1 heading in the body, ATX or setext, is reported: the issue title is the one h1 of the email and its page', async () => {
  const text = cleanIssue({ body: '# Welcome\n\nText.\n\nAlso welcome\n===\n\n## Fine' });
  const messages = await lintWith([rule], { 'a.md': text });
  const line = (needle: string) => text.split('\n').findIndex((row) => row.startsWith(needle)) + 1;
  assert.deepEqual(places(messages), [`heading-level ${line('# Welcome')}:1`, `heading-level ${line('Also welcome')}:1`]);
  assert.equal(messages[0]!.message, "Unexpected level-1 heading in the body, expected `##` or deeper: the issue's title is its one level-1 heading");
});

test('heading-level: headings in an opinion and in notes are reported', async () => {
  const text = cleanIssueWithMarkdown({ opinion: 'Good.\n\n## Caveats\n\nSome.', notes: 'Setext\n---' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['heading-level 20:7', 'heading-level 24:7']);
  assert.equal(messages[0]!.message, 'Unexpected heading in an opinion, expected text without headings (try a **bold** lead-in)');
  assert.equal(messages[1]!.message, 'Unexpected heading in the notes, expected text without headings (try a **bold** lead-in, or a blank line above a `---` rule)', 'a setext heading has no `#` to name');
});

test('heading-level: a `# ` line right under a paragraph\'s line, prose wrapped before a `#`, is said to be that line, with the `\\#` that keeps it text', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'The number of parameters grows, and the\n# of tokens grows too.' }, { body: 'We count the\n# of papers.\n\n## This month\nText.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => m.message),
    [
      'Unexpected heading `# of tokens grows too.` in a summary, a line right under a paragraph\'s, expected `\\# of tokens grows too.` if the `#` is text (or a **bold** lead-in)',
      'Unexpected level-1 heading `# of papers.` in the body, a line right under a paragraph\'s, expected `\\# of papers.` if the `#` is text (or `##` or deeper after a blank line: the issue\'s title is its one level-1 heading)',
    ],
  );
});
