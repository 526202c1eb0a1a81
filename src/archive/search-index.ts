import * as pagefind from 'pagefind';
import { PaperboyError } from '../errors.js';
import type { CustomRecord } from 'pagefind';
import type { PaperDatabase, PaperEntry } from './paper-database.js';

/**
 * The papers' full-text search index, built by Pagefind 1.x (its binary
 * ships inside its npm package and runs offline): one record per paper, its
 * title, authors, every summary and opinion, with tag, section, author and
 * year as Pagefind filters. Returns the files of `pagefind/` (the index and
 * Pagefind's own loader, `pagefind.js`), paths relative to that folder; the
 * papers page loads them only when a reader searches.
 */
export async function buildSearchIndex(database: PaperDatabase): Promise<Map<string, Uint8Array>> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
  if (!index) throw indexError(errors);
  try {
    // Sent all at once: Pagefind's service answers each record over a pipe,
    // and one record at a time waits a round trip for each (10,000 papers:
    // most of the index's time). Responses come back tagged, in any order;
    // the index is the same, as Pagefind sorts what it writes.
    const responses = await Promise.all(database.papers.map((paper) => index.addCustomRecord(searchRecord(paper))));
    const failed = responses.flatMap((response) => response.errors);
    if (failed.length > 0) throw indexError(failed);
    const { files, errors: writeErrors } = await index.getFiles();
    if (writeErrors.length > 0) throw indexError(writeErrors);
    return new Map(files.map((file) => [file.path, file.content]));
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}

function searchRecord(paper: PaperEntry): CustomRecord {
  const { latest } = paper;
  const texts = paper.coverage.flatMap((record) => [record.summary.plain, record.opinion?.plain ?? '', record.prerequisites?.plain ?? '']);
  return {
    url: `papers/${paper.slug}/`,
    content: [latest.title, latest.authors.join(', '), ...texts].filter(Boolean).join('\n'),
    language: 'en',
    meta: { title: latest.title, authors: latest.authors.join(', '), issue: String(paper.coverage[0]!.issue.number) },
    filters: {
      tag: paper.tags,
      section: [...new Set(paper.coverage.map((record) => record.section.join(' / ')).filter(Boolean))],
      author: latest.authors,
      year: latest.year == null ? [] : [String(latest.year)],
    },
  };
}

function indexError(errors: readonly string[]): PaperboyError {
  return new PaperboyError('SEARCH_INDEX_FAILED', `Cannot build the search index: ${errors.join('; ') || 'Pagefind gave no index'}`, {
    hint: 'Pagefind runs a binary from node_modules/@pagefind/<platform>: reinstall the dependencies if it is missing.',
  });
}
