import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { PaperboyError } from '../errors.js';
import { VERSION } from '../version.js';
import type { CustomRecord } from 'pagefind';
import { papersByYear, type PaperDatabase, type PaperEntry } from './paper-database.js';

/**
 * The papers' full-text search index, built by Pagefind 1.x (its binary
 * ships inside its npm package and runs offline): one record per paper, its
 * title, authors, every summary and opinion, with tag, section, author and
 * year as Pagefind filters. One index per year of papers (`<year>/` under
 * `pagefind/`, each with Pagefind's loader `pagefind.js`): the papers page
 * loads the newest and merges the others (Pagefind's `mergeIndex`), and a
 * rebuild after an edit indexes only the edited paper's year again, the
 * other years coming from `cacheDir` by the hash of their records.
 *
 * Returns the files by path relative to `pagefind/`.
 */
export async function buildSearchIndex(database: PaperDatabase, cacheDir: string | undefined): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let service = false;
  try {
    for (const [year, papers] of papersByYear(database.papers)) {
      const records = papers.map(searchRecord);
      const key = createHash('sha256').update(`${INDEX_FORMAT}\0${JSON.stringify(records)}`).digest('hex');
      let shard = readShard(cacheDir, year, key);
      if (!shard) {
        service = true;
        shard = await indexShard(records);
        writeShard(cacheDir, year, key, shard);
      }
      for (const [path, content] of shard) files.set(`${year}/${path}`, content);
    }
  } finally {
    if (service) await pagefind.close();
  }
  return files;
}

/** What a stored shard was made by: another Pagefind or another record layout makes it stale. */
const INDEX_FORMAT = `pagefind-shard-v1-${VERSION}`;

async function indexShard(records: readonly CustomRecord[]): Promise<[string, Uint8Array][]> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
  if (!index) throw indexError(errors);
  try {
    // One at a time: the order records are added in is part of the index's bytes.
    for (const record of records) {
      const response = await index.addCustomRecord(record);
      if (response.errors.length > 0) throw indexError(response.errors);
    }
    const { files, errors: writeErrors } = await index.getFiles();
    if (writeErrors.length > 0) throw indexError(writeErrors);
    return files.map((file) => [file.path, file.content]);
  } finally {
    await index.deleteIndex();
  }
}

function shardFile(cacheDir: string, year: string): string {
  return join(cacheDir, `${year}.json`);
}

function readShard(cacheDir: string | undefined, year: string, key: string): [string, Uint8Array][] | undefined {
  if (!cacheDir) return undefined;
  try {
    const stored = JSON.parse(readFileSync(shardFile(cacheDir, year), 'utf8')) as { key: string; files: [string, string][] };
    return stored.key === key ? stored.files.map(([path, base64]) => [path, Buffer.from(base64, 'base64')]) : undefined;
  } catch {
    return undefined;
  }
}

function writeShard(cacheDir: string | undefined, year: string, key: string, files: readonly [string, Uint8Array][]): void {
  if (!cacheDir) return;
  mkdirSync(cacheDir, { recursive: true });
  const file = shardFile(cacheDir, year);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ key, files: files.map(([path, content]) => [path, Buffer.from(content).toString('base64')]) }));
  renameSync(temporary, file);
}

function searchRecord(paper: PaperEntry): CustomRecord {
  const { latest } = paper;
  const texts = paper.coverage.flatMap((record) => [record.summary.plain, record.opinion?.plain ?? '', record.prerequisites?.plain ?? '']);
  return {
    url: `papers/${paper.slug}/`,
    content: [latest.title, latest.authors.join(', '), ...texts].filter(Boolean).join('\n'),
    language: 'en',
    // `path`: the page from the site's root, as the papers page links it (Pagefind rewrites `url`).
    meta: { title: latest.title, authors: latest.authors.join(', '), issue: String(paper.coverage[0]!.issue.number), path: `papers/${paper.slug}/` },
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
