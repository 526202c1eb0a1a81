import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personalize } from '../../src/render/email.js';
import { paperAnchors } from '../../src/issue/anchors.js';
import { REPO_ROOT, renderAll } from '../helpers/render.js';

const sample = renderAll(REPO_ROOT, '1');

test('email html: CSS inlined, only a small <style> of media queries in <head>, no scripts', async () => {
  const { html } = await sample;
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)];
  assert.equal(styles.length, 1);
  assert.ok(html.indexOf('<style') < html.indexOf('</head>'));
  assert.ok(Buffer.byteLength(styles[0]![1]!) < 16 * 1024);
  assert.match(styles[0]![1]!, /@media \(prefers-color-scheme: dark\)/);
  assert.match(styles[0]![1]!, /!important/);
  assert.match(html, /<td class="content" style="[^"]*font-family/);
  assert.doesNotMatch(html, /<script|\son[a-z]+=|javascript:|data:/i);
  assert.doesNotMatch(html, /display:\s*(flex|grid)/);
});

test('email html: a 600px one-column table layout with a hidden preheader', async () => {
  const { html, parsed } = await sample;
  assert.match(html, /<table role="presentation" class="container" width="600"/);
  assert.match(html, /<div class="preheader" style="display: none;[^"]*">Smooth metrics make sudden abilities vanish/);
  assert.ok(html.indexOf('class="preheader"') < html.indexOf('class="container"'));
  assert.ok(parsed.issue!.preheader);
});

test('email html: an anchor per paper, "view in browser", and a footer with the postal address and unsubscribe link', async () => {
  const { html, parsed } = await sample;
  for (const anchor of paperAnchors(parsed.issue!.papers.map((paper) => paper.title))) {
    assert.match(html, new RegExp(`id="${anchor}"`));
  }
  assert.match(html, /<a class="muted" href="https:\/\/newsletter\.example\.org\/issues\/1\/"[^>]*>View in browser<\/a>/);
  const footer = html.slice(html.indexOf('class="footer"'));
  assert.match(footer, /1 Example Street, Example City, EX1 2AB/);
  assert.match(footer, /href="https:\/\/newsletter\.example\.org\/unsubscribe\?token=PLACEHOLDER"[^>]*>Unsubscribe<\/a>/);
});

test('email html: highlights come first, then sections in the config order, "Summarized by", "H/T" and the reviewers thanks', async () => {
  const { html } = await sample;
  const headings = [...html.matchAll(/class="section-title"[^>]*>([^<]+)</g)].map((match) => match[1]);
  assert.deepEqual(headings, ['Highlights', 'Technical alignment', 'Interpretability', 'Evaluations', 'Capabilities']);
  assert.match(html, /Summarized by Zoë Brandt/);
  assert.match(html, /H\/T Tomás Ribeiro/);
  assert.match(html, /Thanks to Léa Fontaine for reviewing this issue\./);
});

test('email text: the plaintext carries the unsubscribe URL and the postal address in sight', async () => {
  const { text } = await sample;
  assert.match(text, /^Unsubscribe: https:\/\/newsletter\.example\.org\/unsubscribe\?token=PLACEHOLDER$/m);
  assert.match(text, /^1 Example Street, Example City, EX1 2AB$/m);
  assert.match(text, /^View in your browser: https:\/\/newsletter\.example\.org\/issues\/1\/$/m);
});

test('personalize: each copy gets its own unsubscribe URL, HTML-escaped in the HTML, as is in the text', async () => {
  const { rendered } = await sample;
  const url = 'https://newsletter.example.org/unsubscribe?token=a1&kid=2';
  const copy = personalize(rendered, { unsubscribeUrl: url });
  assert.ok(copy.html.includes('href="https://newsletter.example.org/unsubscribe?token=a1&amp;kid=2"'));
  assert.ok(copy.text.includes(`Unsubscribe: ${url}\n`));
  assert.doesNotMatch(copy.html + copy.text, /paperboy-unsubscribe-/);
  const other = personalize(rendered, { unsubscribeUrl: 'https://newsletter.example.org/unsubscribe?token=zz' });
  assert.equal(other.html.replace('token=zz', 'token=a1&amp;kid=2'), copy.html);
});

test('personalize: a copy costs string joins only (well under 50 µs)', async () => {
  const { rendered } = await sample;
  const copies = 20_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < copies; i++) personalize(rendered, { unsubscribeUrl: `https://newsletter.example.org/unsubscribe?token=${i}` });
  const microseconds = Number(process.hrtime.bigint() - start) / 1000 / copies;
  assert.ok(microseconds < 50, `${microseconds.toFixed(2)} µs per copy`);
});

test('render: the same issue renders to the same bytes twice', async () => {
  const again = await renderAll(REPO_ROOT, '1');
  const { html, text, eml } = await sample;
  assert.equal(again.html, html);
  assert.equal(again.text, text);
  assert.ok(again.eml.equals(eml));
});
