import { statSync, type BigIntStats } from 'node:fs';
import { readCacheJson, writeCacheFile } from './cache-file.js';

/**
 * A file's identity, as git's index keeps one so that a file whose
 * identity is unchanged is not read again: its device, inode, size, and
 * mtime and ctime in ns. ctime, which no call can set, catches a file
 * edited with its mtime put back (`touch -r`). Shared by the stores of
 * the hashes of issue files (issue/known-hashes.ts) and of the files a
 * build copies (archive/copied-hashes.ts).
 */
export interface FileIdentity {
  stamp: string;
  /**
   * Whether the file was saved within `RACY_MS`: it may change again
   * within its mtime's granularity unseen (git's "racily clean" files),
   * so it is never recorded.
   */
  racy: boolean;
}

/** A file saved within this many ms may change again unseen within its mtime's granularity. */
const RACY_MS = 3000;

/**
 * The identity of the file at `path` (a link's target's), or undefined
 * when it cannot be stat'ed or `accept` refuses its stats (an issue
 * store takes regular files of a bounded size only).
 */
export function fileIdentity(path: string, accept: (info: BigIntStats) => boolean = () => true): FileIdentity | undefined {
  let info: BigIntStats;
  try {
    info = statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
  if (!accept(info)) return undefined;
  return { stamp: `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`, racy: Date.now() - Number(info.mtimeMs) <= RACY_MS };
}

/**
 * The rows of a store of identities kept as a cache file (cache-file.ts):
 * JSON `{ format, files: [[path, stamp, hash, extra], …] }`. None when the
 * file is missing, unreadable, changed since it was written, or of another
 * `format`; rows `isExtra` refuses the fourth value of are left out.
 */
export function readIdentityRows<E>(file: string, format: string, isExtra: (value: unknown) => value is E): [path: string, stamp: string, hash: string, extra: E][] {
  const stored = readCacheJson(file) as { format?: unknown; files?: unknown } | null | undefined;
  if (stored?.format !== format || !Array.isArray(stored.files)) return [];
  return stored.files.filter(
    (row): row is [string, string, string, E] => Array.isArray(row) && row.length === 4 && row.slice(0, 3).every((part) => typeof part === 'string') && isExtra(row[3]),
  );
}

/** Stores `rows` as `readIdentityRows` reads them. A store that cannot be written costs the next run the reading, nothing else. */
export function writeIdentityRows(file: string, format: string, rows: readonly (readonly [string, string, string, unknown])[]): void {
  try {
    writeCacheFile(file, `${JSON.stringify({ format, files: rows })}\n`);
  } catch {
    // As every cache: nothing is lost but time.
  }
}
