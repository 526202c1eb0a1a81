import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBytes } from '../issue/source.js';
import { VERSION } from '../version.js';
import type { IssueOutput, IssueRendering, IssueSummary, PaperRecord } from './issue-output.js';

/**
 * Each published issue's rendering on disk under `<dataDir>/cache/build/`,
 * with the hash of every input it was rendered from (its key): a build
 * renders only the issues whose key changed.
 *
 * In parts, because a rebuild after one edit must not read everything: one
 * index file holds every issue's `IssueSummary` (what lists and the plan
 * read: ~5 MB for 1,000 issues); per issue, one file holds its rendering
 * (content view and email, ~95 KB) and one its records (~40 KB), each read
 * only where a page shows it: the papers' pages and data files read the
 * records of every issue, and nothing else of it. A store that cannot be
 * read is a miss, never an error. A disabled cache (`--no-cache`) keeps the
 * outputs of this build in memory instead.
 */
export class BuildCache {
  private readonly index: Map<string, { key: string; summary: IssueSummary }>;
  private readonly used = new Set<string>();
  private readonly memory = new Map<string, IssueOutput>();
  private changed = false;

  private constructor(private readonly dir: string | undefined) {
    this.index = dir ? readIndex(join(dir, INDEX_FILE)) : new Map();
  }

  static inDataDir(dataDir: string): BuildCache {
    return new BuildCache(join(dataDir, 'cache', 'build'));
  }

  /** A cache that stores nothing on disk (`--no-cache`, a clean build). */
  static disabled(): BuildCache {
    return new BuildCache(undefined);
  }

  /** The stored summary of the issue file at `path` if it was rendered from `key`. */
  summary(path: string, key: string): IssueSummary | undefined {
    const entry = this.index.get(path);
    if (entry?.key !== key) return undefined;
    this.used.add(path);
    return entry.summary;
  }

  /** The rendering of the issue file at `path` as `set` stored it, or undefined when it cannot be read (deleted by hand). */
  rendering(path: string): IssueRendering | undefined {
    return this.memory.get(path) ?? this.read<IssueRendering>(this.file(path));
  }

  /** The records of the issue file at `path` as `set` stored them, or undefined when they cannot be read. */
  records(path: string): PaperRecord[] | undefined {
    return this.memory.get(path)?.papers ?? this.read<PaperRecord[]>(this.file(path, RECORDS));
  }

  private read<T>(file: string): T | undefined {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Records the summary of the issue file at `path`, rendered from `key`: the index is written by one process only, the build's (render workers `keep` the outputs). */
  remember(path: string, key: string, summary: IssueSummary): void {
    this.index.set(path, { key, summary });
    this.used.add(path);
    this.changed = true;
  }

  /** Keeps the output of the issue file at `path`: its rendering and records on disk (`stored`), or the output in memory when the cache is disabled. */
  keep(path: string, output: IssueOutput, stored: StoredOutput): void {
    if (!this.dir) {
      this.memory.set(path, output);
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    writeAtomically(this.file(path), stored.rendering);
    writeAtomically(this.file(path, RECORDS), stored.records);
  }

  /** Writes the index (only the issues this build used) when it changed. */
  save(): void {
    if (!this.dir) return;
    const stale = [...this.index.keys()].filter((path) => !this.used.has(path));
    if (!this.changed && stale.length === 0) return;
    for (const path of stale) this.index.delete(path);
    mkdirSync(this.dir, { recursive: true });
    writeAtomically(join(this.dir, INDEX_FILE), JSON.stringify({ format: INDEX_FORMAT, entries: [...this.index] }));
  }

  private file(path: string, part = ''): string {
    return join(this.dir!, `${hashBytes(path).slice(0, 24)}${part}.json`);
  }
}

/** An issue's output as the cache stores it: its rendering's JSON and its records' JSON, with a hash of both (`IssueSummary.hash`). */
export interface StoredOutput {
  rendering: string;
  records: string;
  hash: string;
}

/**
 * An output in the form the cache stores, made once per rendering: its
 * summary's hash is the hash of these strings (hashing the output's JSON
 * apart from storing it was 4 ms an issue of ~75). undefined becomes null:
 * a stored view keeps every key, as the templates' strict mode needs.
 */
export function storedOutput(output: IssueOutput): StoredOutput {
  const json = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) => (inner === undefined ? null : inner));
  const { papers, ...rendering } = output;
  const stored = { rendering: json(rendering), records: json(papers) };
  return { ...stored, hash: createHash('sha256').update(stored.rendering).update('\0').update(stored.records).digest('hex').slice(0, 32) };
}

const INDEX_FILE = 'index.json';
/** The records' file of an issue beside its rendering's. */
const RECORDS = '.records';
/** Another paperboy may summarize differently: its index is not read. */
const INDEX_FORMAT = `build-index-v2-${VERSION}`;

function readIndex(file: string): Map<string, { key: string; summary: IssueSummary }> {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; entries?: [string, { key: string; summary: IssueSummary }][] };
    return stored.format === INDEX_FORMAT && Array.isArray(stored.entries) ? new Map(stored.entries) : new Map();
  } catch {
    return new Map();
  }
}

function writeAtomically(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}
