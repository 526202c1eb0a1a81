// The types of search-options.cjs (plain JavaScript, served to the browser as it is).
import type { Options } from 'minisearch';

declare const options: {
  tokenize(text: string): string[];
  processTerm(term: string): string;
  /** A tag or an author's name folded as `processTerm` folds a word, apostrophes inside words removed: what names one tag or author. */
  foldName(name: string): string;
  /** `results` (MiniSearch's, with the stored `tags` and `venues`) in the order shown for `query`. */
  rankResults<T extends { score: number; tags: readonly string[]; venues: readonly string[] }>(query: string, results: readonly T[]): T[];
  searchOptions: Options;
};
export = options;
