import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { blockScalar, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { parseEml, renderAll } from '../helpers/render.js';

/** RFC 5322 §2.1.1: a line of a message is at most 998 octets, CRLF excluded. */
const MAX_LINE_OCTETS = 998;

// Long, unbreakable tokens: URLs and words of one to three octets a character.
const letters = fc.constantFrom('a', 'Z', '9', '_', 'é', '中');
const longWord = fc.integer({ min: 900, max: 2400 }).chain((length) => fc.string({ unit: letters, minLength: length, maxLength: length }));
const longUrl = longWord.map((path) => `https://example.org/${path}`);

/** Which field gets the long token; the others stay ordinary. */
const FIELDS = [
  'title',
  'subject',
  'preheader',
  'editor',
  'reviewers',
  'paper title',
  'paper url',
  'authors',
  'venue',
  'section',
  'summarizer',
  'via',
  'prerequisites',
  'summary',
  'opinion',
  'body',
] as const;
type Field = (typeof FIELDS)[number];

function issueWith(field: Field, word: string, url: string): string {
  const value = (name: Field, normal: string) => JSON.stringify(name === field ? word : normal);
  const markdown = (name: Field, normal: string) => (name === field ? `See [the code](${url}), ![plot](${url}) and ${word}.` : normal);
  return `---
number: 1
title: ${value('title', 'Long tokens')}
date: 2023-05-29
${field === 'subject' ? `subject: ${value('subject', '')}\n` : ''}preheader: ${value('preheader', 'A preheader')}
editor: ${value('editor', 'Jane Editor')}
reviewers: [${value('reviewers', 'A. Reviewer')}]
status: draft
papers:
  - title: ${value('paper title', 'A paper')}
    url: ${JSON.stringify(field === 'paper url' ? url : 'https://arxiv.org/abs/2304.15004')}
    authors: [${value('authors', 'A. Author')}]
    venue: ${value('venue', 'NeurIPS')}
    section: ${value('section', 'Evaluations')}
    summarizer: ${value('summarizer', 'S. Summarizer')}
    via: ${value('via', 'A. Reader')}
${blockScalar('prerequisites', markdown('prerequisites', 'None.'))}${blockScalar('summary', markdown('summary', 'A summary.'))}${blockScalar('opinion', markdown('opinion', 'An opinion.'))}---

${markdown('body', 'Welcome.')}
`;
}

function longestLine(text: string, newline: RegExp): number {
  return Math.max(...text.split(newline).map((line) => Buffer.byteLength(line)));
}

test('no line of the plaintext or of the message exceeds 998 octets, whatever field holds a long URL or word', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...FIELDS), longWord, longUrl, async (field, word, url) => {
      const root = makeRoot({ 'issues/0001-a.md': issueWith(field, word, url) });
      const { text, eml } = await renderAll(root, '1');
      assert.ok(longestLine(text, /\n/) <= MAX_LINE_OCTETS, `plaintext, long ${field}`);
      assert.ok(longestLine(eml.toString('utf8'), /\r\n/) <= MAX_LINE_OCTETS, `message, long ${field}`);
      const mail = await parseEml(eml);
      assert.ok(longestLine(mail.text ?? '', /\n/) <= MAX_LINE_OCTETS, `decoded text part, long ${field}`);
      if (field === 'subject' || field === 'title') assert.ok(mail.subject?.includes(word), 'the subject decodes back whole');
    }),
    { seed: 20230529, numRuns: 32 },
  );
});

test('a 1,823-octet paper url under its title is split at 998 octets in the plaintext, and the message keeps it whole', async () => {
  const url = `https://example.org/${'a'.repeat(1803)}`;
  assert.equal(Buffer.byteLength(url), 1823);
  const root = makeRoot({ 'issues/0001-a.md': issueWith('paper url', 'word', url) });
  const { text, html } = await renderAll(root, '1');
  assert.equal(longestLine(text, /\n/), MAX_LINE_OCTETS);
  // Indented under the title by three spaces, which count in the 998.
  assert.ok(text.includes(`   ${url.slice(0, MAX_LINE_OCTETS - 3)}\n${url.slice(MAX_LINE_OCTETS - 3)}\n`));
  assert.ok(html.includes(`href="${url}"`), 'the HTML link is whole (its message part is quoted-printable)');
});

test('a long word in the newsletter name is written as encoded words in List-Id', async () => {
  const name = `Digest ${'W'.repeat(1500)}`;
  const root = makeRoot({ 'issues/0001-a.md': issueWith('body', 'word', 'https://example.org/') }, CONFIG_YAML.replace('name: Test Newsletter', `name: ${name}`));
  const { eml } = await renderAll(root, '1');
  assert.ok(longestLine(eml.toString('utf8'), /\r\n/) <= MAX_LINE_OCTETS);
  const list = (await parseEml(eml)).headers.get('list') as { id: { name: string } };
  // mailparser leaves List-Id's encoded words as they are: join their ASCII payloads back.
  const decoded = list.id.name.replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/g, (_, payload: string) => payload.replace(/_/g, ' '));
  assert.equal(decoded, name);
});
