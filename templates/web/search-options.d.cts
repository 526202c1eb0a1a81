// The types of search-options.cjs (plain JavaScript, served to the browser as it is).
import type { Options } from 'minisearch';

declare const options: {
  tokenize(text: string): string[];
  processTerm(term: string): string;
  searchOptions: Options;
};
export = options;
