import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FSI, PDI } from '../../src/render/bidi.js';
import { ARABIC_AUTHORS, ARABIC_REVIEWERS, ARABIC_SUMMARY, ARABIC_TITLE, ARABIC_VENUE, HEBREW_AUTHOR, RIGHT_TO_LEFT_ISSUE } from './fixtures/right-to-left.js';
import { REPO_ROOT, renderAll, rootWith } from '../helpers/render.js';

const rendered = rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE }).then(({ root }) => renderAll(root, '1'));

test('email: an Arabic author name among Latin ones is isolated, each name on its own, the venue apart from its year', async () => {
  const { html } = await rendered;
  assert.match(html, new RegExp(`>Alice Smith, <span dir="auto">${HEBREW_AUTHOR}</span> and Bob Jones · <span dir="auto">${ARABIC_VENUE}</span>, 2023</p>`));
  // Two Arabic names joined by a comma: without an isolate each, the comma joins them into one run and they swap places.
  const [first, second, third] = ARABIC_AUTHORS;
  assert.match(html, new RegExp(`><span dir="auto">${first}</span>, <span dir="auto">${second}</span> and <span dir="auto">${third}</span> · NeurIPS, 2022</p>`));
});

test('email: an Arabic paper title, section and summarizer are isolated', async () => {
  const { html } = await rendered;
  assert.match(html, new RegExp(`<a href="https://example.org/arabic-paper"[^>]*><span dir="auto">${ARABIC_TITLE}</span></a>`));
  assert.match(html, /class="section-title"[^>]*><span dir="auto">تفسير<\/span><\/h2>/);
  assert.match(html, /Summarized by <span dir="auto">نور الهدى<\/span><\/p>/);
  assert.match(html, /<a href="https:\/\/example.org\/latin"[^>]*>A Latin title<\/a>/);
});

test('email: an Arabic summary paragraph is dir="auto", so it aligns right and ends on the left; a Latin paragraph beside it is written as before', async () => {
  const { html } = await rendered;
  assert.match(html, new RegExp(`<p dir="auto"[^>]*>${ARABIC_SUMMARY}</p>`));
  assert.match(html, /<p style="[^"]*">A Latin opinion\.<\/p>/);
});

test('email (plaintext): a Hebrew author name among Latin ones, an Arabic venue and title are each between U+2068 and U+2069; Latin values are not', async () => {
  const { text } = await rendered;
  assert.ok(text.includes(`1. ${FSI}${ARABIC_TITLE}${PDI}\n`), text);
  assert.ok(text.includes(`   Alice Smith, ${FSI}${HEBREW_AUTHOR}${PDI} and Bob Jones · ${FSI}${ARABIC_VENUE}${PDI}, 2023\n`), text);
  assert.ok(text.includes(`   ${FSI}${ARABIC_AUTHORS[0]}${PDI}, ${FSI}${ARABIC_AUTHORS[1]}${PDI} and ${FSI}${ARABIC_AUTHORS[2]}${PDI} · NeurIPS, 2022\n`), text);
  assert.ok(text.includes('2. A Latin title\n'), text);
  // The summary is a paragraph of its own: a plaintext reader lays out each line by its first letter, nothing added.
  assert.ok(text.includes(`\n${ARABIC_SUMMARY.split(' ')[0]}`), text);
});

test("email: the reviewers' thanks isolates each Arabic reviewer, in the HTML and the plaintext", async () => {
  const { html, text } = await rendered;
  const [first, second] = ARABIC_REVIEWERS;
  assert.match(html, new RegExp(`>Thanks to <span dir="auto">${first}</span>, <span dir="auto">${second}</span> and Bob Smith for reviewing this issue\\.</p>`));
  assert.ok(text.includes(`Thanks to ${FSI}${first}${PDI}, ${FSI}${second}${PDI} and Bob Smith for reviewing this issue.\n`), text);
});

test('email: a newsletter without right-to-left letters gets no <bdi>, no dir and no isolate characters (its bytes as before)', async () => {
  const { html, text } = await renderAll(REPO_ROOT, '1');
  assert.doesNotMatch(html, /<bdi|\sdir=/);
  assert.ok(!text.includes(FSI) && !text.includes(PDI));
});

test('email: an isolated right-to-left title or name is escaped as `{{title}}` escapes it: its `<script>` stays text (a guard: `isolate` writes HTML)', async () => {
  const issue = RIGHT_TO_LEFT_ISSUE.replace(`title: "${ARABIC_TITLE}"`, `title: "${ARABIC_TITLE} <script>alert(1)</script> & co"`).replace(`"${HEBREW_AUTHOR}"`, `"${HEBREW_AUTHOR} <b>"`);
  const { html } = await rootWith({ '0001-rtl.md': issue }).then(({ root }) => renderAll(root, '1'));
  assert.ok(html.includes(`<span dir="auto">${ARABIC_TITLE} &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</span>`), html);
  assert.ok(html.includes(`<span dir="auto">${HEBREW_AUTHOR} &lt;b&gt;</span>`), html);
  assert.doesNotMatch(html, /<script|<b>/);
});

test('email: a right-to-left value holding a stray U+2069 (a PDI pasted without its opener) stays one isolate: the rest of the title and the venue are not let out of it', async () => {
  const [first, ...rest] = ARABIC_TITLE.split(' ');
  const strayTitle = `${first}\u2069 ${rest.join(' ')}`;
  const issue = RIGHT_TO_LEFT_ISSUE.replace(`title: "${ARABIC_TITLE}"`, `title: "${strayTitle}"`).replace(`venue: "${ARABIC_VENUE}"`, `venue: "\u202c${ARABIC_VENUE}\u2069"`);
  const { html, text } = await rootWith({ '0001-rtl.md': issue }).then(({ root }) => renderAll(root, '1'));
  assert.ok(text.includes(`1. ${FSI}${ARABIC_TITLE}${PDI}\n`), text);
  assert.ok(text.includes(`Bob Jones · ${FSI}${ARABIC_VENUE}${PDI}, 2023\n`), text);
  assert.ok(html.includes(`<span dir="auto">${ARABIC_TITLE}</span></a>`), html);
});

