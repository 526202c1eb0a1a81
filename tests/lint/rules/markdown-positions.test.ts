import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rules } from '../../../src/lint/rules/index.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, spanOf } from '../../helpers/fixture.js';

test('Markdown-node rules span exactly the construct they report, start and end, in the body and in a summary', async () => {
  const body = [
    'Intro with <b>raw</b> HTML, a bare https://a.example/x_y and an [](https://b.example) link.',
    '',
    '- A [linkless]() item with ![](https://c.example/i.png) in a list.',
    '',
    '> Quoted \\* text then www.d.example/p here.',
    '',
    '[^u]: An unused note.',
  ].join('\n');
  const summary = 'Scores:\n\n## A heading\n\n| a | b |\n| - | - |\n| 1 | 2 | 3 |\n\nLoss $\\frac{1}{2$ here.';
  const text = cleanIssueWithMarkdown({ summary }, { body });
  const ids = ['no-raw-html', 'no-bare-url', 'link-text-empty', 'no-empty-link-url', 'image-alt-required', 'footnote-unused', 'heading-level', 'table-cell-count', 'math-syntax'];
  const messages = (await lintWith(rules, { 'a.md': text })).filter((m) => ids.includes(m.ruleId));
  const spans = Object.fromEntries(ids.map((id) => [id, messages.filter((m) => m.ruleId === id).map((m) => spanOf(text, m))]));
  assert.deepEqual(spans, {
    'no-raw-html': ['<b>', '</b>'],
    'no-bare-url': ['https://a.example/x_y', 'www.d.example/p'],
    'link-text-empty': ['[](https://b.example)'],
    'no-empty-link-url': ['[linkless]()'],
    'image-alt-required': ['![](https://c.example/i.png)'],
    'footnote-unused': ['[^u]: An unused note.'],
    'heading-level': ['## A heading'],
    'table-cell-count': ['| 3 |'],
    'math-syntax': ['$\\frac{1}{2$'],
  });
});

test('what rules report in a double-quoted summary is at its place in the file, after escapes, folded lines and escaped line breaks', async () => {
  const summary = String.raw`    summary: "Scores\u00e9\t\x41 \"q\" \\ \U0001F600 and\n\nsee <b>raw</b>,\
      \ a bare https://a.example/x_y

      and TODO here."
`;
  const text = cleanIssue().replace(/^ {4}summary: \|\n(?: {6}.*\n)*/m, () => summary);
  const ids = ['no-raw-html', 'no-bare-url', 'no-placeholder'];
  const messages = (await lintWith(rules, { 'a.md': text })).filter((m) => ids.includes(m.ruleId));
  assert.deepEqual(
    messages.map((m) => `${m.ruleId} ${spanOf(text, m)}`),
    ['no-raw-html <b>', 'no-raw-html </b>', 'no-bare-url https://a.example/x_y', 'no-placeholder TODO'],
  );
});
