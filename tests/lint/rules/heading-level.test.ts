import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/heading-level.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('heading-level: headings in the body pass', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body: '# Welcome\n\n## This month\n\nText.' }) }), []);
});

test('heading-level: headings in an opinion and in notes are reported', async () => {
  const text = cleanIssueWithMarkdown({ opinion: 'Good.\n\n## Caveats\n\nSome.', notes: 'Setext\n---' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['heading-level 20:7', 'heading-level 24:7']);
  assert.equal(messages[0]!.message, 'Unexpected heading in an opinion, expected text without `#` headings (try a **bold** lead-in)');
  assert.match(messages[1]!.message, /in the notes/);
});
