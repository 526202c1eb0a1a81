import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fragmentsToIssuePage } from '../../src/archive/fragment-links.js';
import { renderIssueOutput } from '../../src/archive/issue-output.js';
import { CorpusIndex } from '../../src/issue/corpus.js';
import { extractFacts } from '../../src/issue/facts.js';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { loadTemplates } from '../../src/render/templates.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

const PAGE = 'https://news.example.org/issues/3/';

test("a paper's record leads a link to an anchor of its issue's page there, and keeps its own footnotes' links as written", () => {
  const summary = '<p>See <a href="#second-paper">the next paper</a> and a note<sup><a href="#i3-p0-summary-fn-1" id="i3-p0-summary-fnref-1">1</a></sup>.</p>';
  const footnotes = '<section class="footnotes"><ol><li id="i3-p0-summary-fn-1"><p>Back to <a href="#top">the top</a>. <a href="#i3-p0-summary-fnref-1">↩</a></p></li></ol></section>';
  const [summaryOut, opinionOut, footnotesOut] = fragmentsToIssuePage([summary, undefined, footnotes], PAGE);
  assert.equal(
    summaryOut,
    '<p>See <a href="https://news.example.org/issues/3/#second-paper">the next paper</a> and a note<sup><a href="#i3-p0-summary-fn-1" id="i3-p0-summary-fnref-1">1</a></sup>.</p>',
  );
  assert.equal(opinionOut, undefined);
  assert.equal(footnotesOut, footnotes.replace('href="#top"', 'href="https://news.example.org/issues/3/#top"'));
});

test('fragment links: a text with no link to an anchor elsewhere keeps its bytes; text that reads like an attribute is no link', () => {
  const html = '<p>Write <code>href="#top"</code> or href="#top" in a tag.</p>';
  assert.equal(fragmentsToIssuePage([html], PAGE)[0], html);
  const encoded = '<p><a href="#r%C3%A9sum%C3%A9">r</a></p><h3 id="résumé">Résumé</h3>';
  assert.equal(fragmentsToIssuePage([encoded], PAGE)[0], encoded, 'a percent-encoded fragment finds the id it names');
});

test("a summary's link to another paper's anchor leads to the issue's page from the paper's record (its page, papers.json)", () => {
  const papers = [
    '  - title: Steering again\n    url: https://example.org/steer\n    summary: |\n      See [the next paper](#second-paper) below[^1].\n\n      [^1]: A note.\n',
    '  - title: Second paper\n    url: https://example.org/second\n    summary: |\n      Back to [the first](#steering-again).\n',
  ].join('');
  const parsed = parseIssue(decodeIssueSource('issues/0003-a.md', new TextEncoder().encode(cleanIssue({ number: 3, papers, body: 'Intro.' }))));
  const config = configOf(makeRoot({}));
  const facts = extractFacts(parsed);
  const output = renderIssueOutput(parsed.issue!, { config, corpus: new CorpusIndex([facts]), facts }, loadTemplates(undefined));
  const page = new URL('issues/3/', config.baseUrl).href;
  const [first, second] = output.papers;
  assert.match(first!.summary.html, new RegExp(`href="${page}#second-paper"`));
  assert.match(first!.summary.html, /href="#i3-p0-summary-fn-1"/, "the paper's own footnote stays a link on the page that shows it");
  assert.match(second!.summary.html, new RegExp(`href="${page}#steering-again"`));
  assert.match(output.content.papers[0]!.summary.html, /href="#second-paper"/, "the issue's own page keeps the anchor as written");
});
