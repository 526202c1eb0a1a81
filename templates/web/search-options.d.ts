// The types of search-options.js (plain JavaScript, served to the browser as it is).
import type { Options } from 'minisearch';

export declare function tokenize(text: string): string[];
export declare function processTerm(term: string): string;
export declare const searchOptions: Options;
