import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { toString } from 'mdast-util-to-string';
import { CorpusIndex } from '../../src/issue/corpus.js';
import type { IssueFacts } from '../../src/issue/facts.js';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { normalizePaperId } from '../../src/issue/paper-id.js';
import { nodesInTree } from '../../src/issue/tree-index.js';
import type { LinkContext } from '../../src/render/links.js';
import { FootnoteNumbering, fragmentToHtml, markdownToHast, notesToHtml, splitAtMarker } from '../../src/render/markdown-html.js';

const published = (number: number, papers: { id: string; title: string; anchor: string }[]): IssueFacts => ({
  path: `/issues/${number}.md`,
  readable: true,
  number,
  numberPosition: { start: { line: 2, column: 9 }, end: { line: 2, column: 10 } },
  title: `Issue ${number}`,
  date: '2023-05-29',
  datePosition: { start: { line: 4, column: 7 }, end: { line: 4, column: 17 } },
  status: 'sent',
  statusUnread: false,
  papers: papers.map((paper) => ({ ...paper, position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } })),
  references: [],
});

const links: LinkContext = {
  baseUrl: 'https://news.example.org/',
  corpus: new CorpusIndex([published(7, [{ id: 'arxiv:2304.15004', title: 'Mirage', anchor: 'mirage' }])]),
  from: undefined,
};
/** One text as HTML, its notes after it, numbered by `numbering`. */
function html(markdown: string, idPrefix = 'p0-summary-', numbering = new FootnoteNumbering()): string {
  const parts = markdownToHast(parseMarkdown(markdown), { idPrefix, links });
  return fragmentToHtml(parts.content, numbering) + notesToHtml(parts.notes, numbering);
}

test('markdown-html: the shared tree is never mutated', () => {
  const tree = parseMarkdown('[x](paper:2304.15004) ![i](/a.png) [rel](docs/) text[^1]\n\n[^1]: a note\n');
  const before = structuredClone(tree);
  html('', 'a-');
  const parts = markdownToHast(tree, { idPrefix: 'b-', links });
  fragmentToHtml(parts.content, new FootnoteNumbering());
  assert.deepEqual(tree, before);
});

test('markdown-html: a cross-reference links to the summary in the archive, with "(#N)" after the link text', () => {
  assert.equal(
    html('See [the mirage paper](paper:2304.15004). And [that issue](issue:7).'),
    '<p>See <a href="https://news.example.org/issues/7/#mirage">the mirage paper</a> (#7). And <a href="https://news.example.org/issues/7/">that issue</a> (#7).</p>',
  );
});

test('markdown-html: a cross-reference that copies a paper\'s URL, percent-escapes and all, links to that paper', () => {
  const urls = ['https://example.com/view?id=a%26b', 'https://example.com/papers/C%23-tricks', 'https://example.com/q?x=1&y=%20'];
  const papers = urls.map((url, index) => ({ id: normalizePaperId({ url }, { issue: 7, index }), title: `Paper ${index}`, anchor: `p${index}` }));
  const context: LinkContext = { ...links, corpus: new CorpusIndex([published(7, papers)]) };
  const rendered = fragmentToHtml(markdownToHast(parseMarkdown(urls.map((url, index) => `[${index}](paper:${url})`).join(' ')), { idPrefix: 'x-', links: context }).content, new FootnoteNumbering());
  assert.equal(rendered, '<p><a href="https://news.example.org/issues/7/#p0">0</a> <a href="https://news.example.org/issues/7/#p1">1</a> <a href="https://news.example.org/issues/7/#p2">2</a> (#7)</p>');
});

test('markdown-html: unresolvable and unsafe links become their text; relative links become absolute', () => {
  assert.equal(
    html('[gone](paper:9999.99999) [js](javascript:alert(1)) [data](data:text/html,x) [rel](docs/x) [mail](mailto:a@b.example)'),
    '<p>gone js data <a href="https://news.example.org/docs/x">rel</a> <a href="mailto:a@b.example">mail</a></p>',
  );
});

test('markdown-html: images are absolute with alt and the column as width (for Outlook; CSS keeps their own size elsewhere); data: images are reduced to their alt text', () => {
  assert.equal(html('![A chart](/img/chart.png)'), '<p><img src="https://news.example.org/img/chart.png" alt="A chart" width="560"></p>');
  assert.equal(html('![](https://x.example/i.png)'), '<p><img src="https://x.example/i.png" alt="" width="560"></p>');
  assert.equal(html('![pixel](data:image/png;base64,AAAA)'), '<p>pixel</p>');
});

test('markdown-html: raw HTML never reaches the output', () => {
  const output = html('a <script>alert(1)</script> <img src=x onerror=alert(1)> <iframe src="https://x"></iframe>\n\n<style>p{}</style>\n\n<div onclick="x()">d</div>');
  assert.doesNotMatch(output, /<script|<iframe|<style|onerror|onclick|<div/);
});

test('markdown-html: two texts using [^1] get distinct ids and one numbering, and every footnote link lands on an id of its own text', () => {
  const note = 'Claim[^1].\n\n[^1]: The note.\n';
  const numbering = new FootnoteNumbering();
  const page = html(note, 'p0-summary-', numbering) + html(note, 'p1-opinion-', numbering);
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
  const targets = [...page.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]);
  assert.equal(targets.length, 4);
  for (const target of targets) assert.ok(ids.includes(target), `#${target} has no element`);
  assert.deepEqual([...page.matchAll(/data-footnote-ref[^>]*>(\d+)</g)].map((match) => match[1]), ['1', '2']);
  assert.deepEqual([...page.matchAll(/<li [^>]*value="(\d+)"/g)].map((match) => match[1]), ['1', '2']);
  assert.doesNotMatch(page, /aria-describedby/);
});

test("markdown-html: a text's notes come apart from it, so they can be placed after the paper", () => {
  const parts = markdownToHast(parseMarkdown('Claim[^n].\n\n[^n]: The note.\n'), { idPrefix: 'p0-summary-', links });
  assert.doesNotMatch(fragmentToHtml(parts.content, new FootnoteNumbering()), /The note/);
  assert.match(notesToHtml(parts.notes, new FootnoteNumbering()), /^<section class="footnotes"><ol><li id="p0-summary-fn-n" value="1">/);
});

test("markdown-html: the body splits at the papers marker; the closing's notes number after what came between", () => {
  const tree = parseMarkdown('Intro[^a].\n\n[^a]: Defined before the marker.\n\n<!-- papers -->\n\nClosing[^a][^b].\n\n[^b]: Only in the closing.\n');
  const body = markdownToHast(tree, { idPrefix: 'body-', links });
  const { intro, outro } = splitAtMarker(body.content);
  const numbering = new FootnoteNumbering();
  const introHtml = fragmentToHtml(intro, numbering);
  numbering.number('p0-summary-fn-1');
  const outroHtml = fragmentToHtml(outro, numbering);
  assert.match(introHtml, /^<p>Intro<sup><a[^>]*>1<\/a>/);
  assert.doesNotMatch(introHtml, /Closing/);
  assert.match(outroHtml, /^\s*<p>Closing<sup><a[^>]*>1<\/a><\/sup><sup><a[^>]*>3<\/a>/);
  assert.match(notesToHtml(body.notes, numbering), /value="1"[\s\S]*Defined before the marker[\s\S]*value="3"[\s\S]*Only in the closing/);
});

test('markdown-html: a back-link is labelled with the number its note shows, its second reference with "-2"', () => {
  const numbering = new FootnoteNumbering();
  numbering.number('body-fn-a');
  numbering.number('body-fn-b');
  const page = html('One[^n1] and two[^n2], one again[^n1].\n\n[^n1]: First.\n[^n2]: Second.\n', 'p0-summary-', numbering);
  assert.deepEqual([...page.matchAll(/<li [^>]*value="(\d+)"/g)].map((match) => match[1]), ['3', '4']);
  assert.deepEqual([...page.matchAll(/aria-label="(Back to [^"]*)"/g)].map((match) => match[1]), ['Back to reference 3', 'Back to reference 3-2', 'Back to reference 4']);
});

test('markdown-html: without a marker the whole body is the intro', () => {
  const { intro, outro } = splitAtMarker(markdownToHast(parseMarkdown('Only text.\n'), { idPrefix: 'body-', links }).content);
  assert.equal(intro.length, 1);
  assert.deepEqual(outro, []);
});

test('markdown-html: two links of one sentence to the same issue say "(#7)" once, after the last', () => {
  assert.equal(
    html('The [mirage paper](paper:2304.15004) we covered in [that issue](issue:7). Then [again](issue:7).'),
    '<p>The <a href="https://news.example.org/issues/7/#mirage">mirage paper</a> we covered in <a href="https://news.example.org/issues/7/">that issue</a> (#7). Then <a href="https://news.example.org/issues/7/">again</a> (#7).</p>',
  );
});

test('markdown-html: header cells are scoped to their column; task lists show ☐/☑, not form controls', () => {
  assert.match(html('| a | b |\n| - | - |\n| 1 | 2 |'), /<th scope="col">a<\/th>/);
  const tasks = html('- [x] done\n- [ ] to do');
  assert.doesNotMatch(tasks, /<input/);
  assert.match(tasks, /☑ done[\s\S]*☐ to do/);
});

/** Footnote labels as an editor may write them: letters of either case, escapes spelt out, punctuation, other scripts. */
const footnoteLabel = fc
  .array(fc.oneof(fc.constantFrom('a', 'A', 'd', 'c', '2', '5', '_', '-', '%', '"', '<', 'ü', 'Ü', 'ß', 'SS', 'İ', '\u212a', 'k'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), { minLength: 1, maxLength: 6 })
  .map((characters) => characters.join(''))
  .filter((label) => !/[\s[\]\\]/.test(label));

test('markdown-html: footnote ids are valid (html-validate valid-id), one per note whatever two labels are, and every footnote link lands on its note', () => {
  fc.assert(
    fc.property(footnoteLabel, footnoteLabel, (first, second) => {
      const markdown = `One[^${first}] two[^${second}] one again[^${first}].\n\n[^${first}]: Note-first.\n\n[^${second}]: Note-second.\n`;
      const tree = parseMarkdown(markdown);
      const notes = new Set(nodesInTree(tree, 'footnoteReference').map((reference) => reference.identifier.toUpperCase()));
      const page = html(markdown);
      const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
      for (const id of ids) assert.match(id, /^\p{L}[\p{L}\p{N}_-]*$/u);
      assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
      for (const [, target] of page.matchAll(/\shref="#([^"]+)"/g)) assert.ok(ids.includes(target!), `#${target} has no element`);
      assert.equal(page.match(/<li /g)?.length ?? 0, notes.size);
      // Each reference leads to the note its label defines (the first definition, when two labels are one).
      const definitions = nodesInTree(tree, 'footnoteDefinition');
      const noteOf = (identifier: string) => toString(definitions.find((definition) => definition.identifier.toUpperCase() === identifier.toUpperCase()));
      const targets = [...page.matchAll(/<a href="#([^"]+)"[^>]*data-footnote-ref/g)].map((match) => match[1]!);
      nodesInTree(tree, 'footnoteReference').forEach((reference, i) => {
        assert.match(page, new RegExp(`<li id="${targets[i]}"[^>]*>\\s*<p>${noteOf(reference.identifier)} `));
      });
    }),
    { numRuns: 500 },
  );
});

/** A text as the HTML email shows it (one fragment, no footnotes). */
const emailHtml = (markdown: string, tree = parseMarkdown(markdown)) => fragmentToHtml(markdownToHast(tree, { idPrefix: 'p1-summary-', links, source: markdown }).content, new FootnoteNumbering());

test('the HTML email shows inline math between the dollars it was written with, spaces inside as written: `$5 to $10` keeps both dollars and every word apart', () => {
  const markdown = 'Training cost $5 to $10 million; the fee is $ 5 and $20 later; loss $\\mathcal{L}$, $$a$b$$.';
  const html = emailHtml(markdown);
  const shown = (html.match(/<code class="language-math math-inline[^"]*">[^<]*<\/code>/g) ?? []).map((code) => code.replace(/<[^>]+>/g, ''));
  assert.deepEqual(shown, ['$5 to $', '$ 5 and $', '$\\mathcal{L}$', '$$a$b$$']);
  assert.equal(html.replace(/<[^>]+>/g, ''), markdown, 'the words of the email are the words written');
});

test('the HTML email shows display math between its `$$` lines, as the plaintext does, and the web page typesets the TeX alone', async () => {
  const markdown = 'Influence:\n\n$$\n\\mathcal{I}(z) = -\\nabla_\\theta L\n$$\n\nand a fence inside:\n\n$$$\n$$\n$$$';
  const tree = parseMarkdown(markdown);
  const html = emailHtml(markdown, tree);
  const shown = (html.match(/<code class="language-math math-display">[^<]*<\/code>/g) ?? []).map((code) => code.replace(/<[^>]+>/g, ''));
  assert.deepEqual(shown, ['$$\n\\mathcal{I}(z) = -\\nabla_\\theta L\n$$', '$$$\n$$\n$$$']);
  assert.equal(emailHtml(markdown, tree), html, 'a second rendering of the same tree shows one pair of fences');
  // The web page's KaTeX gets the TeX without the fences: its MathML annotation keeps the TeX it was given.
  const { typesetMath } = await import('../../src/archive/math.js');
  const annotations = [...typesetMath(html).matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((match) => match[1]);
  assert.deepEqual(annotations.slice(0, 1), ['\\mathcal{I}(z) = -\\nabla_\\theta L']);
  assert.doesNotMatch(typesetMath(html), /\$\$\$/, 'the longer fence is taken off too');
});

test('the HTML email shows math as written however often a tree is rendered: the parsed tree is never changed', () => {
  const markdown = 'A formula $x^2$ here.';
  const tree = parseMarkdown(markdown);
  const first = emailHtml(markdown, tree);
  assert.equal(emailHtml(markdown, tree), first, 'a second rendering of the same tree (lint\'s email-size, then render) shows one pair of dollars');
  assert.match(first, />\$x\^2\$</);
});

test('converting a text keeps nothing in memory for its footnote id prefix once converted', () => {
  // A render process converts two texts per paper, each with its own prefix, for as long as the build runs (10,000 papers).
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const tree = parseMarkdown('A claim.[^1]\n\n[^1]: Its source.');
  const heapAfter = (texts: number, from: number) => {
    for (let i = from; i < from + texts; i++) markdownToHast(tree, { idPrefix: `p${i}-summary-`, links });
    collect();
    return process.memoryUsage().heapUsed;
  };
  const before = heapAfter(1000, 0);
  const after = heapAfter(20_000, 1000);
  // One processor kept per prefix held ~1.7 KB each: 34 MB here.
  assert.ok(after - before < 8_000_000, `${((after - before) / 1e6).toFixed(1)} MB kept by 20,000 conversions`);
});
