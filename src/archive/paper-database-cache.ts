import { join } from 'node:path';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import { sha256 } from '../sha256.js';
import { VERSION } from '../version.js';
import { SHAPE_FORMAT } from './formats.js';
import type { RecordFacts } from './issue-output.js';
import { packageVersion } from './package-version.js';
import { buildPaperDatabase, coverageById, paperFacts, type Facet, type PaperDatabase, type PaperEntry } from './paper-database.js';

/**
 * The paper database of `issues` (`buildPaperDatabase`), its layout read
 * from `file` when it was stored for issues of these facts, else built and
 * its layout stored there. The layout is what the database makes of the
 * issues' facts alone: the papers' order and folders, each paper's tags as
 * their facets name them, and each tag's and author's name, spellings,
 * folder and papers (as places in the papers' order). The records
 * themselves (`coverage`, `latest`) are taken from `issues` each time: they
 * carry the hashes of the texts, which an edit of a summary changes.
 *
 * An issue's `factsHash` (issue-output.ts `summarizeIssue`) covers its
 * number and every record's facts: each paper's id, title, authors, tags,
 * year and section, all the layout is made of. So a rebuild after an edit
 * of a text reads the layout back: building it took ~155 ms of a one-edit
 * rebuild of the 1,000-issue bench corpus (`node --cpu-prof`: sorting
 * 9,990 papers and thousands of names by `localeCompare`, folding names,
 * hashing folders), reading it back ~25 ms. The stamp holds what else the
 * layout follows from: paperboy's version and site shape format (how it is
 * made), any-ascii's version (folders) and Node's ICU and Unicode versions
 * (`localeCompare`'s order, NFC). `file` undefined: built, not stored
 * (`--no-cache`). A file that cannot be read, whose bytes changed since
 * (cache-file.ts), that lists other papers, or that cannot be written costs
 * only the building.
 */
export function cachedPaperDatabase<R extends RecordFacts>(issues: readonly { factsHash: string; papers: readonly R[] }[], file: string | undefined): PaperDatabase<R> {
  if (file === undefined) return buildPaperDatabase(issues);
  const stamp = databaseStamp(issues);
  const stored = laidOut(readCacheJson(file), stamp, coverageById(issues));
  if (stored) return stored;
  const database = buildPaperDatabase(issues);
  try {
    writeCacheFile(file, JSON.stringify(layoutOf(database, stamp)));
  } catch {
    // A cache that cannot be written only costs the next build the building (as the citation keys).
  }
  return database;
}

/** Where the layout is kept under `dataDir`: one file, read and written by `build` and by `paperboy papers`. */
export function paperDatabaseFile(dataDir: string): string {
  return join(dataDir, 'cache', 'paper-database.json');
}

/** Bumped when the layout is stored otherwise (how the database is made is `SHAPE_FORMAT`'s). */
const LAYOUT_FORMAT = 'paper-database-v1';

function databaseStamp(issues: readonly { factsHash: string }[]): string {
  const facts = sha256(issues.map((issue) => issue.factsHash).join('\n'));
  const icu = `${process.versions.icu ?? 'none'} ${process.versions.unicode ?? 'none'}`;
  return `${LAYOUT_FORMAT}\0${VERSION}\0${SHAPE_FORMAT}\0${packageVersion('any-ascii')}\0${icu}\0${facts}`;
}

/** A paper as stored: its id, folder and tags. */
type StoredPaper = [id: string, slug: string, tags: string[]];

/** A facet as stored: its name, spellings, folder, and its papers' places in the papers' order. */
type StoredFacet = [name: string, spellings: string[], slug: string, papers: number[]];

interface Layout {
  stamp: string;
  papers: StoredPaper[];
  tags: StoredFacet[];
  authors: StoredFacet[];
}

function layoutOf(database: PaperDatabase<RecordFacts>, stamp: string): Layout {
  const at = new Map(database.papers.map((paper, i) => [paper, i]));
  const facet = ({ name, spellings, slug, papers }: Facet<RecordFacts>): StoredFacet => [name, spellings, slug, papers.map((paper) => at.get(paper)!)];
  return { stamp, papers: database.papers.map(({ id, slug, tags }) => [id, slug, tags]), tags: database.tags.map(facet), authors: database.authors.map(facet) };
}

/**
 * The database a stored layout (`value`, as read) makes of the records
 * `coverage` (by paper id), or undefined when it was stored under another
 * stamp, is not a layout, or does not list exactly these papers.
 */
function laidOut<R extends RecordFacts>(value: unknown, stamp: string, coverage: ReadonlyMap<string, R[]>): PaperDatabase<R> | undefined {
  const layout = value as Partial<Layout> | null | undefined;
  if (layout?.stamp !== stamp || !Array.isArray(layout.papers) || !Array.isArray(layout.tags) || !Array.isArray(layout.authors)) return undefined;
  if (layout.papers.length !== coverage.size) return undefined;
  const papers: PaperEntry<R>[] = [];
  for (const stored of layout.papers as unknown[]) {
    if (!Array.isArray(stored) || typeof stored[1] !== 'string' || !isTexts(stored[2])) return undefined;
    const records = coverage.get(stored[0] as string);
    if (!records) return undefined;
    papers.push({ id: stored[0] as string, slug: stored[1], latest: paperFacts(records), tags: stored[2], coverage: records });
  }
  const tags = facetsOf(layout.tags, papers);
  const authors = facetsOf(layout.authors, papers);
  return tags && authors ? { papers, tags, authors } : undefined;
}

function facetsOf<R extends RecordFacts>(stored: readonly unknown[], papers: readonly PaperEntry<R>[]): Facet<R>[] | undefined {
  const facets: Facet<R>[] = [];
  for (const facet of stored) {
    if (!Array.isArray(facet) || typeof facet[0] !== 'string' || !isTexts(facet[1]) || typeof facet[2] !== 'string' || !Array.isArray(facet[3])) return undefined;
    const under: PaperEntry<R>[] = [];
    for (const at of facet[3] as unknown[]) {
      const paper = typeof at === 'number' ? papers[at] : undefined;
      if (!paper) return undefined;
      under.push(paper);
    }
    facets.push({ name: facet[0], spellings: facet[1], slug: facet[2], papers: under });
  }
  return facets;
}

function isTexts(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
