import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { papersCsv, papersJson } from '../../src/archive/data-files.js';
import type { PaperRecord } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { issueUrl, paperUrl } from '../../src/render/links.js';

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
    arxiv: `2301.0000${input.paper}`,
    tags: ['t'],
    section: ['A', 'B'],
    highlight: n % 2 === 0,
    summarizer: undefined,
    via: input.title || undefined,
    issue: { number: input.issue, date: `2023-01-0${input.issue}`, title: input.title },
    anchor: `paper-${n}`,
    summary: rich(input.summary),
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

test('papers.csv written an issue at a time equals csv-stringify of every row at once', () => {
  const columns = ['highlight', 'section', 'title', 'authors', 'venue', 'year', 'via', 'summarizer', 'issue', 'date', 'summary', 'opinion', 'prerequisites', 'url', 'arxiv'];
  const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  fc.assert(
    fc.property(fc.array(record, { maxLength: 8 }), (inputs) => {
      const database = databaseOf(inputs);
      const rows = database.papers
        .flatMap((paper) => paper.coverage)
        .sort((a, b) => a.issue.number - b.issue.number || a.anchor.localeCompare(b.anchor, 'en'))
        .map((one) =>
          [
            one.highlight ? 'yes' : '',
            one.section.join(' / '),
            one.title,
            one.authors.join('; '),
            '',
            one.year === undefined ? '' : String(one.year),
            one.via ?? '',
            '',
            String(one.issue.number),
            one.issue.date,
            one.summary.markdown,
            one.opinion?.markdown ?? '',
            '',
            '',
            one.arxiv ?? '',
          ].map(safe),
        );
      const once = stringify(rows, { bom: true, header: true, columns, quoted_match: /[\r\n]/, record_delimiter: '\r\n' });
      assert.equal(papersCsv(database), once);
    }),
    { numRuns: 150 },
  );
});
