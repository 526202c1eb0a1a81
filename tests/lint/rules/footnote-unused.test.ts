import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/footnote-unused.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('footnote-unused: referenced definitions pass', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body: 'Intro[^a].\n\n[^a]: A note.' }) }), []);
});

test('footnote-unused: a definition referenced only from another text is unused in its own', async () => {
  const text = cleanIssueWithMarkdown({ opinion: 'Good.\n\n[^a]: An opinion note.' }, { body: 'Intro[^a].\n\n[^a]: A body note.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['footnote-unused 20:7']);
  assert.equal(messages[0]!.message, 'Unexpected unused footnote definition `[^a]`, expected a reference `[^a]` in the same opinion');
});
