import type { Config } from '../config/load.js';

/*
 * What the plan of a build knows of the feeds without making them: which
 * issues they hold and the base of their ids. Apart from feeds.ts, which
 * loads `feed` (with xml-js and sax, ~100 KB of the bundle): a build whose
 * feeds are unchanged (an edit of an issue not among the newest) plans
 * them from this and never loads it.
 */

/** How many issues a feed holds, newest first: a reader's first fetch stays small (Hugo's default limit is similar). */
const FEED_ISSUES = 50;

/** The issues a feed holds, newest first, of `issues` oldest first. */
export function newestIssues<T>(issues: readonly T[]): T[] {
  return [...issues].reverse().slice(0, FEED_ISSUES);
}

/** The base the feed's and its entries' ids are made under: `feedIdBase` when set (the baseUrl they were first made under), else `baseUrl`. */
export function feedIdBase(config: Pick<Config, 'baseUrl' | 'feedIdBase'>): string {
  return config.feedIdBase ?? config.baseUrl;
}
