import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { archiveRoot, paperRecord } from './fixture.js';
import type { PaperRecord } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { planPages } from '../../src/archive/pages.js';
import { summarizeIssue, type IssueOutput } from '../../src/archive/issue-output.js';

const config = { name: 'Test', description: undefined, baseUrl: 'https://news.example.org/', language: 'en' };

const record = (i: number, tags: string[]): PaperRecord => paperRecord(i, { tags });

function issueWith(papers: PaperRecord[]): IssueOutput {
  return { number: 1, formerly: [], title: 'One', date: '2023-01-02', subject: '#1: One', draft: false, content: {} as IssueOutput['content'], email: { html: '', text: '' }, papers };
}

test('a tag or author with more than 400 papers gets pages of 400, linked to each other', () => {
  const issue = issueWith(Array.from({ length: 401 }, (_, i) => record(i, ['big'])));
  const database = buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]);
  const pages = planPages(config, [], database, () => '', { rendering: () => issue, records: () => issue.papers });
  const tagPages = pages.filter((page) => page.path.startsWith('tags/big/'));
  assert.deepEqual(tagPages.map((page) => page.path), ['tags/big/index.html', 'tags/big/page/2/index.html']);
  assert.deepEqual(tagPages.map((page) => (page.view().rows as unknown[]).length), [400, 1]);
  assert.deepEqual(tagPages[1]!.view().navs, [
    {
      label: 'Pages',
      pages: [
        { label: '1', href: '../../../../tags/big/', current: false },
        { label: '2', href: '../../../../tags/big/page/2/', current: true },
      ],
    },
  ]);
  assert.ok(pages.some((page) => page.path === 'authors/ada-lovelace/page/2/index.html'));
});

test('a tag with 400 papers or fewer is one page without page links', () => {
  const issue = issueWith(Array.from({ length: 3 }, (_, i) => record(i, ['small'])));
  const database = buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]);
  const pages = planPages(config, [], database, () => '', { rendering: () => issue, records: () => issue.papers });
  const tagPages = pages.filter((page) => page.path.startsWith('tags/small/'));
  assert.deepEqual(tagPages.map((page) => [page.path, page.view().navs]), [['tags/small/index.html', [{ label: 'Pages', pages: [] }]]]);
});

test('papers without a year (or of one year) past 800 get pages of 800, linked to each other; the papers page is the first', () => {
  const issue = issueWith(Array.from({ length: 801 }, (_, i) => ({ ...record(i, ['t']), year: undefined })));
  const database = buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]);
  const pages = planPages(config, [], database, () => '', { rendering: () => issue, records: () => issue.papers });
  const yearPages = pages.filter((page) => page.path.startsWith('papers/year/') || page.path === 'papers/index.html');
  assert.deepEqual(
    yearPages.map((page) => [page.path, page.title, (page.view().rows as unknown[]).length]),
    [
      ['papers/index.html', 'Every paper we summarized', 800],
      ['papers/year/undated/index.html', 'Papers without a year (page 1 of 2)', 800],
      ['papers/year/undated/page/2/index.html', 'Papers without a year (page 2 of 2)', 1],
    ],
  );
  const navs = (page: (typeof yearPages)[number]) => page.view().navs as { label: string; pages: { href: string; current: boolean }[] }[];
  assert.deepEqual(navs(yearPages[0]!)[1], { label: 'Pages of the papers without a year', pages: [{ label: '1', href: '../papers/year/undated/', current: true }, { label: '2', href: '../papers/year/undated/page/2/', current: false }] });
  assert.deepEqual(navs(yearPages[2]!)[1]!.pages.map((page) => page.href), ['../../../../../papers/year/undated/', '../../../../../papers/year/undated/page/2/']);
});

test('an issue page links to the previous and next issues, and an archive of one issue has no empty pager', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  assert.doesNotMatch(readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8'), /class="pager"/);
  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, date: '2023-06-05' }));
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  assert.match(readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8'), /<nav class="pager"[^>]*>\n\n<a rel="next" href="[^"]*">#2: /);
});

test('the home page counts each issue\'s papers in the right number: "1 paper", "2 papers"', async () => {
  const root = archiveRoot();
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const counts = [...readFileSync(join(root, 'dist', 'index.html'), 'utf8').matchAll(/<\/time> · ([^<]*)<\/p>/g)].map((match) => match[1]);
  assert.deepEqual(counts, ['1 paper', '2 papers', '1 paper']);
});

test('"Łukasz Kaiser" and "Lukasz Kaiser" in two issues are one author page, at lukasz-kaiser', async () => {
  const authors = (names: string) => (text: string) => text.replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', `authors: [${names}]`);
  const root = makeRoot({
    'issues/0001-a.md': authors('Łukasz Kaiser')(cleanIssue({ number: 1 })),
    'issues/0002-b.md': authors('Lukasz Kaiser')(cleanIssue({ number: 2, date: '2023-06-05' })),
  });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  assert.deepEqual(readdirSync(join(root, 'dist', 'authors')).sort(), ['index.html', 'lukasz-kaiser']);
  const index = readFileSync(join(root, 'dist', 'authors', 'index.html'), 'utf8');
  assert.deepEqual([...index.matchAll(/href="([^"]*)">[ŁL]ukasz Kaiser</g)].map((match) => match[1]), ['../authors/lukasz-kaiser/index.html']);
  assert.match(readFileSync(join(root, 'dist', 'authors', 'lukasz-kaiser', 'index.html'), 'utf8'), /Are Emergent Abilities/);
});

test('an issue page offers its email files as "This issue as an email", for a ready or draft issue as for a sent one: it never says they are what was emailed', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1, status: 'sent' }),
    'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-05', status: 'ready' }),
    'issues/0003-c.md': cleanIssue({ number: 3, date: '2023-06-12', status: 'draft' }),
  });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: true, cache: false });
  for (const number of ['1', '2', '3']) {
    const page = readFileSync(join(root, 'dist', 'issues', number, 'index.html'), 'utf8');
    assert.match(page, /<p class="alternates">This issue as an email: <a href="email.html" aria-label="HTML email">HTML<\/a>, <a href="email.txt" aria-label="Plaintext email">plaintext<\/a>.<\/p>/, number);
    assert.doesNotMatch(page, /emailed/, number);
  }
});

test('an issue page names its editor as the email does: "Edited by …"', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }).replace('status: sent\n', 'status: sent\neditor: Mira Okafor\n') });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  assert.match(readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8'), /<p class="meta">Issue #1 · <time datetime="2023-05-29">29 May 2023<\/time> · Edited by Mira Okafor<\/p>/);
});

test('without JavaScript the papers page offers the years only; where scripts run the stylesheet shows the search form and the lead that offers search', async () => {
  const root = archiveRoot();
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  for (const path of ['papers/index.html', 'papers/year/2017/index.html']) {
    const page = readFileSync(join(root, 'dist', path), 'utf8');
    assert.match(page, /<p class="lead"><span class="without-script">3 papers from 3 issues\. Pick a year\.<\/span><span class="with-script">3 papers from 3 issues\. Pick a year, or search and filter them all\.<\/span><\/p>/, path);
    assert.match(page, /<form class="paper-search" role="search" [^>]*data-lead="3 papers from 3 issues\. Pick a year, or search and filter them all\."/, path);
  }
});

test('a paper page credits each summary as the issue page does: "Summarized by" and "H/T"', async () => {
  const credited = (text: string) => text.replace('    summary: |', '    summarizer: Ana Lucía Pérez\n    via: "@janleike"\n    summary: |');
  const root = makeRoot({ 'issues/0001-a.md': credited(cleanIssue({ number: 1 })) });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  for (const path of ['issues/1/index.html', 'papers/2304.15004/index.html']) {
    const html = readFileSync(join(root, 'dist', path), 'utf8');
    assert.match(html, /<p class="credit">Summarized by Ana Lucía Pérez<\/p>/, path);
    assert.match(html, /<p class="credit">H\/T @janleike<\/p>/, path);
  }
});

test('a paper of more than 20 authors shows its first 10 in a list\'s rows and "and N more authors" linking to its page, which names them all, as the data files do; one of 20 shows them all', async () => {
  const names = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
  const paper = (title: string, arxiv: string, authors: string[]) => `  - title: ${title}
    url: https://arxiv.org/abs/${arxiv}
    arxiv: "${arxiv}"
    authors: [${authors.join(', ')}]
    year: 2023
    tags: [collaboration]
    summary: |
      A report.
`;
  const big = names(25, 'Member');
  const ordinary = names(20, 'Author');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, papers: paper('A big collaboration', '2301.00001', big) + paper('An ordinary team', '2301.00002', ordinary) }) });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const bigRow = (href: string) => `<td>${big.slice(0, 10).join(', ')} and <a href="${href}">15 more authors</a></td>`;
  const ordinaryRow = `<td>${ordinary.slice(0, 19).join(', ')} and Author 19</td>`;
  for (const [path, href] of [
    ['authors/member-24/index.html', '../../papers/2301.00001/index.html'],
    ['tags/collaboration/index.html', '../../papers/2301.00001/index.html'],
    ['papers/index.html', '../papers/2301.00001/index.html'],
  ] as const) {
    const page = read(path);
    assert.ok(page.includes(bigRow(href)), path);
    assert.ok(!page.includes('Member 10'), path);
    if (path !== 'authors/member-24/index.html') assert.ok(page.includes(ordinaryRow), path);
  }
  // The paper's page, its data and the filter's catalog keep every name.
  for (const name of big) assert.ok(read('papers/2301.00001/index.html').includes(`>${name}</a>`), name);
  const json = JSON.parse(read('papers.json')) as { papers: { title: string; authors: string[] }[] };
  assert.deepEqual(json.papers.find((entry) => entry.title === 'A big collaboration')!.authors, big);
  assert.ok(read('papers/catalog.js').includes(big.join('\\n')));
  // The search index, one name at a time as the rows join them (render/format.ts `namePairs`).
  assert.ok(read('search/2023.js').includes('["Member 23"," and "],["Member 24",""]'));
});

test('an issue page names each other issue covering its paper once: a sent issue listing the paper twice is "Also covered in #2", linking to its first summary there', async () => {
  const paper = cleanIssue().match(/^papers:\n([\s\S]*?)^---$/m)![1]!;
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    // Sent with one paper twice (a lint error the build does not check again on a sent issue).
    'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-05', papers: paper + paper.replace('Smooth metrics show', 'Again, smooth metrics show') }),
  });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const page = readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8');
  const [said] = page.match(/<p class="also-covered">[\s\S]*?<\/p>/g) ?? [];
  assert.match(said ?? '', /^<p class="also-covered">Also covered in <a href="[^"]*\/issues\/2\/index\.html#([^"]+)" aria-label="Issue #2, its summary of this paper">#2<\/a>\.<\/p>$/);
  const issueTwo = readFileSync(join(root, 'dist', 'issues', '2', 'index.html'), 'utf8');
  const anchor = /#([^"]+)"/.exec(said!)![1]!;
  assert.ok(issueTwo.indexOf(`id="${anchor}"`) < issueTwo.indexOf('Again, smooth metrics'), 'the link leads to the first summary of the paper in #2');
});

test("planning the pages reads no paper's authors or sections until a page's key or view asks: a rebuild after one edit keeps the other pages' keys", () => {
  const issue = issueWith(Array.from({ length: 3 }, (_, i) => record(i, ['t'])));
  const database = buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]);
  // Each read of a paper's merged authors or section counted, the values as they were.
  let reads = 0;
  for (const paper of database.papers) {
    const { authors, section } = paper.latest;
    Object.defineProperties(paper.latest, {
      authors: { get: () => (reads++, authors), enumerable: true },
      section: { get: () => (reads++, section), enumerable: true },
    });
  }
  const pages = planPages(config, [summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])], database, () => '', { rendering: () => issue, records: () => issue.papers });
  assert.equal(reads, 0);
  const list = pages.find((page) => page.path === 'tags/t/index.html')!;
  const key = list.key();
  assert.ok(reads > 0);
  // The key once made is the same, and the view's rows are the papers'.
  assert.equal(list.key(), key);
  assert.deepEqual((list.view().rows as { authors: string }[]).map((row) => row.authors).length, 3);
});
