import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/link-reference-undefined.js';
import { cleanIssueWithMarkdown, lintWith } from '../../helpers/fixture.js';

const messagesOf = async (text: string) => (await lintWith([rule], { 'a.md': text })).map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.message}`);

test('link-reference-undefined: references defined in their own text pass, labels matched as CommonMark matches them, and brackets of prose are text', async () => {
  const text = cleanIssueWithMarkdown(
    { summary: 'As [the *good* paper][P] shows, and [p][] and [ P ].\n\n[p]: https://example.com/paper', opinion: 'A remark [sic], a citation [1] and a [ ] box.' },
    { body: 'Intro [the\nnotes][My  Label].\n\n<!-- papers -->\n\n[my label]: https://example.com/notes' },
  );
  assert.deepEqual(await messagesOf(text), []);
});

test('link-reference-undefined: a reference whose definition is in another text of the issue is reported in its own, naming where the definition is', async () => {
  const text = cleanIssueWithMarkdown(
    { summary: 'Smooth.\n\n[p]: https://example.com/paper', opinion: 'As [the paper][p] shows, and [P][] and [p].' },
    { body: 'Intro uses [the paper][p] too.' },
  );
  const elsewhere = 'is defined only in the summary of paper 1 (line 18), expected a definition `[p]: …` in the same';
  assert.deepEqual(await messagesOf(text), [
    `20:10-20:24 error Unexpected link reference \`[the paper][p]\` whose label \`p\` ${elsewhere} opinion: each text has its own`,
    `20:36-20:41 error Unexpected link reference \`[P][]\` whose label \`P\` is defined only in the summary of paper 1 (line 18), expected a definition \`[P]: …\` in the same opinion: each text has its own`,
    `20:46-20:49 error Unexpected link reference \`[p]\` whose label \`p\` ${elsewhere} opinion: each text has its own (or \`\\[p]\` if the brackets are text)`,
    `23:12-23:26 error Unexpected link reference \`[the paper][p]\` whose label \`p\` ${elsewhere} body: each text has its own`,
  ]);
});

test('link-reference-undefined: a full or collapsed reference defined nowhere is reported, an image\'s too; a shortcut defined nowhere is prose', async () => {
  const text = cleanIssueWithMarkdown({ opinion: 'See [the paper][nothing], [q][] and ![a figure][fig], or [q].' });
  assert.deepEqual(await messagesOf(text), [
    '18:11-18:31 error Unexpected link reference `[the paper][nothing]` with no definition, expected a line `[nothing]: …` in the same opinion',
    '18:33-18:38 error Unexpected link reference `[q][]` with no definition, expected a line `[q]: …` in the same opinion',
    '18:43-18:59 error Unexpected image reference `![a figure][fig]` with no definition, expected a line `[fig]: …` in the same opinion',
  ]);
});

test('link-reference-undefined: code, math, escaped brackets, links and footnote references are not references', async () => {
  const text = cleanIssueWithMarkdown(
    { summary: 'Smooth.\n\n[p]: https://example.com/paper', opinion: 'Not `[x][p]`, $[a][p]$, \\[the paper]\\[p], \\[p], [^1], [a link](https://x.org).\n\n```\n[the paper][p]\n```' },
    { body: '$$\n[a][p]\n$$' },
  );
  assert.deepEqual(await messagesOf(text), []);
});

test('link-reference-undefined: a definition written on the line right after a paragraph (or a footnote) is named, with the blank line it needs', async () => {
  const text = cleanIssueWithMarkdown(
    { summary: 'We read [the paper][p] closely.\n[p]: https://example.com/paper', opinion: 'See [q] here.\n[q]: https://example.com/q' },
    { body: 'Intro [a ref][br] and a note.[^c]\n\n[^c]: The note.\n[br]: https://example.com/b\n\n    [code]: https://example.com/c' },
  );
  assert.deepEqual(await messagesOf(text), [
    '16:15-16:29 error Unexpected link reference `[the paper][p]` whose definition `[p]: …` (line 17) continues the paragraph above it, so it is text, expected a blank line before it',
    '19:11-19:14 error Unexpected link reference `[q]` whose definition `[q]: …` (line 20) continues the paragraph above it, so it is text, expected a blank line before it',
    '23:7-23:18 error Unexpected link reference `[a ref][br]` whose definition `[br]: …` (line 26) continues the paragraph above it, so it is text, expected a blank line before it',
  ]);
});
