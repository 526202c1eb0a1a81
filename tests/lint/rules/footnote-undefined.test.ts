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

test('footnote-undefined: a reference defined only in another text is reported in its own, naming the text and line that define it', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth.\nEmergence[^1] is a mirage.' }, { body: 'Intro.\n\n[^1]: A body note.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['footnote-undefined 17:16']);
  assert.equal(messages[0]!.message, 'Unexpected footnote reference `[^1]` whose label `1` is defined only in the body (line 24), expected a line `[^1]: …` in the same summary: each text has its own');
  assert.equal(`${messages[0]!.endLine}:${messages[0]!.endColumn}`, '17:20');
});

test('footnote-undefined: a reference in an opinion whose footnote the same paper\'s summary defines names the summary and its line', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth.\n\n[^1]: Exact match.', opinion: 'Convincing[^1].' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((message) => message.message),
    ['Unexpected footnote reference `[^1]` whose label `1` is defined only in the summary of paper 1 (line 18), expected a line `[^1]: …` in the same opinion: each text has its own'],
  );
});

test('footnote-undefined: a reference no text defines says only that it has no definition', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ opinion: 'Convincing[^2].' }) });
  assert.deepEqual(
    messages.map((message) => message.message),
    ['Unexpected footnote reference `[^2]` with no definition, expected a line `[^2]: …` in the same opinion'],
  );
});
