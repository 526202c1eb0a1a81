import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
// One module for the build, `papers search` and the papers page (which loads it as assets/search-options.js).
import { searchOptions } from '../../templates/web/search-options.js';
import { VERSION } from '../version.js';
import { papersByYear, type PaperDatabase, type PaperEntry } from './paper-database.js';

/**
 * One paper as the search index holds it. Searched: `title`, `authors`,
 * `tags`, `text` (every summary, opinion and prerequisites it got, oldest
 * first). Stored for a result (search-options.js `storeFields`): what the
 * papers page shows and filters by, in the shape of papers/catalog.json
 * (`url` its page from the site's root, `section` the newest coverage's,
 * `issue` and `anchor` where it first appeared, `excerpt` the first sentence
 * of its newest summary).
 */
export interface SearchDocument {
  /** Its position in the list indexed: a shard's bytes depend on nothing else. */
  id: number;
  url: string;
  title: string;
  authors: string;
  year: number | null;
  section: string;
  tags: string[];
  issue: number;
  anchor: string;
  excerpt: string;
  text: string;
}

/** `paper` as the `id`-th document of an index. */
export function searchDocument(paper: PaperEntry, id: number): SearchDocument {
  const { latest } = paper;
  const first = paper.coverage[0]!;
  return {
    id,
    url: `papers/${paper.slug}/`,
    title: latest.title,
    authors: latest.authors.join(', '),
    year: latest.year ?? null,
    section: latest.section.join(' / '),
    tags: paper.tags,
    issue: first.issue.number,
    anchor: first.anchor,
    excerpt: firstLine(paper, EXCERPT_LENGTH),
    text: paper.coverage.flatMap((record) => [record.summary.plain, record.opinion?.plain ?? '', record.prerequisites?.plain ?? '']).filter(Boolean).join('\n'),
  };
}

/** Characters of a result's excerpt on the papers page: two lines of the result list. */
const EXCERPT_LENGTH = 160;

/** A MiniSearch index of `documents` (with the shared options), in their order. */
export function searchIndex(documents: readonly SearchDocument[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(searchOptions);
  index.addAll(documents);
  return index;
}

/**
 * The text of one shard of the index, `search/<year>.json`: MiniSearch's
 * `toJSON` of `papers` (a year's, newest first), each paper's id its
 * position. The same papers in the same order give the same bytes
 * (MiniSearch serializes its maps in insertion order).
 */
export function searchShard(papers: readonly PaperEntry[]): string {
  return shardText(papers.map((paper, id) => searchDocument(paper, id)));
}

function shardText(documents: readonly SearchDocument[]): string {
  return JSON.stringify(searchIndex(documents));
}

/**
 * The papers' full-text search index, one shard per year of papers
 * (`papersByYear`: newest first, `undated` last), so the papers page can
 * answer from the newest year before the others arrive. A shard whose
 * documents did not change is read from `cacheDir` (its file names the hash
 * of its documents); the others are indexed again.
 *
 * Returns the files by path relative to `search/`: `<year>.json`.
 */
export function buildSearchIndex(database: PaperDatabase, cacheDir: string | undefined): Map<string, string> {
  const files = new Map<string, string>();
  for (const [year, papers] of papersByYear(database.papers)) {
    const documents = papers.map((paper, id) => searchDocument(paper, id));
    const key = createHash('sha256').update(`${SHARD_FORMAT}\0${JSON.stringify(documents)}`).digest('hex');
    let shard = readShard(cacheDir, year, key);
    if (shard === undefined) {
      shard = shardText(documents);
      writeShard(cacheDir, year, key, shard);
    }
    files.set(`${year}.json`, shard);
  }
  return files;
}

/** What a stored shard was made by: another MiniSearch, options or document layout (a paperboy release) makes it stale. */
const SHARD_FORMAT = `minisearch-${minisearchVersion()}-${VERSION}`;

/** MiniSearch exports no package.json: it sits two folders above the entry point (dist/es/index.js). */
function minisearchVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.resolve('minisearch')), 'utf8')) as { version: string }).version;
}

function shardFile(cacheDir: string, year: string): string {
  return join(cacheDir, `${year}.json`);
}

/** A stored shard: its key on the first line, its text after. */
function readShard(cacheDir: string | undefined, year: string, key: string): string | undefined {
  if (!cacheDir) return undefined;
  try {
    const stored = readFileSync(shardFile(cacheDir, year), 'utf8');
    return stored.startsWith(`${key}\n`) ? stored.slice(key.length + 1) : undefined;
  } catch {
    return undefined;
  }
}

function writeShard(cacheDir: string | undefined, year: string, key: string, shard: string): void {
  if (!cacheDir) return;
  mkdirSync(cacheDir, { recursive: true });
  const file = shardFile(cacheDir, year);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${key}\n${shard}`);
  renameSync(temporary, file);
}

/** The first line of a paper's newest summary, for a result list: the first sentence, at most `max` characters. */
export function firstLine(paper: PaperEntry, max = 100): string {
  const text = paper.coverage.at(-1)!.summary.plain;
  const sentence = /^.*?[.!?](?=\s|$)/u.exec(text)?.[0] ?? text;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}
