import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { readCacheFile, writeCacheFile } from './cache-file.js';

/**
 * A cache's map from string keys to values, kept on disk as two files: the
 * base (`file`, every entry) and a delta beside it (`<file>.delta`, the
 * entries set or deleted since that base was written). Saving after a few
 * changes writes the small delta, not the whole map again: after one edit
 * of the 1,000-issue bench corpus, the build's index (8.7 MB) and facts
 * (3 MB) took ~280 ms of a 2.1 s rebuild to write whole (`--cpu-prof`).
 * The delta grows until it holds an eighth of the entries (`COMPACT_AT`),
 * then the base is written anew and the delta removed: the log and
 * checkpoint of a database, for a cache.
 *
 * Each base has a random id that its delta names, so a delta is applied
 * only to the base it was written against (a crash between writing a new
 * base and removing the old delta leaves a delta that is ignored). Files
 * are replaced whole, behind the hash of their bytes (cache-file.ts); one
 * that cannot be read, whose bytes are not those it was written with, or
 * written in another `format`, is an empty map. Two processes saving at
 * once may lose each other's changes or bring back an entry's older value:
 * values must say what they were made from (an input hash), so that a stale
 * one is a miss, as in every cache here. Stored in V8's serialization
 * format (`node:v8`): values come back as they went in, `undefined`
 * included.
 */
export class StoredMap<V> {
  private readonly entries: Map<string, V>;
  /** The changes since the base: a key's new value, or `DELETED`. */
  private readonly delta: Map<string, V | typeof DELETED>;
  /** The id of the base read, undefined when none could be. */
  private base: string | undefined;
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly format: string,
  ) {
    const base = readStored<BaseFile<V>>(file, format);
    this.base = base && typeof base.id === 'string' && Array.isArray(base.entries) ? base.id : undefined;
    this.entries = new Map(this.base ? base!.entries : []);
    this.delta = new Map();
    const delta = this.base ? readStored<DeltaFile<V>>(deltaFile(file), format) : undefined;
    if (!delta || delta.base !== this.base || !Array.isArray(delta.set) || !Array.isArray(delta.deleted)) return;
    // Kept as the changes since the base: the next delta holds them too.
    for (const [key, value] of delta.set) {
      this.entries.set(key, value);
      this.delta.set(key, value);
    }
    for (const key of delta.deleted) {
      this.entries.delete(key);
      this.delta.set(key, DELETED);
    }
  }

  /** The map stored at `file` in `format` (empty when there is none, it cannot be read, or another format wrote it). */
  static read<V>(file: string, format: string): StoredMap<V> {
    return new StoredMap<V>(file, format);
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
    this.delta.set(key, value);
    this.changed = true;
  }

  delete(key: string): void {
    if (!this.entries.delete(key)) return;
    this.delta.set(key, DELETED);
    this.changed = true;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Writes what changed since the map was read, if anything: the delta, or
   * the whole map when there is no base to add to or the delta has grown
   * past `COMPACT_AT`. Returns true when the whole map was written (the
   * caller may then tidy what the map names). Throws what the file system
   * throws.
   */
  save(): boolean {
    if (!this.changed) return false;
    this.changed = false;
    if (this.base && this.delta.size <= Math.max(COMPACT_AT.minimum, this.entries.size * COMPACT_AT.fraction)) {
      const changes = [...this.delta];
      const set = changes.filter((change): change is [string, V] => change[1] !== DELETED);
      const deleted = changes.filter(([, value]) => value === DELETED).map(([key]) => key);
      writeCacheFile(deltaFile(this.file), serialize({ format: this.format, base: this.base, set, deleted } satisfies DeltaFile<V>));
      return false;
    }
    const id = randomBytes(12).toString('hex');
    writeCacheFile(this.file, serialize({ format: this.format, id, entries: [...this.entries] } satisfies BaseFile<V>));
    this.base = id;
    this.delta.clear();
    rmSync(deltaFile(this.file), { force: true });
    return true;
  }
}

/**
 * When the delta is written as a new base instead: past an eighth of the
 * entries (each save rewrites the whole delta, so it must stay small next
 * to the base), and never below 32 changes (a small map's base is small).
 */
const COMPACT_AT = { fraction: 1 / 8, minimum: 32 };

const DELETED = Symbol('deleted');

interface BaseFile<V> {
  format: string;
  id: string;
  entries: [string, V][];
}

interface DeltaFile<V> {
  format: string;
  /** The id of the base it adds to. */
  base: string;
  set: [string, V][];
  deleted: string[];
}

function deltaFile(file: string): string {
  return `${file}.delta`;
}

/** The files a map stored at `file` may take (its base and its delta), for a folder's owner that removes the files it does not know. */
export function storedMapFiles(file: string): string[] {
  return [file, deltaFile(file)];
}

function readStored<T extends { format: string }>(file: string, format: string): T | undefined {
  const bytes = readCacheFile(file);
  if (!bytes) return undefined;
  try {
    const stored = deserialize(bytes) as Partial<T> | undefined;
    return stored?.format === format ? (stored as T) : undefined;
  } catch {
    return undefined;
  }
}
