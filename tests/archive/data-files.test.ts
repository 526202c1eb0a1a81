import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { papersCsv, papersJson } from '../../src/archive/data-files.js';
import type { PaperRecord } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { issueUrl, paperUrl } from '../../src/render/links.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot, paperYaml } from '../helpers/fixture.js';
import { summaryText } from './fixture.js';

const config = { name: 'Test "digest"', baseUrl: 'https://news.example.org/' };

/** Text as editors write it: newlines, quotes, commas, formula starts, astral characters. */
const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '"', ',', '=', '-', 'é', '😀', '\\', '\r\n'), maxLength: 16 });

const record = fc.record({
  paper: fc.integer({ min: 0, max: 5 }),
  issue: fc.integer({ min: 1, max: 4 }),
  title: text,
  summary: text,
  opinion: fc.option(text, { nil: undefined }),
  year: fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: undefined }),
});

type Input = { paper: number; issue: number; title: string; summary: string; opinion: string | undefined; year: number | undefined };

function paperRecord(input: Input, n: number): PaperRecord {
  const rich = (markdown: string) => ({ markdown, plain: markdown, html: `<p>${markdown}</p>` });
  return {
    id: `arxiv:2301.0000${input.paper}`,
    title: input.title,
    url: undefined,
    authors: ['Ada Lovelace', input.title],
    year: input.year,
    venue: undefined,
    formerly: [],
    arxiv: `2301.0000${input.paper}`,
    tags: ['t'],
    section: ['A', 'B'],
    highlight: n % 2 === 0,
    summarizer: undefined,
    via: input.title || undefined,
    issue: { number: input.issue, date: `2023-01-0${input.issue}`, title: input.title },
    number: n + 1,
    anchor: `paper-${n}`,
    summary: summaryText(input.summary),
    opinion: input.opinion === undefined ? undefined : rich(input.opinion),
    prerequisites: undefined,
    footnotes: input.opinion === undefined ? undefined : `<section class="footnotes"><ol><li>${input.opinion}</li></ol></section>`,
  };
}

/** The issues of random records, oldest first, each paper once per issue. */
function databaseOf(inputs: readonly Input[]) {
  const issues = [1, 2, 3, 4].map((number) => ({
    papers: inputs
      .map((input, n) => paperRecord(input, n))
      .filter((record, n, all) => record.issue.number === number && all.findIndex((other) => other.issue.number === number && other.id === record.id) === n),
  }));
  return buildPaperDatabase(issues);
}

test('papers.json written a paper at a time equals JSON.stringify of the whole file, two-space indent', () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 8 }), (inputs) => {
      const database = databaseOf(inputs);
      const whole = {
        version: 1,
        newsletter: config.name,
        baseUrl: config.baseUrl,
        papers: database.papers.map((paper) => ({
          id: paper.id,
          url: `${config.baseUrl}papers/${paper.slug}/`,
          title: paper.latest.title,
          authors: paper.latest.authors,
          year: paper.latest.year ?? null,
          venue: null,
          arxiv: paper.latest.arxiv ?? null,
          link: null,
          tags: paper.tags,
          summaries: paper.coverage.map((one) => ({
            issue: { number: one.issue.number, date: one.issue.date, title: one.issue.title, url: issueUrl(config.baseUrl, one.issue.number) },
            url: paperUrl(config.baseUrl, one.issue.number, one.anchor),
            section: one.section,
            highlight: one.highlight,
            summarizer: null,
            via: one.via ?? null,
            summary: { markdown: one.summary.markdown, html: one.summary.html },
            opinion: one.opinion ? { markdown: one.opinion.markdown, html: one.opinion.html } : null,
            prerequisites: null,
            footnotes: one.footnotes ?? null,
          })),
        })),
      };
      assert.equal(papersJson(config, database), `${JSON.stringify(whole, null, 2)}\n`);
    }),
    { numRuns: 150 },
  );
});

test("papers.csv written an issue at a time equals csv-stringify of every row at once, each issue in reading order, texts without their last line breaks, its paper columns the paper's merged facts", () => {
  const columns = ['highlight', 'section', 'title', 'authors', 'venue', 'year', 'via', 'summarizer', 'issue', 'date', 'summary', 'opinion', 'prerequisites', 'url', 'arxiv'];
  const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  fc.assert(
    fc.property(fc.array(record, { maxLength: 8 }), (inputs) => {
      const database = databaseOf(inputs);
      const rows = database.papers
        .flatMap((paper) => paper.coverage.map((one) => ({ one, paper: paper.latest })))
        .sort((a, b) => a.one.issue.number - b.one.issue.number || a.one.number - b.one.number)
        .map(({ one, paper }) =>
          [
            one.highlight ? 'yes' : '',
            one.section.join(' / '),
            paper.title,
            paper.authors.join('; '),
            '',
            paper.year === undefined ? '' : String(paper.year),
            one.via ?? '',
            '',
            String(one.issue.number),
            one.issue.date,
            one.summary.markdown.replace(/[\r\n]+$/, ''),
            (one.opinion?.markdown ?? '').replace(/[\r\n]+$/, ''),
            '',
            '',
            paper.arxiv ?? '',
          ].map(safe),
        );
      const once = stringify(rows, { bom: true, header: true, columns, quoted_match: /[\r\n]/, record_delimiter: '\r\n' });
      assert.equal(papersCsv(database), once);
    }),
    { numRuns: 150 },
  );
});

test('papers.csv lists an issue’s papers in the order its email shows them (highlights first), each summary without its last line break', async () => {
  const paper = (title: string, arxiv: string, highlight: boolean) =>
    paperYaml({ title, url: `https://arxiv.org/abs/${arxiv}`, arxiv, summary: `${title} in two lines\n      of summary.` }) + (highlight ? '    highlight: true\n' : '');
  const root = makeRoot({ 'issues/0001-order.md': cleanIssue({ papers: paper('Zeta', '2301.00001', false) + paper('Alpha', '2301.00002', false) + paper('Mu', '2301.00003', true) }) });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const rows = parseCsv(readFileSync(join(root, 'dist', 'papers.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
  assert.deepEqual(
    rows.map((row) => row.title),
    ['Mu', 'Zeta', 'Alpha'],
  );
  const email = readFileSync(join(root, 'dist', 'issues', '1', 'email.txt'), 'utf8');
  assert.ok(email.indexOf('Mu') < email.indexOf('Zeta') && email.indexOf('Zeta') < email.indexOf('Alpha'), 'the email shows them in this order');
  assert.equal(rows[0]!.summary, 'Mu in two lines\nof summary.');
  assert.equal(rows[0]!.opinion, 'A short opinion on the paper.');
  const exported = await runCli(['papers', 'export', '--format', 'csv'], { cwd: root });
  assert.equal(exported.stdout, readFileSync(join(root, 'dist', 'papers.csv'), 'utf8'), '`papers export` writes the same file');
});

test('papers.json and the plaintext email write each URL as the URL Standard serializes it (ASCII: path and anchor percent-encoded, host in punycode); the HTML keeps the anchor as its id', async () => {
  const papers = `  - title: Résumé
    url: https://bücher.example/wiki/Café#Überblick
    authors: [Ada Lovelace]
    year: 2023
    summary: |
      A summary.
  - title: Another paper
    url: https://example.org/another
    authors: [Ada Lovelace]
    year: 2023
    summary: |
      See [the résumé](paper:https://bücher.example/wiki/Café).
`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, papers }) });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const data = JSON.parse(readFileSync(join(root, 'dist', 'papers.json'), 'utf8')) as { papers: { url: string; link: string; summaries: { url: string; issue: { url: string } }[] }[] };
  const urls = data.papers.flatMap((paper) => [paper.url, paper.link, ...paper.summaries.flatMap((summary) => [summary.url, summary.issue.url])]);
  for (const url of urls) assert.equal(url, new URL(url).href);
  assert.ok(urls.includes('https://xn--bcher-kva.example/wiki/Caf%C3%A9#%C3%9Cberblick'), urls.join('\n'));
  assert.ok(urls.includes('https://news.example.org/issues/1/#r%C3%A9sum%C3%A9'), urls.join('\n'));
  const text = readFileSync(join(root, 'dist', 'issues', '1', 'email.txt'), 'utf8');
  const written: string[] = text.match(/https?:\/\/\S+/g) ?? [];
  assert.deepEqual(
    written.filter((url) => url !== new URL(url).href),
    [],
  );
  assert.ok(written.includes('https://news.example.org/issues/1/#r%C3%A9sum%C3%A9'), text);
  // What a reader's browser reads is unchanged: the anchor as its id, and the link to it as written.
  const page = readFileSync(join(root, 'dist', 'issues', '1', 'email.html'), 'utf8');
  assert.ok(page.includes('href="https://news.example.org/issues/1/#résumé"'), page);
});
