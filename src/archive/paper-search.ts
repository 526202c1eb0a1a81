import MiniSearch from 'minisearch';
import type { Position } from 'unist';
import indexOptions from '../../templates/web/search-options.cjs';
import { authorKey, tagKey } from '../issue/names.js';
import type { RecordFacts, RecordSummary } from './issue-output.js';
import { paperAuthors, type PaperDatabase, type PaperEntry } from './paper-database.js';
import type { TextSource } from './pages.js';
import { paperIdFromReference } from '../issue/paper-id.js';
import type { IssueFacts } from '../issue/facts.js';
import { buildSearchIndex, searchIdentity } from './search-index.js';

const { identityTargets, rankResults, searchOptions, searchShard, tokenize } = indexOptions;

/**
 * "Have we covered this before?" from the terminal: the paper the query
 * names by its identity (an arXiv id or one of the paper's URLs), first;
 * then the papers of the database that contain every word of the query
 * (title, authors, venue, tags, every summary, opinion and prerequisites;
 * plural or singular; the last word also as a prefix), ranked as the papers
 * page ranks them: the archive's search index (search-index.ts, one shard
 * per year, from the build's cache when the papers did not change), each
 * shard answering with MiniSearch's BM25 scores, the answers merged by
 * search-options.cjs `rankResults` (a paper a tag or venue of which the
 * query names first, then by score).
 */
export interface SearchFilters {
  /** A tag, whole, named as the tag pages name it (`tagKey`: case, accents and runs of spaces aside). */
  tag?: string | undefined;
  /** Part of an author's name (case- and accent-insensitive; "Dong, Yihe" is "Yihe Dong": issue/names.ts `authorKey`). */
  author?: string | undefined;
  /** The paper's year. */
  year?: number | undefined;
}

export interface SearchMatch {
  /** Its records without texts (`withTexts` reads them). */
  paper: PaperEntry<RecordSummary>;
  /** MiniSearch's score (BM25, boosted by field); 0 for every paper when the query has no word, and for a paper found by its identity alone. */
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
 * matches every paper the filters keep), best first: the paper the query
 * names by its identity (`paperNamed`), then `rankResults`' order (equal
 * ones the paper first covered most recently first, as the papers page
 * lists them too). `texts`: where a shard not
 * in `cacheDir` (where the build keeps the index's shards, read and written
 * when stale; or none) reads its papers' texts to be indexed. `language`:
 * the newsletter's, which its shards join authors in (search-index.ts
 * `shardKey`), so that those a build kept are found.
 */
export function searchPapers(database: PaperDatabase<RecordSummary>, texts: TextSource, query: string, filters: SearchFilters = {}, cacheDir?: string, language?: string): SearchMatch[] {
  const keep = (paper: PaperEntry<RecordSummary>) => passes(paper, filters);
  if (!hasSearchWords(query)) return database.papers.filter(keep).map((paper) => ({ paper, score: 0 }));
  const found: (SearchMatch & { tags: string[]; venues: string[]; identity: string; issue: number; url: string })[] = [];
  for (const shard of buildSearchIndex(database, texts, cacheDir, language)) {
    if (filters.year !== undefined && shard.year !== String(filters.year)) continue;
    const index = MiniSearch.loadJSON(shard.contents.toString('utf8'), searchOptions);
    for (const result of searchShard(index, query, (stored) => keep(shard.papers[stored.id as number]!))) {
      const stored = { tags: result.tags as string[], venues: result.venues as string[], identity: result.identity as string, issue: result.issue as number, url: result.url as string };
      found.push({ paper: shard.papers[result.id as number]!, score: result.score, ...stored });
    }
  }
  const ranked = rankResults(query, found).map(({ paper, score }) => ({ paper, score }));
  const named = paperNamed(database, query);
  if (named === undefined || !keep(named)) return ranked;
  return [ranked.find((match) => match.paper === named) ?? { paper: named, score: 0 }, ...ranked.filter((match) => match.paper !== named)];
}

/**
 * The paper `query` names by its identity, as paperboy tells one paper from
 * another (issue/paper-id.ts; what lint's paper-covered-before compares):
 * an arXiv id, with or without its version, as people write it
 * (`2307.15217`, `arXiv:2307.15217v2`, `arXiv: 2307.15217`, `arxiv
 * 2307.15217`, `arXiv:2307.15217 [cs.AI]`: search-options.cjs
 * `identityTargets`), or a URL of the paper in any form
 * that identity reduces to the same (`https://arxiv.org/pdf/2307.15217v2.pdf`,
 * `arxiv.org/abs/2307.15217`, a page's URL with `www.` or tracking
 * parameters). Undefined for a query of several words, or one that names no
 * paper of the database.
 */
function paperNamed<R extends RecordFacts>(database: PaperDatabase<R>, query: string): PaperEntry<R> | undefined {
  // The texts the papers page reads a query's identity from too (search-options.cjs): a URL is often copied without its scheme.
  const ids = new Set(identityTargets(query).map(paperIdFromReference).filter((id) => id !== undefined));
  return ids.size === 0 ? undefined : database.papers.find((paper) => ids.has(paper.id));
}

/**
 * Whether `wanted` is part of `author`'s name, folded (`tagKey`) as written
 * ("Berg, Jan" in "van der Berg, Jan") or read "First Last" (`authorKey`:
 * "Yihe Dong" in "Dong, Yihe"), as the papers page's author filter finds
 * the name as written too.
 */
function namesAuthor(author: string, wanted: string): boolean {
  return tagKey(author).includes(tagKey(wanted)) || authorKey(author).includes(authorKey(wanted));
}

function passes(paper: PaperEntry<RecordSummary>, filters: SearchFilters): boolean {
  if (filters.tag !== undefined && !paper.tags.some((tag) => tagKey(tag) === tagKey(filters.tag!))) return false;
  if (filters.author !== undefined && !paperAuthors(paper).some((author) => namesAuthor(author, filters.author!))) return false;
  if (filters.year !== undefined && paper.latest.year !== filters.year) return false;
  return true;
}

/** A paper of a draft issue that a search would find: where it is written. */
export interface DraftPaperMatch {
  /** The draft's number, if it has one yet. */
  number: number | undefined;
  /** The paper's identity (paper-id.ts): a published paper of the same one was covered before. */
  id: string;
  /** The issue file. */
  path: string;
  title: string;
  /** Where its `title:` is (1-based line and column). */
  position: Position;
}

/**
 * The papers of `drafts` (issue facts: each paper's id, title and tags; a
 * draft being written has no rendering to search) that `query` finds as the
 * index finds a published paper (search-options.cjs `searchShard`: by its
 * identity, or every word in its title or tags, the last as a prefix),
 * kept by a `tag` filter. "Have we covered this before?" is also asked of
 * the issue being written, which no result shows. None for a search by
 * `author` or `year`, which the facts do not hold: a draft paper is named
 * only where the search could have found it.
 */
export function draftPapersMatching(drafts: readonly IssueFacts[], query: string, filters: SearchFilters = {}): DraftPaperMatch[] {
  if (filters.author !== undefined || filters.year !== undefined) return [];
  const papers = drafts.flatMap((facts) => facts.papers.map((paper) => ({ facts, paper })));
  const keep = ({ paper }: (typeof papers)[number]) => filters.tag === undefined || (paper.tags?.names ?? []).some((tag) => tagKey(tag) === tagKey(filters.tag!));
  const matched = hasSearchWords(query) ? searchDraftPapers(papers.map(({ paper }) => paper), query).map((i) => papers[i]!) : papers;
  return matched.filter(keep).map(({ facts, paper }) => ({ number: facts.number, id: paper.id, path: facts.path, title: paper.title, position: paper.position }));
}

/** The positions in `papers` of those `query` finds, in their order: an index of their titles, tags and identities, read as a shard is. */
function searchDraftPapers(papers: readonly IssueFacts['papers'][number][], query: string): number[] {
  const index = new MiniSearch(searchOptions);
  index.addAll(papers.map((paper, id) => ({ id, titles: paper.title, tags: paper.tags?.names ?? [], venues: [], identity: searchIdentity(paper.id) })));
  return [...new Set(searchShard(index, query, () => true).map((result) => result.id as number))].sort((a, b) => a - b);
}
