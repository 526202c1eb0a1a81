import type { PaperEntry } from './paper-database.js';
import type { RecordSummary } from './issue-output.js';
import { pageLinks } from './page-render.js';

/*
 * A long list of papers (a tag's, an author's, a year's) cut into pages of
 * the archive, each under 1 MB, and the links between them.
 */

/** One page of a list of papers cut into pages (`listPages`). */
export interface ListPage {
  path: string;
  /** 1-based, of `count`. */
  number: number;
  count: number;
  papers: readonly PaperEntry<RecordSummary>[];
  /** Every page's path, in order. */
  paths: readonly string[];
}

/**
 * `papers` at most `size` a page: the first at `<folder>/index.html`, the
 * next at `<folder>/page/2/index.html`… Always one page, if empty.
 */
export function listPages(folder: string, papers: readonly PaperEntry<RecordSummary>[], size: number): ListPage[] {
  const count = Math.max(1, Math.ceil(papers.length / size));
  const paths = Array.from({ length: count }, (_, i) => (i === 0 ? `${folder}/index.html` : `${folder}/page/${i + 1}/index.html`));
  return paths.map((path, i) => ({ path, number: i + 1, count, papers: papers.slice(i * size, (i + 1) * size), paths }));
}

/** The links between the pages of `page`'s list, as the page at `from` links them (none for a list of one page). */
export function pagerLinks(from: string, page: ListPage): { label: string; href: string; current: boolean }[] {
  if (page.count === 1) return [];
  const { root } = pageLinks(from);
  return page.paths.map((path, i) => ({ label: String(i + 1), href: `${root}${path.replace(/index\.html$/, '')}`, current: i + 1 === page.number }));
}

/** Rows on one page of a tag's or an author's papers. */
export const LIST_PAGE_SIZE = 400;

/**
 * Rows on one page of a year's papers: more than a tag's, so that a year
 * of a big archive (~530 papers a year in the 1,000-issue bench corpus)
 * stays one page, and still under 1 MB: a row of the bench corpus is ~560
 * bytes of HTML, so 800 rows are ~450 KB, and twice as long rows fit.
 * Papers without a year can be thousands.
 */
export const YEAR_PAGE_SIZE = 800;
