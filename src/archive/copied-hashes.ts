import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { fileIdentity, readIdentityRows, writeIdentityRows } from '../file-identity.js';

/**
 * The SHA-256 of each file a build copies into the site as it is (the
 * files of `staticDir`, the web assets), kept between builds with the
 * file's identity (file-identity.ts) in
 * `<dataDir>/cache/copied-hashes.json`, as issue/known-hashes.ts keeps the
 * issue files': a build reads only the files whose identity changed since.
 * The hash is of the bytes alone, so the site's key and each file's key
 * are the same in every clone of the newsletter (an identity is this
 * disk's, and is never part of a key). Every build read every file whole
 * into memory: a `static/` of 1 GB of PDFs took 1.1 GB of memory for each
 * build, one with nothing to do too, and a file of 2 GiB or more could not
 * be published at all (Node reads no larger buffer).
 */

/** What is known of a copied file: its bytes' SHA-256 (hex) and their number. */
export interface CopiedHash {
  hash: string;
  size: number;
}

/** Another layout of the store is ignored, never trusted. */
const FORMAT = 'paperboy-copied-hashes-1';

/** Bytes read at a time while hashing: few system calls, and a bounded buffer whatever the file's size. */
const CHUNK_BYTES = 1 << 20;

function storeFile(dataDir: string): string {
  return join(dataDir, 'cache', 'copied-hashes.json');
}

/**
 * Hashes the files a build copies, as `mode` says: `stored` takes a file's
 * hash from the store when its identity is the one recorded, and records
 * the files hashed now; `read` hashes every file and records them (after
 * a copy found a file not to be the bytes its hash names); `none`
 * (`--no-cache`) hashes every file and neither reads nor writes the store.
 * Returns a function giving the hash of a file (its path as given), which
 * throws what `open(2)` or `read(2)` throw for it.
 */
export function copiedHashes(config: Pick<Config, 'dataDir'>, mode: 'stored' | 'read' | 'none'): { hashOf(source: string): CopiedHash; save(): void } {
  const stored = mode === 'stored' ? readStore(config.dataDir) : new Map<string, StoredHash>();
  const kept = new Map<string, StoredHash>();
  let changed = mode === 'read';
  return {
    hashOf(source) {
      const identity = fileIdentity(source);
      const known = stored.get(source);
      if (identity && known?.stamp === identity.stamp) {
        kept.set(source, known);
        return { hash: known.hash, size: known.size };
      }
      const hashed = hashFile(source);
      changed = true;
      if (identity && !identity.racy) kept.set(source, { stamp: identity.stamp, ...hashed });
      return hashed;
    },
    save() {
      // Only the files of this build are kept: a file removed from staticDir leaves the store.
      if (mode === 'none' || (!changed && kept.size === stored.size)) return;
      writeIdentityRows(storeFile(config.dataDir), FORMAT, [...kept].map(([path, { stamp, hash, size }]) => [path, stamp, hash, size] as const));
    },
  };
}

interface StoredHash extends CopiedHash {
  stamp: string;
}

function readStore(dataDir: string): Map<string, StoredHash> {
  const rows = readIdentityRows(storeFile(dataDir), FORMAT, (size): size is number => Number.isSafeInteger(size));
  return new Map(rows.map(([path, stamp, hash, size]) => [path, { stamp, hash, size }]));
}

/** The SHA-256 and size of the file at `path`, read a chunk at a time (memory bounded by `CHUNK_BYTES`, whatever its size). Throws what open/read throw. */
function hashFile(path: string): CopiedHash {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let size = 0;
    for (let read; (read = readSync(fd, buffer, 0, CHUNK_BYTES, null)) > 0; size += read) hash.update(buffer.subarray(0, read));
    return { hash: hash.digest('hex'), size };
  } finally {
    closeSync(fd);
  }
}
