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

test('footnote-unused: a note whose call a bare URL took into its address says so, with the URL in angle brackets to write', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'The code is at https://github.com/org/repo[^1]. More text.\n\n[^1]: Released under MIT.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.equal(messages.length, 1);
  assert.equal(
    messages[0]!.message,
    'Unexpected footnote definition `[^1]` never shown: its call was read as part of the bare URL `https://github.com/org/repo` before it, expected the URL in angle brackets before the call, `<https://github.com/org/repo>[^1]`',
  );
  // The fix it gives is one: the note is referenced, and nothing is reported.
  const fixed = cleanIssueWithMarkdown({ summary: 'The code is at <https://github.com/org/repo>[^1]. More text.\n\n[^1]: Released under MIT.' });
  assert.deepEqual(await lintWith([rule], { 'a.md': fixed }), []);
});

test('footnote-unused: a call after a bare URL that ends a sentence keeps its full stop outside the angle brackets', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'See https://example.org/code_(v2).[^n] Then more.\n\n[^n]: A note.' });
  const [message] = await lintWith([rule], { 'a.md': text });
  assert.ok(message!.message.endsWith('expected the URL in angle brackets before the call, `<https://example.org/code_(v2)>.[^n]`'), message!.message);
  const fixed = cleanIssueWithMarkdown({ summary: 'See <https://example.org/code_(v2)>.[^n] Then more.\n\n[^n]: A note.' });
  assert.deepEqual(await lintWith([rule], { 'a.md': fixed }), []);
});
