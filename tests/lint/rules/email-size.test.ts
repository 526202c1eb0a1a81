import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/email-size.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

const paper = (i: number, words: number) => `  - title: Paper number ${i}
    url: https://arxiv.org/abs/2304.${String(10000 + i)}
    summary: |
      ${'A sentence of a long summary, with [a link](https://example.org/x) in it. '.repeat(words / 14)}
    opinion: |
      An opinion.
`;

test('email-size: an issue of a few papers has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('email-size: an HTML email over 102 KB is reported at the title, with its size', async () => {
  const papers = Array.from({ length: 40 }, (_, i) => paper(i, 420)).join('');
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ papers, status: 'ready' }) });
  assert.deepEqual(places(messages), ['email-size 3:8']);
  assert.match(messages[0]!.message, /^Unexpected HTML email of \d+\.\d KB, expected at most 102 KB \(Gmail clips longer messages\)$/);
  assert.equal(messages[0]!.severity, 'warning');
});

test('email-size: just under 102 KB but over 90 KB once encoded is reported too', async () => {
  // Grows the issue until the first message: the encoded limit is met first.
  const sizes: string[] = [];
  for (let count = 22; count <= 40; count++) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue({ papers: Array.from({ length: count }, (_, i) => paper(i, 280)).join(''), status: 'draft' }) });
    if (messages.length > 0) {
      sizes.push(messages[0]!.message);
      break;
    }
  }
  assert.match(sizes[0] ?? '', /^Unexpected HTML part of \d+\.\d KB once encoded, expected at most 90 KB/);
});

test('email-size: a sent issue is not measured (its size can no longer change)', async () => {
  const papers = Array.from({ length: 40 }, (_, i) => paper(i, 420)).join('');
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ papers, status: 'sent' }) }), []);
});
