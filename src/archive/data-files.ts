import { stringify } from 'csv-stringify/sync';
import type { Config } from '../config/load.js';
import { issueUrl, paperUrl } from '../render/links.js';
import type { PaperRecord, RecordText } from './issue-output.js';
import type { PaperDatabase } from './paper-database.js';

/** Version of the `papers.json` format (docs/outputs.md): a reader can refuse one it does not know. */
const PAPERS_JSON_VERSION = 1;

type SiteConfig = Pick<Config, 'name' | 'baseUrl'>;

/**
 * `papers.json`: every paper once, with each summary it got (docs/outputs.md
 * gives the schema). Markdown as written and the web HTML, never private
 * notes. Keys in a fixed order, two-space indent: diffs stay readable.
 */
export function papersJson(config: SiteConfig, database: PaperDatabase): string {
  const papers = database.papers.map((paper) => ({
    id: paper.id,
    url: new URL(`papers/${paper.slug}/`, config.baseUrl).href,
    title: paper.latest.title,
    authors: paper.latest.authors,
    year: paper.latest.year ?? null,
    venue: paper.latest.venue ?? null,
    arxiv: paper.latest.arxiv ?? null,
    link: paper.latest.url ?? null,
    tags: paper.tags,
    summaries: paper.coverage.map((record) => ({
      issue: { number: record.issue.number, date: record.issue.date, title: record.issue.title, url: issueUrl(config.baseUrl, record.issue.number) },
      url: paperUrl(config.baseUrl, record.issue.number, record.anchor),
      section: record.section,
      highlight: record.highlight,
      summarizer: record.summarizer ?? null,
      via: record.via ?? null,
      summary: jsonText(record.summary),
      opinion: record.opinion ? jsonText(record.opinion) : null,
      prerequisites: record.prerequisites ? jsonText(record.prerequisites) : null,
    })),
  }));
  return `${JSON.stringify({ version: PAPERS_JSON_VERSION, newsletter: config.name, baseUrl: config.baseUrl, papers }, null, 2)}\n`;
}

function jsonText(text: RecordText): { markdown: string; html: string } {
  return { markdown: text.markdown, html: text.html };
}

/** The columns research editors keep (the Alignment Newsletter's spreadsheet), in order. */
const CSV_COLUMNS = [
  'highlight',
  'section',
  'title',
  'authors',
  'venue',
  'year',
  'via',
  'summarizer',
  'issue',
  'date',
  'summary',
  'opinion',
  'prerequisites',
  'url',
  'arxiv',
] as const;

/**
 * `papers.csv`: one row per summary, oldest issue first, UTF-8 with a BOM
 * (Excel reads UTF-8 only with one), newlines kept inside quoted cells
 * (RFC 4180), and every cell that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or CR: OWASP's CSV injection list)
 * prefixed with `'`.
 */
export function papersCsv(database: PaperDatabase): string {
  const rows = database.papers
    .flatMap((paper) => paper.coverage)
    .sort((a, b) => a.issue.number - b.issue.number || a.anchor.localeCompare(b.anchor, 'en'))
    .map((record) => csvRow(record).map(formulaSafe));
  return stringify(rows, { bom: true, header: true, columns: [...CSV_COLUMNS], quoted_match: /[\r\n]/, record_delimiter: '\r\n' });
}

function csvRow(record: PaperRecord): string[] {
  return [
    record.highlight ? 'yes' : '',
    record.section.join(' / '),
    record.title,
    record.authors.join('; '),
    record.venue ?? '',
    record.year === undefined || record.year === null ? '' : String(record.year),
    record.via ?? '',
    record.summarizer ?? '',
    String(record.issue.number),
    record.issue.date,
    record.summary.markdown,
    record.opinion?.markdown ?? '',
    record.prerequisites?.markdown ?? '',
    record.url ?? '',
    record.arxiv ?? '',
  ];
}

function formulaSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
