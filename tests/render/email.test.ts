import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personalize } from '../../src/render/email.js';
import { paperAnchors } from '../../src/issue/anchors.js';
import { cleanIssue, CONFIG_YAML } from '../helpers/fixture.js';
import { flat, REPO_ROOT, renderAll, rootWith, sampleNumbers } from '../helpers/render.js';

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
  assert.match(html, /<table role="presentation" class="container" lang="en" width="600"/);
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
  const headings = [...html.matchAll(/<(h\d) class="(?:sub)?section-title"[^>]*>([^<]+)</g)].map((match) => `${match[1]} ${match[2]}`);
  assert.deepEqual(headings, ['h2 Highlights', 'h2 Technical alignment', 'h3 Interpretability', 'h3 Evaluations', 'h2 Capabilities']);
  assert.match(html, /Summarized by Zoë Brandt/);
  assert.match(html, /H\/T Tomás Ribeiro/);
  assert.match(html, /Thanks to Léa Fontaine for reviewing this issue\./);
});

test("email: a postal address written over lines keeps them: a <br> between its escaped lines in the HTML, the lines in the plaintext", async () => {
  const config = CONFIG_YAML.replace(/^postalAddress: .*$/m, 'postalAddress: |\n  Smith & Jones <Research>\n  1 Example Street, Example City');
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ status: 'ready' }) }, { 'paperboy.config.yaml': config });
  const { html, text } = await renderAll(root, '1');
  const footer = html.slice(html.indexOf('class="footer"'));
  assert.match(footer, /<p[^>]*>Smith &amp; Jones &lt;Research&gt;<br>\n1 Example Street, Example City<\/p>/);
  assert.match(text, /^Smith & Jones <Research>\n1 Example Street, Example City$/m);
});

test('email: a link to a non-ASCII address is the same percent-encoded URL in the plaintext as in the HTML href, which every mail program links whole', async () => {
  const targets = ['https://de.wikipedia.org/wiki/Überwachung', 'https://ru.wikipedia.org/wiki/Москва', 'https://ja.wikipedia.org/wiki/東京'];
  const body = `See ${targets.map((url, i) => `[page ${i}](${url})`).join(', ')}.`;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ status: 'ready', body }) });
  const { html, text } = await renderAll(root, '1');
  const encoded = targets.map((url) => new URL(url).href);
  assert.equal(encoded[0], 'https://de.wikipedia.org/wiki/%C3%9Cberwachung');
  for (const [i, url] of encoded.entries()) {
    assert.ok(html.includes(`href="${url}"`), url);
    assert.match(text, new RegExp(`^\\[${i + 1}\\] ${url.replaceAll('.', '\\.')}$`, 'm'));
  }
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

test('email html: one heading level per level: the issue h1, sections h2, subsections h3 in their own style, paper titles one level below their section', async () => {
  const { html } = await sample;
  assert.equal([...html.matchAll(/<h1\b/g)].length, 1);
  assert.match(html, /<h1 class="issue-title"/);
  assert.match(html, /<h3 class="subsection-title"[^>]*>Interpretability</);
  const levels = [...html.matchAll(/<(h\d) class="(section-title|subsection-title|paper-title)"/g)].map((match) => `${match[1]} ${match[2]}`);
  // Under "Highlights" (h2) papers are h3; under a subsection (h3) they are h4.
  assert.ok(levels.includes('h3 paper-title') && levels.includes('h4 paper-title'), levels.join(', '));
  let sectionLevel = 1;
  for (const entry of levels) {
    const [tag, kind] = entry.split(' ') as [string, string];
    const level = Number(tag.slice(1));
    if (kind === 'paper-title') assert.equal(level, sectionLevel + 1, `a paper title at ${tag} under an h${sectionLevel}`);
    else sectionLevel = level;
  }
});

test("email: a paper's footnotes follow its texts, numbered as in the plaintext; never between a summary and its 'Opinion'", async () => {
  const { root } = await rootWith({
    '0001-a.md': `---
number: 1
title: Notes
date: 2024-01-31
papers:
  - title: First
    url: https://example.org/1
    summary: |
      Summary one.[^x]

      [^x]: Note of the first summary.
    opinion: Opinion one.
  - title: Second
    url: https://example.org/2
    summary: |
      Summary two.[^x]

      [^x]: Note of the second summary.
---

Intro.[^i]

[^i]: Note of the intro.
`,
  });
  const { html, text } = await renderAll(root, '1');
  const at = (output: string, needle: string) => output.indexOf(needle);
  assert.ok(at(html, 'Opinion one.') < at(html, 'Note of the first summary.'), 'the note after the opinion');
  assert.ok(at(html, 'Note of the first summary.') < at(html, 'Summary two.'), 'the note before the next paper');
  assert.match(html, /<li id="i1-p0-summary-fn-x" value="2"/);
  assert.match(html, /<li id="i1-p1-summary-fn-x" value="3"/);
  assert.match(html, /<li id="body-fn-i" value="1"/);
  assert.ok(at(text, 'Opinion one.') < at(text, '² Note of the first summary.'));
  assert.ok(at(text, '² Note of the first summary.') < at(text, 'Summary two.³'));
  assert.match(text, /^¹ Note of the intro\.$/m);
  assert.doesNotMatch(text, /\[\^/);
});

test("email html: each table cell keeps its column's alignment in `align` and the inline `text-align`, left only where the source says left or nothing", async () => {
  const { root } = await rootWith({
    '0001-a.md': `---
number: 1
title: Tables
date: 2024-01-31
papers:
  - title: First
    url: https://example.org/1
    summary: |
      | Left | Right | Centre | Unset |
      | :--- | ---: | :---: | --- |
      | a | 1 | b | c |
---

Intro.
`,
  });
  const { html } = await renderAll(root, '1');
  // The cells of the summary's table: the layout's own cells hold elements, not text.
  const cells = [...html.matchAll(/<t[hd] ([^>]*)>(\w+)</g)];
  const alignments = cells.map(([, attributes, text]) => {
    const align = /\balign="([^"]*)"/.exec(attributes!)?.[1];
    const style = /text-align: ([a-z]+)/.exec(attributes!)?.[1];
    return `${text} ${align} ${style}`;
  });
  assert.deepEqual(alignments, [
    'Left left left',
    'Right right right',
    'Centre center center',
    'Unset left left',
    'a left left',
    '1 right right',
    'b center center',
    'c left left',
  ]);
});

test('email: a back-link names the number the reader sees when notes are numbered across papers', async () => {
  const { root } = await rootWith({
    '0001-a.md': `---
number: 1
title: Notes
date: 2024-01-31
papers:
  - title: First
    url: https://example.org/1
    summary: |
      One[^n1], two[^n2].

      [^n1]: First note.
      [^n2]: Second note.
  - title: Second
    url: https://example.org/2
    summary: |
      Three[^x].

      [^x]: Third note.
---

Intro[^a][^b].

[^a]: Intro note a.
[^b]: Intro note b.
`,
  });
  const { html } = await renderAll(root, '1');
  const notes = [...html.matchAll(/<li id="[^"]*" value="(\d+)"[\s\S]*?aria-label="([^"]*)"/g)].map((match) => `${match[1]}: ${match[2]}`);
  // The papers' notes first, each after its paper; the body's (1 and 2) at the end.
  assert.deepEqual(notes, ['3: Back to reference 3', '4: Back to reference 4', '5: Back to reference 5', '1: Back to reference 1', '2: Back to reference 2']);
});

test('email: the reviewers are thanked once, by the line the template writes from `reviewers`', async () => {
  for (const number of await sampleNumbers()) {
    const { html, text } = await renderAll(REPO_ROOT, String(number));
    assert.ok([...flat(text).matchAll(/for reviewing/g)].length <= 1, `issue ${number}'s plaintext thanks the reviewers twice`);
    assert.ok([...flat(html).matchAll(/for reviewing/g)].length <= 1, `issue ${number}'s HTML thanks the reviewers twice`);
  }
});

test('email: a long author list reads "First Author et al." (config `email.maxAuthors`), the archive view keeps every name', async () => {
  const authors = ['Stephen Casper', 'Xander Davies', 'Claudia Shi', 'Thomas Krendl Gilbert'];
  const issue = `---\nnumber: 1\ntitle: T\ndate: 2024-01-31\npapers:\n  - title: P\n    url: https://example.org/p\n    authors: [${authors.join(', ')}]\n    year: 2023\n    summary: S.\n---\n\nIntro.\n`;
  const { root } = await rootWith({ '0001-a.md': issue }, { 'paperboy.config.yaml': `${CONFIG_YAML}email: { maxAuthors: 3 }\n` });
  const { html, text } = await renderAll(root, '1');
  assert.match(html, /<p class="paper-meta"[^>]*>Stephen Casper et al\. · 2023<\/p>/);
  assert.match(text, /^ {3}Stephen Casper et al\. · 2023$/m);
  const wide = await renderAll((await rootWith({ '0001-a.md': issue })).root, '1');
  assert.match(flat(wide.text), /Stephen Casper, Xander Davies, Claudia Shi and Thomas Krendl Gilbert · 2023/);
});

test('email: an author list ending "et al." reads "Leo Gao, Stella Biderman et al.", in the HTML and the plaintext alike', async () => {
  const issue = `---\nnumber: 1\ntitle: T\ndate: 2024-01-31\npapers:\n  - title: The Pile\n    url: https://example.org/p\n    authors: [Leo Gao, Stella Biderman, et al.]\n    year: 2020\n    summary: S.\n---\n\nIntro.\n`;
  const { html, text } = await renderAll((await rootWith({ '0001-a.md': issue })).root, '1');
  assert.match(html, /<p class="paper-meta"[^>]*>Leo Gao, Stella Biderman et al\. · 2020<\/p>/);
  assert.match(text, /^ {3}Leo Gao, Stella Biderman et al\. · 2020$/m);
});

test('email html: in a list mixing ordinary and task items, only the task items lose their bullet (inlined)', async () => {
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ body: 'Plan:\n\n- plain item\n- [x] done item\n- [ ] open item\n' }) });
  const { html } = await renderAll(root, '1');
  const list = /<ul class="contains-task-list"([^>]*)>([\s\S]*?)<\/ul>/.exec(html);
  assert.ok(list, html);
  assert.doesNotMatch(list[1]!, /list-style/, 'the list itself keeps its bullets');
  const items = [...list[2]!.matchAll(/<li([^>]*)>([^<]*)/g)].map((match) => [match[2]!.trim(), /list-style-type: none/.test(match[1]!)]);
  assert.deepEqual(items, [
    ['plain item', false],
    ['☑ done item', true],
    ['☐ open item', true],
  ]);
});
