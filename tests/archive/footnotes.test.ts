import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { load } from 'cheerio/slim';
import { isFootnoteId } from '../../src/issue/footnote-ids.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';
import { emailValidator, htmlProblems, pageValidator } from '../helpers/html-validate.js';
import { BASE_URL } from './fixture.js';
import { brokenLinks, inPageLinkProblems } from './site-check.js';

// The same paper, first in two issues, a footnote in each summary and opinion: the same ids within each issue.
const NOTES = ['Note-one-summary', 'Note-one-opinion', 'Note-two-summary', 'Note-two-opinion'];
const issue = (number: number, date: string) =>
  cleanIssueWithMarkdown(
    {
      summary: `Smooth metrics show smooth scaling[^1].\n\n[^1]: ${NOTES[(number - 1) * 2]} with $x^2$ typeset.\n`,
      opinion: `Convincing[^1].\n\n[^1]: ${NOTES[(number - 1) * 2 + 1]}.\n`,
    },
    { number, date, title: `Issue ${number}` },
  );

let site: string;

before(async () => {
  const root = makeRoot({ 'issues/0001-a.md': issue(1, '2023-05-29'), 'issues/0002-b.md': issue(2, '2023-06-05') });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  site = join(root, 'dist');
});

const read = (path: string) => readFileSync(join(site, path), 'utf8');

test("a paper's footnotes are on its issue page, after its texts, each reference landing on its note, math typeset", () => {
  const page = read('issues/1/index.html');
  for (const note of NOTES.slice(0, 2)) assert.match(page, new RegExp(note));
  assert.match(page, /<section class="footnotes">/);
  assert.match(page, /Note-one-summary with <span class="katex">/);
  assert.deepEqual(brokenLinks(site, BASE_URL), []);
});

test("a paper's page shows the footnotes of every issue that covered it, no id twice", () => {
  const page = read('papers/2304.15004/index.html');
  for (const note of NOTES) assert.match(page, new RegExp(note));
  const ids = [...page.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test("the feeds and papers.json carry a paper's footnotes", () => {
  for (const feed of ['feed.xml', 'atom.xml', 'feed.json']) for (const note of NOTES) assert.match(read(feed), new RegExp(note), `${feed}: ${note}`);
  const data = JSON.parse(read('papers.json')) as { papers: { summaries: { footnotes: string | null }[] }[] };
  const footnotes = data.papers[0]!.summaries.map((summary) => summary.footnotes ?? '');
  assert.match(footnotes[0]!, /^<section class="footnotes">.*Note-one-summary.*Note-one-opinion/s);
  assert.match(footnotes[1]!, /Note-two-summary.*Note-two-opinion/s);
});

test('footnote labels of any characters give valid ids on the issue page, the paper page and the email, each link landing on its own note', async () => {
  // `"` and `%22` were one id (`fn-%22`), as were `a`'s second reference and `a-2`'s first (`fnref-a-2`); `%zz` failed the rendering.
  const labels = { 'ü': 'umlaut', '<script>': 'tag', '"': 'quote', '%22': 'percent', a: 'a', 'a-2': 'a-two', '%zz': 'zz', Note1: 'plain' };
  const references = Object.keys(labels).map((label) => `x[^${label}]`).join(' ');
  const definitions = Object.entries(labels).map(([label, name]) => `[^${label}]: Note-${name}.`).join('\n');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary: `${references} again[^a].\n\n${definitions}\n` }) });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const pages = { 'issues/1/index.html': pageValidator, 'papers/2304.15004/index.html': pageValidator, 'issues/1/email.html': emailValidator };
  for (const [path, validator] of Object.entries(pages)) {
    const html = readFileSync(join(root, 'dist', path), 'utf8');
    const byId = (href: string) => `[id="${href.slice(1)}"]`;
    assert.deepEqual(await htmlProblems(validator, html), [], path);
    assert.deepEqual(inPageLinkProblems(html), [], path);
    const $ = load(html);
    const notes = $('a[data-footnote-ref]')
      .toArray()
      .map((reference) => $(byId(reference.attribs.href!)).text().trim());
    Object.values(labels).forEach((name, i) => assert.match(notes[i]!, new RegExp(`^Note-${name}\\.`), `${path}: the reference to note ${name}`));
    // In the namespace no paper's anchor takes (issue/anchors.ts).
    for (const element of $('li[id], a[data-footnote-ref]').toArray()) assert.ok(isFootnoteId(element.attribs.id!), `${path}: ${element.attribs.id}`);
    // An ASCII letters-and-digits label keeps the id it always had.
    assert.match(html, /<li id="i1-p0-summary-fn-note1"/, path);
  }
});
