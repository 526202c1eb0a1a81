import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import { PaperboyError } from '../errors.js';
import { fileReadProblem } from '../file-problem.js';
import type { CorpusReads } from '../issue/corpus.js';
import { sha256 } from '../sha256.js';
import { StoredMap, storedMapFiles } from '../stored-map.js';
import type { IssueOutput, IssueRendering, IssueSummary, OutputHashes, PaperRecord } from './issue-output.js';
import { INDEX_FORMAT } from './formats.js';

/**
 * Each published issue's rendering on disk under `<dataDir>/cache/build/`,
 * with the hash of every input it was rendered from (its key): a build
 * renders only the issues whose key changed.
 *
 * In parts, because a rebuild after one edit must not read everything: one
 * index file holds every issue's `IssueSummary` (what lists and the plan
 * read: 8.7 MB for 1,000 issues, a base and a delta, so that one edit
 * writes only the delta: stored-map.ts); per issue, one file holds its rendering
 * (content view and email, ~95 KB) and one its records (~40 KB), each read
 * only where a page shows it: the papers' pages and data files read the
 * records of every issue, and nothing else of it. Each file is stored
 * behind the hash of its bytes (cache-file.ts): a file that cannot be
 * read, or whose bytes changed since, is a miss, never an error and never
 * shown. One that cannot be written stops the build (DATA_DIR_UNWRITABLE),
 * as the workers' renderings reach the build through it. A disabled cache
 * (`--no-cache`) keeps the outputs of this build in memory instead.
 *
 * Stored in V8's serialization format (`node:v8`), not JSON: the texts hold
 * non-ASCII characters, which Node 20 decodes from UTF-8 at ~100 MB/s, and
 * a site written whole reads ~5,000 of these files (each issue's records
 * for its papers' pages, `papers.json` and its search shard). Measured
 * here on 600 stored files (40 MB as JSON): read and parsed in 376 ms as
 * JSON, 112 ms deserialized; written in 420 ms, 360 ms serialized. The
 * values come back as they went in (`undefined` included), as the
 * in-memory cache hands them out. A file another Node wrote in a format
 * this one cannot read throws in `deserialize`: a miss.
 */
export class BuildCache {
  /** Every issue's key and summary, by its file's path: on disk, or for this build only when the cache is disabled. */
  private readonly index: StoredMap<IndexEntry> | Map<string, IndexEntry>;
  private readonly used = new Set<string>();
  private readonly memory = new Map<string, IssueOutput>();

  private constructor(private readonly dir: string | undefined) {
    this.index = dir ? StoredMap.read(join(dir, INDEX_FILE), INDEX_FORMAT) : new Map();
  }

  /**
   * The cache under `dataDir`, its folder made now. Throws
   * DATA_DIR_UNWRITABLE (exit 2) when it cannot be: unlike the other
   * caches, this one carries the renderings from the render workers to the
   * build, so a build or `papers` cannot go on without it.
   */
  static inDataDir(dataDir: string): BuildCache {
    const dir = buildCacheDir(dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new PaperboyError('DATA_DIR_UNWRITABLE', `Cannot write the build cache in ${dataDir} (${(error as Error).message})`, {
        hint: `Set \`dataDir\` in paperboy.config.yaml to a folder paperboy may write (now ${dataDir}), or run with \`--no-cache\`.`,
      });
    }
    return new BuildCache(dir);
  }

  /** A cache that stores nothing on disk (`--no-cache`, a clean build). */
  static disabled(): BuildCache {
    return new BuildCache(undefined);
  }

  /** The stored summary of the issue file at `path` if `current` says the inputs it was rendered from (its key, what it read of the other issues) are still the inputs. */
  summary(path: string, current: (entry: Omit<IndexEntry, 'summary'>) => boolean): IssueSummary | undefined {
    const entry = this.index.get(path);
    // An entry of another shape (written by hand, or by a build of this format's number that kept no reads) is a miss.
    if (typeof entry?.reads !== 'object' || !Array.isArray(entry.reads.resolved) || !current(entry)) return undefined;
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
    const bytes = readCacheFile(file);
    if (!bytes) return undefined;
    try {
      return deserialize(bytes) as T;
    } catch {
      return undefined;
    }
  }

  /** Records the summary of the issue file at `path`, rendered from `key` having read `reads` of the other issues: the index is written by one process only, the build's (render workers `keep` the outputs). */
  remember(path: string, key: string, reads: CorpusReads, summary: IssueSummary): void {
    this.index.set(path, { key, reads, summary });
    this.used.add(path);
  }

  /** Keeps the output of the issue file at `path`: its rendering and records on disk (`stored`), or the output in memory when the cache is disabled. */
  keep(path: string, output: IssueOutput, stored: StoredOutput): void {
    if (!this.dir) {
      this.memory.set(path, output);
      return;
    }
    for (const [file, contents] of [[this.file(path), stored.rendering], [this.file(path, RECORDS), stored.records]] as const) {
      try {
        writeCacheFile(file, contents);
      } catch (error) {
        throw unwritable(this.dir, file, error);
      }
    }
  }

  /**
   * Writes the index's changes (forgetting the issues this build did not
   * use), and when it forgot some or wrote the index whole, removes the
   * files no entry names: the outputs of issues no longer published, of
   * renderings a failed build never recorded, and an older paperboy's.
   * Another build's file removed here is only a miss for it (`rendering`
   * answers undefined). Files being written (`.tmp`) are left alone.
   * Throws DATA_DIR_UNWRITABLE (exit 2) when the folder or the index
   * cannot be written.
   */
  save(): void {
    const dir = this.dir;
    if (!dir || !(this.index instanceof StoredMap)) return;
    const index = this.index;
    const stale = [...index.keys()].filter((path) => !this.used.has(path));
    for (const path of stale) index.delete(path);
    try {
      const whole = index.save();
      if (stale.length === 0 && !whole) return;
      const named = new Set([...storedMapFiles(INDEX_FILE), ...[...index.keys()].flatMap((path) => [this.name(path), this.name(path, RECORDS)])]);
      // Files only: a folder here is nobody's output, and not ours to remove.
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isFile() && !named.has(entry.name) && !entry.name.endsWith('.tmp')) rmSync(join(dir, entry.name), { force: true });
      }
    } catch (error) {
      throw unwritable(dir, (error as NodeJS.ErrnoException).path ?? dir, error);
    }
  }

  private file(path: string, part = ''): string {
    return join(this.dir!, this.name(path, part));
  }

  private name(path: string, part = ''): string {
    return `${sha256(path).slice(0, 24)}${part}${EXTENSION}`;
  }
}

/** The error for a file of the cache folder `dir` that cannot be written: the folder is paperboy's own, so removing it is always safe. */
function unwritable(dir: string, file: string, error: unknown): PaperboyError {
  return new PaperboyError('DATA_DIR_UNWRITABLE', `Cannot write the build cache file ${file}: ${fileReadProblem(error, file).reason}`, {
    exitCode: 2,
    hint: `Remove the folder ${dir} (paperboy's own cache: the next build makes it anew), or run with \`--no-cache\`.`,
  });
}

/** What the index holds of an issue file: the key it was rendered from, what it read of the other issues, and its summary. */
interface IndexEntry {
  key: string;
  reads: CorpusReads;
  summary: IssueSummary;
}

/** An issue's output as the cache stores it: its rendering and its records serialized (`node:v8`), with the hashes of what its files are made of (`OutputHashes`). */
export interface StoredOutput {
  rendering: Uint8Array;
  records: Uint8Array;
  hashes: OutputHashes;
}

/**
 * An output in the form the cache stores, made once per rendering. Its
 * summary's hash is the hash of the output's JSON, not of the serialized
 * bytes: V8 writes a string as one-byte or two-byte as it happens to be
 * held, so equal outputs may serialize differently, and the hash is part of
 * every page's key (two clean builds must be byte-identical). JSON keeps
 * an `undefined` as null, so a key set to undefined still changes the hash.
 */
export function storedOutput(output: IssueOutput): StoredOutput {
  const json = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) => (inner === undefined ? null : inner));
  const { papers, ...rendering } = output;
  const { email, ...shown } = rendering;
  const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
  // Each email file's own: an edit that changes one part of the email (a plaintext-only partial) leaves the other file as it was.
  const hashes = { pageHash: hash(json(shown), json(papers)), email: { html: hash(email.html), text: hash(email.text) } };
  return { rendering: serialize(rendering), records: serialize(papers), hashes };
}

const EXTENSION = '.v8';
const INDEX_FILE = `index${EXTENSION}`;

function buildCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'build');
}

/** The file of the build cache's index of summaries under `dataDir` (its base; stored-map.ts): none there, no issue's rendering is stored. */
export function buildCacheIndex(dataDir: string): string {
  return join(buildCacheDir(dataDir), INDEX_FILE);
}
/** The records' file of an issue beside its rendering's. */
const RECORDS = '.records';
