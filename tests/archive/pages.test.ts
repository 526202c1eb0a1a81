import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PaperRecord } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { planPages } from '../../src/archive/pages.js';
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
    footnotes: undefined,
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
