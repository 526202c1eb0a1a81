import { stringify } from 'csv-stringify/sync';
import type { Config } from '../config/load.js';
import { issueUrl, paperUrl, serializedUrl } from '../render/links.js';
import type { PaperRecord, RecordFacts, RecordText } from './issue-output.js';
import type { PaperDatabase, PaperEntry } from './paper-database.js';

/** Version of the `papers.json` format (docs/outputs.md): a reader can refuse one it does not know. */
const PAPERS_JSON_VERSION = 1;

type SiteConfig = Pick<Config, 'name' | 'baseUrl'>;

/** A data file as its parts, so a rebuild can keep the bytes of every part whose inputs did not change (see splice.ts). */
export interface DataFileParts {
  header: string;
  /** Between two parts. */
  separator: string;
  footer: string;
  /** The whole file when there are no parts (a format may write an empty list differently). */
  empty: string;
}

/** The pieces of `papers.json` around its papers: `header + paper + separator + paper + … + footer` is `papersJson`. */
export function papersJsonParts(config: SiteConfig): DataFileParts {
  const top = { version: PAPERS_JSON_VERSION, newsletter: config.name, baseUrl: config.baseUrl, papers: [] };
  const empty = `${JSON.stringify(top, null, 2)}\n`;
  // `"papers": []` is the last key: the header is everything before its `]`, and each paper sits two levels deep.
  return { header: `${empty.slice(0, empty.lastIndexOf(']'))}\n    `, separator: ',\n    ', footer: '\n  ]\n}\n', empty };
}

/**
 * One paper of `papers.json`, as `JSON.stringify(…, null, 2)` writes it two
 * levels deep (a JSON string holds no raw newline, so indenting after each
 * newline is exact; tests/archive compare with the whole file stringified).
 */
export function papersJsonPart(config: SiteConfig, paper: PaperEntry): string {
  const entry = {
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
      url: serializedUrl(paperUrl(config.baseUrl, record.issue.number, record.anchor)),
      section: record.section,
      highlight: record.highlight,
      summarizer: record.summarizer ?? null,
      via: record.via ?? null,
      summary: jsonText(record.summary),
      opinion: record.opinion ? jsonText(record.opinion) : null,
      prerequisites: record.prerequisites ? jsonText(record.prerequisites) : null,
      footnotes: record.footnotes ?? null,
    })),
  };
  return JSON.stringify(entry, null, 2).replaceAll('\n', '\n    ');
}

/**
 * `papers.json`: every paper once, with each summary it got (docs/outputs.md
 * gives the schema). Markdown as written and the web HTML, never private
 * notes. Keys in a fixed order, two-space indent: diffs stay readable.
 */
export function papersJson(config: SiteConfig, database: PaperDatabase): string {
  return joinParts(papersJsonParts(config), database.papers.map((paper) => papersJsonPart(config, paper)));
}

/** A data file from its parts. */
export function joinParts(parts: DataFileParts, texts: readonly string[]): string {
  return texts.length === 0 ? parts.empty : `${parts.header}${texts.join(parts.separator)}${parts.footer}`;
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
 * `papers.csv`: one row per summary, oldest issue first and each issue's
 * in its reading order, its paper's columns (title, authors, venue, year,
 * url, arXiv id) the paper's merged facts (`PaperEntry.latest`): no row
 * shows less of its paper than the paper has. UTF-8 with a BOM
 * (Excel reads UTF-8 only with one), newlines kept inside quoted cells
 * (RFC 4180), and every cell that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or CR: OWASP's CSV injection list)
 * prefixed with `'`.
 */
export function papersCsv(database: PaperDatabase): string {
  const records = database.papers.flatMap((paper) => paper.coverage);
  const issues = [...new Set(records.map((record) => record.issue.number))].sort((a, b) => a - b);
  const paperOf = paperFactsById(database);
  return joinParts(
    papersCsvParts(),
    issues.map((number) => papersCsvPart(records.filter((record) => record.issue.number === number), paperOf)),
  );
}

/** Each paper's merged facts (`PaperEntry.latest`) by its id: what a `papers.csv` row shows of its paper. */
export function paperFactsById(database: PaperDatabase<RecordFacts>): (id: string) => RecordFacts {
  const byId = new Map(database.papers.map((paper) => [paper.id, paper.latest]));
  return (id) => byId.get(id)!;
}

/** The header of `papers.csv` (the BOM and the column names); its rows follow with nothing between. */
export function papersCsvParts(): DataFileParts {
  const header = stringify([], { ...CSV_OPTIONS, bom: true, header: true, columns: [...CSV_COLUMNS] });
  return { header, separator: '', footer: '', empty: header };
}

/**
 * The rows of one issue's summaries, in the issue's reading order, each
 * with its paper's facts (`paperOf`, by the paper's id): csv-stringify
 * quotes each cell on its own, so rows written apart join into the file it
 * would write at once (tests/archive check it).
 */
export function papersCsvPart(records: readonly PaperRecord[], paperOf: (id: string) => RecordFacts): string {
  const rows = [...records].sort((a, b) => a.number - b.number).map((record) => csvRow(record, paperOf(record.id)).map(formulaSafe));
  return stringify(rows, CSV_OPTIONS);
}

const CSV_OPTIONS = { quoted_match: /[\r\n]/, record_delimiter: '\r\n' } as const;

/** A summary's row: `record`'s own columns, and `paper`'s (the paper's merged facts) for the paper's. */
function csvRow(record: PaperRecord, paper: RecordFacts): string[] {
  return [
    record.highlight ? 'yes' : '',
    record.section.join(' / '),
    paper.title,
    paper.authors.join('; '),
    paper.venue ?? '',
    paper.year === undefined || paper.year === null ? '' : String(paper.year),
    record.via ?? '',
    record.summarizer ?? '',
    String(record.issue.number),
    record.issue.date,
    cellText(record.summary),
    cellText(record.opinion),
    cellText(record.prerequisites),
    paper.url ?? '',
    paper.arxiv ?? '',
  ];
}

/**
 * A text as a cell holds it: its Markdown without the line breaks that end
 * it (a YAML block scalar keeps its last one), which a spreadsheet shows as
 * an empty last line. `papers.json` keeps the Markdown as written.
 */
function cellText(text: RecordText | undefined): string {
  const markdown = text?.markdown ?? '';
  let end = markdown.length;
  while (end > 0 && (markdown[end - 1] === '\n' || markdown[end - 1] === '\r')) end--;
  return markdown.slice(0, end);
}

function formulaSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
