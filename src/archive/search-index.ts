import { join } from 'node:path';
import { joiningLanguage, namePairs } from '../render/format.js';
import { readCacheFile, readCacheJson, writeCacheFile } from '../cache-file.js';
import { sha256 } from '../sha256.js';
import type { RecordSummary } from './issue-output.js';
import { EXCERPT_LENGTH, firstSentence } from './excerpt.js';
import { excerptSource } from './catalog.js';
import { authorFilterNames, paperAuthors, papersByYear, type PaperDatabase, type PaperEntry } from './paper-database.js';
import { paperKey, withTexts, type TextSource } from './pages.js';
import { SHARD_FORMAT } from './formats.js';
import { assembleShard, searchPart, type SearchPart } from './search-parts.js';

/**
 * One paper as the search index holds it. Searched: `titles` and `names`
 * (every title and author any coverage gave it: a paper summarized again
 * under a new title, or with "R. Schaeffer" for "Rylan Schaeffer", is still
 * found by the first), `venues` (every venue it was given: "ICML 2021",
 * later "ICML"), `tags`, `text` (every summary, opinion and prerequisites it
 * got, oldest first), `identity` (its arXiv id or URL as paperboy tells
 * papers apart, issue/paper-id.ts: `2309.08600`, `lesswrong.com/posts/…`,
 * so the papers page finds it by the words of either). Stored for a result (search-options.cjs
 * `storeFields`): what the papers page shows and filters by, in the shape
 * of papers/catalog.js (`url` its page from the site's root, `section` the
 * newest coverage's, `issue` and `anchor` where it first appeared,
 * `excerpt` the first sentence of its newest summary, `excerptFrom` that
 * summary's issue and anchor when not the first, catalog.ts `excerptSource`), and `tags` and
 * `venues`, which `rankResults` reads.
 */
interface SearchDocument {
  /** Its position in the shard, set when the shard is assembled (search-parts.ts): a part is the same wherever its paper stands. */
  id: number;
  url: string;
  titles: string;
  names: string;
  title: string;
  /** The authors as the pages join them, one name at a time: `[name, after]` (render/format.ts `namePairs`). */
  authors: [name: string, after: string][];
  /** `authorFilterNames`, what the papers page's author filter matches. */
  authorNames: string;
  year: number | null;
  section: string;
  tags: string[];
  venues: string[];
  issue: number;
  anchor: string;
  excerpt: string;
  excerptFrom: { issue: number; anchor: string } | null;
  text: string;
  identity: string;
}

/** `paper` as a document of the index (its `id` 0 until the shard is assembled), its authors joined in `language` (render/format.ts `joinNames`). */
function searchDocument(paper: PaperEntry, language: string | undefined): SearchDocument {
  const { latest } = paper;
  const first = paper.coverage[0]!;
  return {
    id: 0,
    url: `papers/${paper.slug}/`,
    titles: [...new Set(paper.coverage.map((record) => record.title))].join('\n'),
    names: paperAuthors(paper).join('\n'),
    title: latest.title,
    authors: namePairs(latest.authors, language),
    authorNames: authorFilterNames(paper),
    year: latest.year ?? null,
    section: latest.section.join(' / '),
    tags: paper.tags,
    venues: [...new Set(paper.coverage.map((record) => record.venue).filter((venue) => venue !== undefined))],
    issue: first.issue.number,
    anchor: first.anchor,
    excerpt: firstLine(paper, EXCERPT_LENGTH),
    excerptFrom: excerptSource(paper),
    text: paper.coverage.flatMap((record) => [record.summary.plain, record.opinion?.plain ?? '', record.prerequisites?.plain ?? '']).filter(Boolean).join('\n'),
    identity: searchIdentity(paper.id),
  };
}

/**
 * A paper's `identity` as the index holds it, from its id (issue/paper-id.ts):
 * `arxiv:2309.08600` → `2309.08600`, `url:lesswrong.com/posts/…` → the URL's
 * part; '' for a place (`issue:5/2`), no paper's name a reader could know.
 */
export function searchIdentity(id: string): string {
  return /^(?:arxiv|url):/.test(id) ? id.slice(id.indexOf(':') + 1) : '';
}

/**
 * The text of one shard of the index (`search/<year>.js` carries it): the
 * JSON of MiniSearch's index of `papers` (a year's, newest first), each
 * paper's id its position, its terms in code-unit order
 * (search-parts.ts `assembleShard`). The same papers in the same order give
 * the same bytes, however their parts were made.
 */
export function searchShard(papers: readonly PaperEntry[], language?: string): string {
  return assembleShard(papers.map((paper) => searchPart(searchDocument(paper, language))));
}

/** One year's part of the search index: the year's papers, in their order, and the shard's file. */
export interface SearchShard {
  /** A year, or `undated` (papersByYear). */
  year: string;
  /** The papers of the shard (their records without texts): a result's id is a position in this list. */
  papers: PaperEntry<RecordSummary>[];
  /** `searchShard` of the papers as UTF-8, what `search/<year>.js` carries (the cache's bytes are used as they are; decoding them costs more than reading them). */
  contents: Buffer;
}

/**
 * The papers' full-text search index, one shard per year of papers
 * (`papersByYear`: newest first, `undated` last), so the papers page can
 * answer from the newest year before the others arrive, and an edit
 * indexes one year again. A shard whose papers did not change is read
 * from `cacheDir`; the others are indexed from their texts (`texts`) and
 * stored there. Measured on the 1,000-issue bench corpus (20 shards of
 * ~500 papers, two busy cores): indexing one shard takes 0.12-0.15 s, all
 * of them 2.2-2.9 s.
 */
export function buildSearchIndex(database: PaperDatabase<RecordSummary>, texts: TextSource, cacheDir: string | undefined, language?: string): SearchShard[] {
  return papersByYear(database.papers).map(([year, papers]) => ({ year, papers, contents: cachedShard(year, papers, texts, cacheDir, language) }));
}

/**
 * The shard of `year` (`searchShard` of `papers` with their texts) from
 * `cacheDir` when its papers did not change, else assembled from each
 * paper's part (search-parts.ts), stored there too under the paper's key,
 * so that only the papers that changed are indexed again, and stored.
 * Stored with the hash of the papers' keys (`paperKey`: every record, its
 * texts by their hash): everything a document is made of, so a shard
 * found needs no text read (`papers search` reads the texts of the papers
 * it shows, not the archive's 40 MB).
 */
export function cachedShard(year: string, papers: readonly PaperEntry<RecordSummary>[], texts: TextSource, cacheDir: string | undefined, language?: string): Buffer {
  const key = shardKey(papers, language);
  let contents = readShard(cacheDir, year, key);
  if (contents === undefined) {
    const stored = readParts(cacheDir, year, language);
    const parts = papers.map((paper) => stored.get(paperKey(paper)) ?? searchPart(searchDocument(withTexts(paper, texts), language)));
    contents = Buffer.from(assembleShard(parts));
    writeShard(cacheDir, year, key, contents);
    writeParts(cacheDir, year, papers, parts, language);
  }
  return contents;
}

/**
 * What a shard of `papers` is made of: their keys (`paperKey`), what
 * indexes them (`SHARD_FORMAT`) and the language its authors are joined in
 * (`language`, none for English). The cache keeps a shard under it, and the
 * site's `search/<year>.js` has it as its key (site-plan.ts), so what makes
 * a stored shard stale (a new field indexed) rewrites the site's too.
 */
export function shardKey(papers: readonly PaperEntry<RecordSummary>[], language?: string): string {
  return sha256(`${SHARD_FORMAT}\0${joiningLanguage(language) ?? ''}\0${papers.map(paperKey).join('\0')}`);
}

function shardFile(cacheDir: string, year: string): string {
  return join(cacheDir, `${year}.json`);
}

/**
 * A stored shard: a cache file (cache-file.ts) holding its key on the first
 * line, its file after. A file cut short (a power cut after the rename that
 * stored it) or changed since is no shard: it would be published as a
 * script that does not parse, and `papers search` would fail on it.
 * Hashing the 20 shards of the bench corpus (13.9 MB) takes ~9 ms here
 * (`crypto.hash`, the mean of 5 runs), which `papers search` pays.
 */
function readShard(cacheDir: string | undefined, year: string, key: string): Buffer | undefined {
  const stored = cacheDir === undefined ? undefined : readCacheFile(shardFile(cacheDir, year));
  const head = Buffer.from(`${key}\n`);
  return stored?.subarray(0, head.length).equals(head) ? stored.subarray(head.length) : undefined;
}

function writeShard(cacheDir: string | undefined, year: string, key: string, contents: Buffer): void {
  if (!cacheDir) return;
  try {
    writeCacheFile(shardFile(cacheDir, year), Buffer.concat([Buffer.from(`${key}\n`), contents]));
  } catch {
    // A cache that cannot be written only costs the next run the indexing (as the facts cache).
  }
}

function partsFile(cacheDir: string, year: string): string {
  return join(cacheDir, `${year}.parts.json`);
}

/**
 * The parts of the papers of `year`'s shard as last stored, by paper key
 * (`paperKey`); none when the file is missing, damaged (cache-file.ts) or of
 * another `partsFormat`, whose parts another tokenizer, layout or language made.
 */
function readParts(cacheDir: string | undefined, year: string, language: string | undefined): Map<string, SearchPart> {
  const stored = cacheDir === undefined ? undefined : (readCacheJson(partsFile(cacheDir, year)) as { format?: unknown; parts?: Record<string, SearchPart> } | undefined);
  return new Map(stored?.format === partsFormat(language) && stored.parts ? Object.entries(stored.parts) : []);
}

/** What stored parts were made by: `SHARD_FORMAT`, and the language the authors were joined in (a stored part shows them joined). */
function partsFormat(language: string | undefined): string {
  return `${SHARD_FORMAT}\0${joiningLanguage(language) ?? ''}`;
}

/** Stores the parts of `papers` (those of the shard now: a paper gone or changed leaves the file). */
function writeParts(cacheDir: string | undefined, year: string, papers: readonly PaperEntry<RecordSummary>[], parts: readonly SearchPart[], language: string | undefined): void {
  if (!cacheDir) return;
  try {
    writeCacheFile(partsFile(cacheDir, year), JSON.stringify({ format: partsFormat(language), parts: Object.fromEntries(papers.map((paper, i) => [paperKey(paper), parts[i]])) }));
  } catch {
    // As a shard that cannot be stored: the next run indexes these papers again.
  }
}

/** The first line of a paper's newest summary, for a result list: the first sentence, at most `max` characters. */
export function firstLine(paper: PaperEntry, max = 100): string {
  return firstSentence(paper.coverage.at(-1)!.summary.lead, max);
}
