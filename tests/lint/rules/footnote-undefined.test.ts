import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/footnote-undefined.js';
import { cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('footnote-undefined: references defined in their own text pass', async () => {
  const text = cleanIssueWithMarkdown(
    { summary: 'Emergence[^1] is smooth.\n\n[^1]: Exact match.' },
    { body: 'Intro[^Note].\n\n<!-- papers -->\n\nOutro, and a literal \\[^x].\n\n[^note]: Defined after the marker.' },
  );
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
});

test('footnote-undefined: a reference defined only in another text is reported in its own', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth.\nEmergence[^1] is a mirage.' }, { body: 'Intro.\n\n[^1]: A body note.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['footnote-undefined 17:16']);
  assert.equal(messages[0]!.message, 'Unexpected footnote reference `[^1]` with no definition, expected a line `[^1]: …` in the same summary');
  assert.equal(`${messages[0]!.endLine}:${messages[0]!.endColumn}`, '17:20');
});
