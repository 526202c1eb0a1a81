import { readCacheJson, writeCacheFile } from '../cache-file.js';
import { VERSION } from '../version.js';
import { citationKeys } from './bibtex.js';
import type { RecordFacts } from './issue-output.js';
import type { PaperEntry } from './paper-database.js';

/**
 * The papers' citation keys (`citationKeys`), read from `file` when it holds
 * the keys of these papers under `shape`, else made and stored there. The
 * site's shape (site-plan.ts) is made of every issue's facts, among them
 * each paper's id, title, authors and year: the whole of what the keys are
 * made of. So a rebuild whose shape did not change reads the keys back.
 * Making them took ~180 ms of a rebuild after one edit on the 1,000-issue
 * bench corpus (`node --cpu-prof`, cold code: 9,990 names transliterated),
 * for keys that one edit of a text cannot change. `file` undefined: made,
 * not stored (`--no-cache`). A file that cannot be read, whose bytes changed
 * since (cache-file.ts), or that cannot be written costs only the making.
 */
export function cachedCitationKeys<E extends PaperEntry<RecordFacts>>(papers: readonly E[], file: string | undefined, shape: string): Map<E, string> {
  const stamp = `${CITATIONS_FORMAT}\0${VERSION}\0${shape}`;
  const stored = file === undefined ? undefined : readStored(file, stamp, papers);
  if (stored) return stored;
  const keys = citationKeys(papers);
  if (file !== undefined) {
    try {
      writeCacheFile(file, JSON.stringify({ stamp, ids: papers.map((paper) => paper.id), keys: papers.map((paper) => keys.get(paper)!) }));
    } catch {
      // A cache that cannot be written only costs the next build the making (as the search shards).
    }
  }
  return keys;
}

/**
 * Bumped when the keys are made otherwise within a version (bibtex.ts `citationKeys`). v2: suffixes in order of first coverage, not of id.
 * v3: a first author written with a suffix ("Martin Luther King Jr.", "Sammy Davis, Jr.") is keyed by the family name ("king"), not the suffix (names.ts `suffixed`).
 */
const CITATIONS_FORMAT = 'citations-v3';

/** The stored keys, when stored under `stamp` for papers of these ids in this order. */
function readStored<E extends PaperEntry<RecordFacts>>(file: string, stamp: string, papers: readonly E[]): Map<E, string> | undefined {
  const stored = readCacheJson(file) as { stamp?: unknown; ids?: unknown; keys?: unknown } | null | undefined;
  const { ids, keys } = stored ?? {};
  if (stored?.stamp !== stamp || !Array.isArray(ids) || !Array.isArray(keys) || ids.length !== papers.length || keys.length !== papers.length) return undefined;
  if (!papers.every((paper, i) => ids[i] === paper.id && typeof keys[i] === 'string')) return undefined;
  return new Map(papers.map((paper, i) => [paper, keys[i] as string]));
}
