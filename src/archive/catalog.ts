import { namePairs } from '../render/format.js';
import type { DataFileParts } from './data-files.js';
import type { RecordFacts, RecordSummary } from './issue-output.js';
import { authorFilterNames, type PaperEntry } from './paper-database.js';

/**
 * `papers/catalog.js`, what the papers page's filters read (loaded only when
 * a reader filters): a classic script handing the page one short entry per
 * paper (see site-plan.ts `dataScript` for why a script, not JSON). Its
 * bytes are `self.paperboyCatalog = ` and the entries as `JSON.stringify`
 * writes the array, then `;` and a newline: so a part per paper, which a
 * rebuild after one edit copies from the previous file for every paper the
 * edit did not touch (splice.ts; remaking and hashing all 9,990 entries,
 * 4.5 MB, took ~0.2 s of such a rebuild on the bench corpus).
 */
export const CATALOG_PARTS: DataFileParts = {
  header: 'self.paperboyCatalog = [',
  separator: ',',
  footer: '];\n',
  empty: 'self.paperboyCatalog = [];\n',
};

/**
 * One paper's catalog entry (JSON, no whitespace), as a search result
 * (search-index.ts `SearchDocument`) shows it: `anchor` where it first
 * appeared, `excerpt` the first sentence of its newest summary (from the
 * records' summaries: no text is read), `excerptFrom` that summary's
 * issue and anchor when it is not the first (`excerptSource`).
 */
export function catalogEntry(paper: PaperEntry<RecordSummary>, language?: string): string {
  return JSON.stringify({
    url: `papers/${paper.slug}/`,
    title: paper.latest.title,
    // One name at a time, which papers.js isolates each (render/format.ts `namePairs`).
    authors: namePairs(paper.latest.authors, language),
    // What the author filter matches: the names alone, not the line above.
    authorNames: authorFilterNames(paper),
    year: paper.latest.year ?? null,
    section: paper.latest.section.join(' / '),
    tags: paper.tags,
    issue: paper.coverage[0]!.issue.number,
    anchor: paper.coverage[0]!.anchor,
    excerpt: paper.coverage.at(-1)!.excerpt,
    excerptFrom: excerptSource(paper),
  });
}

/**
 * The issue (`#12`) and anchor of the summary a paper's excerpt is taken
 * from, its newest, when the paper was covered in several issues; null
 * when it was covered once, its summary the one `issue` names. A result
 * says "in #3" (where the paper first appeared): without it, the excerpt of
 * a paper covered again in #12 read as #3's.
 */
export function excerptSource<R extends RecordFacts>(paper: PaperEntry<R>): { issue: number; anchor: string } | null {
  const newest = paper.coverage.at(-1)!;
  return paper.coverage.length > 1 ? { issue: newest.issue.number, anchor: newest.anchor } : null;
}
