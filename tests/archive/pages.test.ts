import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PaperRecord } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { indexFileLinks, planPages } from '../../src/archive/pages.js';
import { summarizeIssue, type IssueOutput } from '../../src/archive/issue-output.js';

const config = { name: 'Test', description: undefined, baseUrl: 'https://news.example.org/' };

function record(i: number, tags: string[]): PaperRecord {
  const text = { markdown: 'Summary.', plain: 'Summary.', html: '<p>Summary.</p>' };
  return {
    id: `arxiv:2301.${String(i).padStart(5, '0')}`,
    title: `Paper ${i}`,
    url: `https://arxiv.org/abs/2301.${String(i).padStart(5, '0')}`,
    authors: ['Ada Lovelace'],
    year: 2023,
    venue: undefined,
    arxiv: `2301.${String(i).padStart(5, '0')}`,
    tags,
    section: [],
    highlight: false,
    summarizer: undefined,
    via: undefined,
    issue: { number: 1, date: '2023-01-02', title: 'One' },
    anchor: `paper-${i}`,
    summary: text,
    opinion: undefined,
    prerequisites: undefined,
  };
}

function issueWith(papers: PaperRecord[]): IssueOutput {
  return { number: 1, title: 'One', date: '2023-01-02', subject: '#1: One', content: {} as IssueOutput['content'], email: { html: '', text: '' }, papers };
}

test('a tag or author with more than 400 papers gets pages of 400, linked to each other', () => {
  const issue = issueWith(Array.from({ length: 401 }, (_, i) => record(i, ['big'])));
  const database = buildPaperDatabase([summarizeIssue(issue, 'hash', [])]);
  const pages = planPages(config, [], database, new Map(database.papers.map((paper) => [paper, ''])), { rendering: () => issue, records: () => issue.papers });
  const tagPages = pages.filter((page) => page.path.startsWith('tags/big/'));
  assert.deepEqual(tagPages.map((page) => page.path), ['tags/big/index.html', 'tags/big/page/2/index.html']);
  assert.deepEqual(tagPages.map((page) => (page.view().rows as unknown[]).length), [400, 1]);
  assert.deepEqual(tagPages[1]!.view().pages, [
    { label: '1', href: '../../../../tags/big/', current: false },
    { label: '2', href: '../../../../tags/big/page/2/', current: true },
  ]);
  assert.ok(pages.some((page) => page.path === 'authors/ada-lovelace/page/2/index.html'));
});

test('a tag with 400 papers or fewer is one page without page links', () => {
  const issue = issueWith(Array.from({ length: 3 }, (_, i) => record(i, ['small'])));
  const database = buildPaperDatabase([summarizeIssue(issue, 'hash', [])]);
  const pages = planPages(config, [], database, new Map(database.papers.map((paper) => [paper, ''])), { rendering: () => issue, records: () => issue.papers });
  const tagPages = pages.filter((page) => page.path.startsWith('tags/small/'));
  assert.deepEqual(tagPages.map((page) => [page.path, page.view().pages]), [['tags/small/index.html', []]]);
});

test('a link the site makes to a folder names its index.html (a site opened from disk has no server to answer a folder); other links and text stay as they are', () => {
  const cases: [root: string, href: string, expected: string][] = [
    ['./', './', './index.html'],
    ['../../', '../../', '../../index.html'],
    ['../../', '../../papers/x/', '../../papers/x/index.html'],
    ['../../', '../../issues/2/#a', '../../issues/2/index.html#a'],
    ['../../', '../../papers/x/?q=1', '../../papers/x/index.html?q=1'],
    ['../', '../papers/x/', '../papers/x/index.html'],
    // Not the site's: an editor's relative link, anchors, files, links out, absolute paths, a folder without its slash.
    ['../../', 'docs/', 'docs/'],
    ['../../', '#a', '#a'],
    ['../../', '', ''],
    ['../../', '../../feed.xml', '../../feed.xml'],
    ['../../', '../../a/b.html#c', '../../a/b.html#c'],
    ['../../', 'https://example.org/papers/', 'https://example.org/papers/'],
    ['../../', 'mailto:editor@example.org', 'mailto:editor@example.org'],
    ['../../', '/papers/', '/papers/'],
    ['../../', '../../papers', '../../papers'],
  ];
  for (const [root, href, expected] of cases) assert.equal(indexFileLinks(`<a class="x" href="${href}">t</a>`, root), `<a class="x" href="${expected}">t</a>`, `${root} ${href}`);
  // Attributes as written: single quotes, no quotes, another case, a line break before; other attributes untouched.
  assert.equal(indexFileLinks("<a href='../tags/'>t</a>", '../'), "<a href='../tags/index.html'>t</a>");
  assert.equal(indexFileLinks('<a href=../tags/>t</a>', '../'), '<a href=../tags/index.html>t</a>');
  assert.equal(indexFileLinks('<A HREF="../tags/">t</A>', '../'), '<A HREF="../tags/index.html">t</A>');
  assert.equal(indexFileLinks('<a\n  href="../tags/" data-x="../y/">t</a>', '../'), '<a\n  href="../tags/index.html" data-x="../y/">t</a>');
  assert.equal(indexFileLinks('<a title="a > b" href="../tags/">t</a>', '../'), '<a title="a > b" href="../tags/index.html">t</a>');
  // Text is text: an attribute written in prose, or another attribute's value that holds one.
  assert.equal(indexFileLinks('<p>the attribute href="../guide/" matters</p>', '../'), '<p>the attribute href="../guide/" matters</p>');
  assert.equal(indexFileLinks('<code>&#x3C;a href="../x/"></code>', '../'), '<code>&#x3C;a href="../x/"></code>');
  assert.equal(indexFileLinks('<abbr title=\' href="../x/"\'>t</abbr>', '../'), '<abbr title=\' href="../x/"\'>t</abbr>');
});
