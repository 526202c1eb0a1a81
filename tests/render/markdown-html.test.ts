import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusIndex } from '../../src/issue/corpus.js';
import type { IssueFacts } from '../../src/issue/facts.js';
import { parseMarkdown } from '../../src/issue/markdown.js';
import type { LinkContext } from '../../src/render/links.js';
import { bodyToHtml, markdownToHtml } from '../../src/render/markdown-html.js';

const published = (number: number, papers: { id: string; title: string; anchor: string }[]): IssueFacts => ({
  path: `/issues/${number}.md`,
  readable: true,
  number,
  numberPosition: { start: { line: 2, column: 9 }, end: { line: 2, column: 10 } },
  title: `Issue ${number}`,
  date: '2023-05-29',
  status: 'sent',
  papers: papers.map((paper) => ({ ...paper, position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } })),
  references: [],
});

const links: LinkContext = {
  baseUrl: 'https://news.example.org/',
  corpus: new CorpusIndex([published(7, [{ id: 'arxiv:2304.15004', title: 'Mirage', anchor: 'mirage' }])]),
  from: undefined,
};
const html = (markdown: string, idPrefix = 'p0-summary-') => markdownToHtml(parseMarkdown(markdown), { idPrefix, links });

test('markdown-html: the shared tree is never mutated', () => {
  const tree = parseMarkdown('[x](paper:2304.15004) ![i](/a.png) [rel](docs/) text[^1]\n\n[^1]: a note\n');
  const before = structuredClone(tree);
  markdownToHtml(tree, { idPrefix: 'a-', links });
  bodyToHtml(tree, { idPrefix: 'b-', links });
  assert.deepEqual(tree, before);
});

test('markdown-html: a cross-reference links to the summary in the archive, with "(#N)" after the link text', () => {
  assert.equal(
    html('See [the mirage paper](paper:2304.15004) and [that issue](issue:7).'),
    '<p>See <a href="https://news.example.org/issues/7/#mirage">the mirage paper</a> (#7) and <a href="https://news.example.org/issues/7/">that issue</a> (#7).</p>',
  );
});

test('markdown-html: unresolvable and unsafe links become their text; relative links become absolute', () => {
  assert.equal(
    html('[gone](paper:9999.99999) [js](javascript:alert(1)) [data](data:text/html,x) [rel](docs/x) [mail](mailto:a@b.example)'),
    '<p>gone js data <a href="https://news.example.org/docs/x">rel</a> <a href="mailto:a@b.example">mail</a></p>',
  );
});

test('markdown-html: images are absolute with alt and width; data: images are reduced to their alt text', () => {
  assert.equal(html('![A chart](/img/chart.png)'), '<p><img src="https://news.example.org/img/chart.png" alt="A chart" width="560"></p>');
  assert.equal(html('![](https://x.example/i.png)'), '<p><img src="https://x.example/i.png" alt="" width="560"></p>');
  assert.equal(html('![pixel](data:image/png;base64,AAAA)'), '<p>pixel</p>');
});

test('markdown-html: raw HTML never reaches the output', () => {
  const output = html('a <script>alert(1)</script> <img src=x onerror=alert(1)> <iframe src="https://x"></iframe>\n\n<style>p{}</style>\n\n<div onclick="x()">d</div>');
  assert.doesNotMatch(output, /<script|<iframe|<style|onerror|onclick|<div/);
});

test('markdown-html: two texts using [^1] get distinct ids, and every footnote link lands on an id of its own text', () => {
  const note = 'Claim[^1].\n\n[^1]: The note.\n';
  const page = html(note, 'p0-summary-') + html(note, 'p1-opinion-');
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
  const targets = [...page.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]);
  assert.equal(targets.length, 4);
  for (const target of targets) assert.ok(ids.includes(target), `#${target} has no element`);
  const describedBy = [...page.matchAll(/aria-describedby="([^"]+)"/g)].map((match) => match[1]);
  for (const id of describedBy) assert.ok(ids.includes(id), `aria-describedby ${id} has no element`);
});

test('markdown-html: the body splits at the papers marker, its footnotes collected after the closing', () => {
  const tree = parseMarkdown('Intro[^a].\n\n[^a]: Defined before the marker.\n\n<!-- papers -->\n\nClosing[^a].\n');
  const body = bodyToHtml(tree, { idPrefix: 'body-', links });
  assert.match(body.intro, /^<p>Intro<sup>/);
  assert.doesNotMatch(body.intro, /footnotes|Closing/);
  assert.match(body.outro, /<p>Closing<sup>[\s\S]*<section data-footnotes[\s\S]*Defined before the marker/);
});

test('markdown-html: without a marker the whole body is the intro and its footnotes still come last', () => {
  const body = bodyToHtml(parseMarkdown('Only text[^n].\n\n[^n]: Note.\n'), { idPrefix: 'body-', links });
  assert.doesNotMatch(body.intro, /footnotes/);
  assert.match(body.outro, /^<section data-footnotes/);
});
