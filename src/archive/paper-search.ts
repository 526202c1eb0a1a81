import MiniSearch from 'minisearch';
import indexOptions from '../../templates/web/search-options.cjs';
import { authorKey } from '../issue/names.js';
import type { RecordSummary } from './issue-output.js';
import { paperAuthors, type PaperDatabase, type PaperEntry } from './paper-database.js';
import type { TextSource } from './pages.js';
import { buildSearchIndex } from './search-index.js';

const { processTerm: fold, searchOptions, tokenize } = indexOptions;

/**
 * "Have we covered this before?" from the terminal: the papers of the
 * database that contain every word of the query (title, authors, tags,
 * every summary, opinion and prerequisites; the last word also as a
 * prefix), ranked as the papers page ranks them: the archive's search index
 * (search-index.ts, one shard per year, from the build's cache when the
 * papers did not change), each shard answering with MiniSearch's BM25
 * scores, the answers merged by score.
 */
export interface SearchFilters {
  /** A tag, exactly (case-insensitive). */
  tag?: string | undefined;
  /** Part of an author's name (case- and accent-insensitive; "Dong, Yihe" is "Yihe Dong": issue/names.ts `authorKey`). */
  author?: string | undefined;
  /** The paper's year. */
  year?: number | undefined;
}

export interface SearchMatch {
  /** Its records without texts (`withTexts` reads them). */
  paper: PaperEntry<RecordSummary>;
  /** MiniSearch's score (BM25, boosted by field); 0 for every paper when the query has no word. */
  score: number;
}

/**
 * Whether `query` has a word to search for, as the index reads words (letters
 * and digits; `++` or `--` has none). Without one, only the filters choose.
 */
export function hasSearchWords(query: string): boolean {
  return tokenize(query).length > 0;
}

/**
 * Matches of `query` (every word must occur; a query without a word
 * matches every paper the filters keep), best first; equal scores in the
 * database's order (newest first). `texts`: where a shard not in
 * `cacheDir` (where the build keeps the index's shards, read and written
 * when stale; or none) reads its papers' texts to be indexed.
 */
export function searchPapers(database: PaperDatabase<RecordSummary>, texts: TextSource, query: string, filters: SearchFilters = {}, cacheDir?: string): SearchMatch[] {
  const keep = (paper: PaperEntry<RecordSummary>) => passes(paper, filters);
  if (!hasSearchWords(query)) return database.papers.filter(keep).map((paper) => ({ paper, score: 0 }));
  const matches: SearchMatch[] = [];
  for (const shard of buildSearchIndex(database, texts, cacheDir)) {
    if (filters.year !== undefined && shard.year !== String(filters.year)) continue;
    const index = MiniSearch.loadJSON(shard.contents.toString('utf8'), searchOptions);
    for (const result of index.search(query, { filter: (found) => keep(shard.papers[found.id as number]!) })) {
      matches.push({ paper: shard.papers[result.id as number]!, score: result.score });
    }
  }
  const position = new Map(database.papers.map((paper, i) => [paper, i]));
  return matches.sort((a, b) => b.score - a.score || position.get(a.paper)! - position.get(b.paper)!);
}

function passes(paper: PaperEntry<RecordSummary>, filters: SearchFilters): boolean {
  if (filters.tag !== undefined && !paper.tags.some((tag) => fold(tag) === fold(filters.tag!))) return false;
  if (filters.author !== undefined && !paperAuthors(paper).some((author) => authorKey(author).includes(authorKey(filters.author!)))) return false;
  if (filters.year !== undefined && paper.latest.year !== filters.year) return false;
  return true;
}
