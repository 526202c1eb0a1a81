import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth } from '../../src/render/text/index.js';
import { renderAll, rootWith } from '../helpers/render.js';

/**
 * SPEC: the plaintext is wrapped at 72 columns. A line whose first line
 * has a prefix of another width than the lines under it (a title's `1. `
 * over a hanging indent of three, a review proof's `- ` over two) is
 * filled to 72 columns, not to 72 less the widest prefix.
 */

const TITLE_72 = 'Towards Monosemanticity: Decomposing Language Models Using Dictionary';

function issue(fields: { title: string; extra?: string; summary?: string }): string {
  return `---
number: 1
title: Widths
date: 2024-01-31
papers:
  - title: ${JSON.stringify(fields.title)}
    url: https://example.org/p
    authors: [Chris Olah, Trenton Bricken, Adly Templeton, Joshua Batson, Brian Chen, Adam Jermyn]
    venue: Transformer Circuits Thread
    year: 2023
    summarizer: Rohin Shah and the rest of the team of the newsletter, with thanks
${fields.extra ?? ''}    summary: |
${(fields.summary ?? 'A summary.').replace(/^/gm, '      ')}
---

Intro.
`;
}

test('plaintext email: a paper title that with its number is 70 to 72 columns stays on one line (it wrapped three columns early)', async () => {
  for (const cut of [2, 1, 0]) {
    const title = TITLE_72.slice(0, TITLE_72.length - cut);
    const { root } = await rootWith({ '0001-a.md': issue({ title }) });
    const { text } = await renderAll(root, '1');
    const line = `1. ${title}`;
    assert.equal(displayWidth(line), 72 - cut);
    assert.ok(text.split('\n').includes(line), `the title of ${72 - cut} columns on one line:\n${text.slice(0, 400)}`);
  }
});

test('plaintext review proof: a lint message of 72 columns after its "- " stays on one line', async () => {
  const message = 'Unexpected "teh" in the summary, expected "them".';
  const { root } = await rootWith({ '0001-a.md': issue({ title: 'Short' }) });
  const { text } = await renderAll(root, '1', { review: { warnings: [{ line: 3, column: 5, severity: 'warning', message, ruleId: 'spell' }] } });
  const line = `- 3:5 warning: ${message} (spell)`;
  assert.equal(displayWidth(line), 72);
  assert.ok(text.split('\n').includes(line), text.slice(0, 400));
});

test('plaintext email: titles, source lines, "Summarized by", list items, quotes, footnotes and headings keep within 72 columns after their own prefix', async () => {
  const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau';
  const summary = `## A heading of ${words}

- A list item of ${words} ${words}
  1. A nested item of ${words} 日本語の文章 ${words}

> A quote of ${words} ${words}

A note.[^n]

[^n]: A footnote of ${words} 😀 ${words}`;
  const { root } = await rootWith({ '0001-a.md': issue({ title: `A title of ${words} and more`, summary }) });
  const { text } = await renderAll(root, '1');
  const over = text.split('\n').filter((line) => displayWidth(line) > 72 && !/https?:\/\//.test(line));
  assert.deepEqual(over, []);
  for (const probe of ['A list item', 'A nested item', 'A quote', 'A footnote', 'Summarized by', 'Chris Olah', 'A heading of']) assert.ok(text.includes(probe), probe);
});
