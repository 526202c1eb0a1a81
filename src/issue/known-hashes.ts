import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import type { Config } from '../config/load.js';
import { fileIdentity, readIdentityRows, writeIdentityRows, type FileIdentity } from '../file-identity.js';
import { MAX_FILE_BYTES } from './limits.js';
import { sha256 } from '../sha256.js';
import { listIssueFiles } from './load.js';
import { knownIssueSource, readIssueSource, type IssueSource } from './source.js';

/**
 * The hashes of the issue files paperboy has read, kept between runs with
 * each file's identity (file-identity.ts: device, inode, size, mtime and
 * ctime) in `<dataDir>/cache/file-hashes.json`: a one-shot `lint` or
 * `build` reads only the files whose identity changed since, as git's
 * index does; a file saved within the last seconds is never recorded.
 * `--no-cache` reads every file.
 *
 * Measured on the 1,000-issue bench corpus: reading and hashing every file
 * took 175 ms of a 0.95 s lint after one edit, and 133 ms of a 0.44 s
 * build with nothing to do.
 */

/** A file's identity when it was hashed (`FileIdentity.stamp`), the hash of its bytes, and whether they are text (valid UTF-8 without NUL: `readIssueSource` finds nothing unreadable). */
export interface KnownHash {
  stamp: string;
  hash: string;
  text: boolean;
}

/** Another layout of the file is ignored, never trusted. (A stamp written before identities named the device matches no file: read once more.) */
const FORMAT = 'paperboy-file-hashes-2';

function storeFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'cache', 'file-hashes.json');
}

/** The stored hashes by path; none when the store is missing, unreadable, changed since it was written (cache-file.ts) or of another layout. */
export function readKnownHashes(config: Pick<Config, 'dataDir'>): Map<string, KnownHash> {
  const rows = readIdentityRows(storeFile(config), FORMAT, (text): text is boolean => typeof text === 'boolean');
  return new Map(rows.map(([path, stamp, hash, text]) => [path, { stamp, hash, text }]));
}

/** Stores `hashes` (the files still there). A store that cannot be written only costs the next run the reading. */
export function writeKnownHashes(config: Pick<Config, 'dataDir'>, hashes: ReadonlyMap<string, KnownHash>): void {
  writeIdentityRows(
    storeFile(config),
    FORMAT,
    [...hashes].filter(([path]) => existsSync(path)).map(([path, { stamp, hash, text }]) => [path, stamp, hash, text] as const),
  );
}

/**
 * The identity of the regular file at `path` (at most `MAX_FILE_BYTES`).
 * Undefined when it is not such a file or cannot be stat'ed: the caller
 * reads it as usual, which says why.
 */
function identityOf(path: string): FileIdentity | undefined {
  return fileIdentity(path, (info) => info.isFile() && info.size <= MAX_FILE_BYTES);
}

/**
 * Records in `hashes` what was read of `path` (`known`) under its
 * `identity`, or forgets the path when the file is racy or was not read
 * as bytes (`known` undefined). Returns whether `hashes` changed.
 */
function remember(hashes: Map<string, KnownHash>, path: string, identity: FileIdentity | undefined, known: Omit<KnownHash, 'stamp'> | undefined): boolean {
  if (identity && !identity.racy && known) {
    hashes.set(path, { stamp: identity.stamp, ...known });
    return true;
  }
  return hashes.delete(path);
}

/**
 * What is known of the regular file at `path` (lint's question: a cache
 * hit needs the hash alone): from `hashes` when its identity is the one
 * recorded there, else hashed now (without decoding) and recorded unless
 * racy (`recorded`: whether `hashes` changed). Undefined when it is not
 * such a file or cannot be read.
 */
export function knownHash(path: string, hashes: Map<string, KnownHash>): { known: KnownHash; recorded: boolean } | undefined {
  // Synchronous: a thousand small reads cost a fraction of their promise-based round trips.
  const identity = identityOf(path);
  if (!identity) return undefined;
  const stored = hashes.get(path);
  if (stored?.stamp === identity.stamp) return { known: stored, recorded: false };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const known = { stamp: identity.stamp, hash: sha256(bytes), text: !bytes.includes(0) && isUtf8(bytes) };
  return { known, recorded: remember(hashes, path, identity, known) };
}

/** Drops `path` from the stored hashes. */
function forget(config: Pick<Config, 'dataDir'>, path: string): void {
  const hashes = readKnownHashes(config);
  if (hashes.delete(path)) writeKnownHashes(config, hashes);
}

/**
 * Every issue file's source under `config.issuesDir`, by path, as `mode`
 * says (build's question: the sources, read only where needed):
 * - `stored`: a file whose identity is the one stored with its hash is
 *   not read: its source reads it when its text is first asked for
 *   (`knownIssueSource`), which a build does only for a file whose facts
 *   or rendering are not cached. The files read are stored with their
 *   identity.
 * - `read`: every file is read, and the store corrected (after a source
 *   was found not to be the bytes its stored hash named).
 * - `none` (`--no-cache`): every file is read; the store is neither read
 *   nor written.
 */
export async function readIssueSources(config: Pick<Config, 'issuesDir' | 'dataDir'>, mode: 'stored' | 'read' | 'none'): Promise<Map<string, IssueSource>> {
  const paths = await listIssueFiles(config.issuesDir);
  if (mode === 'none') return new Map((await Promise.all(paths.map((path) => readIssueSource(path)))).map((source) => [source.path, source]));
  const hashes = readKnownHashes(config);
  let changed = false;
  const sources = new Map<string, IssueSource>();
  for (const path of paths) {
    const identity = identityOf(path);
    const stored = hashes.get(path);
    if (mode === 'stored' && identity && stored?.stamp === identity.stamp && stored.text) {
      // Bytes found not to be the stored hash's: forgotten on disk, so the run the error asks for reads the file anew.
      sources.set(path, knownIssueSource(path, stored.hash, () => forget(config, path)));
      continue;
    }
    const source = await readIssueSource(path);
    sources.set(path, source);
    // A file with a hash was read as bytes; `unreadable` then says whether they are text.
    if (remember(hashes, path, identity, source.hash ? { hash: source.hash, text: !source.unreadable } : undefined)) changed = true;
  }
  if (changed) writeKnownHashes(config, hashes);
  return sources;
}
