import type { PaperDatabase, PaperEntry } from './paper-database.js';

/**
 * "Have we covered this before?" from the terminal: the papers of the
 * database that contain every word of the query (title, authors, tags,
 * every summary, opinion and prerequisites), ranked. The archive's own
 * search runs in the browser (Pagefind's index is read by its browser
 * script only), and no search library is installed for Node, so ranking is
 * written here: a word weighs 5 in the title, 3 in the authors or tags, 1
 * per occurrence in the texts; ties go to the newest coverage.
 */
export interface SearchFilters {
  /** A tag, exactly (case-insensitive). */
  tag?: string | undefined;
  /** Part of an author's name (case- and accent-insensitive). */
  author?: string | undefined;
  /** The paper's year. */
  year?: number | undefined;
}

export interface SearchMatch {
  paper: PaperEntry;
  score: number;
}

/** Lower case, accents removed, split into words (letters and digits of any script). */
function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Matches of `query` (every word must occur; an empty query matches every paper the filters keep), best first. */
export function searchPapers(database: PaperDatabase, query: string, filters: SearchFilters = {}): SearchMatch[] {
  const terms = [...new Set(words(query))];
  const matches: SearchMatch[] = [];
  for (const paper of database.papers) {
    if (!passes(paper, filters)) continue;
    const score = scorePaper(paper, terms);
    if (score !== undefined) matches.push({ paper, score });
  }
  // database.papers is newest first; the sort is stable, so equal scores keep that order.
  return matches.sort((a, b) => b.score - a.score);
}

function passes(paper: PaperEntry, filters: SearchFilters): boolean {
  if (filters.tag !== undefined && !paper.tags.some((tag) => fold(tag) === fold(filters.tag!))) return false;
  if (filters.author !== undefined && !paper.latest.authors.some((author) => fold(author).includes(fold(filters.author!)))) return false;
  if (filters.year !== undefined && paper.latest.year !== filters.year) return false;
  return true;
}

function scorePaper(paper: PaperEntry, terms: readonly string[]): number | undefined {
  if (terms.length === 0) return 0;
  const title = new Set(words(paper.latest.title));
  const people = new Set(words([...paper.latest.authors, ...paper.tags].join(' ')));
  const counts = new Map<string, number>();
  for (const record of paper.coverage) {
    for (const text of [record.summary, record.opinion, record.prerequisites]) {
      if (!text) continue;
      for (const word of words(text.plain)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  let score = 0;
  for (const term of terms) {
    const termScore = (title.has(term) ? 5 : 0) + (people.has(term) ? 3 : 0) + (counts.get(term) ?? 0);
    if (termScore === 0) return undefined;
    score += termScore;
  }
  return score;
}

/** The first line of a paper's newest summary, for a result list: the first sentence, at most `max` characters. */
export function firstLine(paper: PaperEntry, max = 100): string {
  const text = paper.coverage.at(-1)!.summary.plain;
  const sentence = /^.*?[.!?](?=\s|$)/u.exec(text)?.[0] ?? text;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}
