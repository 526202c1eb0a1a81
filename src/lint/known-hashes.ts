import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { replaceFile } from '../replace-file.js';
import type { KnownHash } from './session.js';

/**
 * The hashes of the issue files lint has read, kept between runs with each
 * file's identity (inode, size, mtime and ctime in ns) in
 * `<dataDir>/cache/file-hashes.json`: a one-shot lint reads only the files
 * whose identity changed since, as git's index does. A file is recorded
 * when a lint finds its cache entry and hashes it (a lint of files it has
 * never seen records them the next time). A file saved within the last
 * seconds is never recorded (engine.ts, `RACY_MS`), so a second save
 * within its mtime's granularity cannot go unseen; ctime, which no call
 * can set, catches a file edited with its mtime put back (`touch -r`).
 * `--no-cache` reads every file.
 *
 * Measured on the 1,000-issue bench corpus: reading and hashing every file
 * took 175 ms of a 0.95 s lint after one edit.
 */

/** Another layout of the file is ignored, never trusted. */
const FORMAT = 'paperboy-file-hashes-1';

function storeFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'cache', 'file-hashes.json');
}

/** The stored hashes by path; none when the store is missing, unreadable or of another layout. */
export async function readKnownHashes(config: Pick<Config, 'dataDir'>): Promise<Map<string, KnownHash>> {
  try {
    const stored = JSON.parse(await readFile(storeFile(config), 'utf8')) as { format?: unknown; files?: unknown };
    if (stored.format !== FORMAT || !Array.isArray(stored.files)) return new Map();
    const valid = stored.files.filter((entry): entry is [string, string, string] => Array.isArray(entry) && entry.length === 3 && entry.every((part) => typeof part === 'string'));
    return new Map(valid.map(([path, stamp, hash]) => [path, { stamp, hash }]));
  } catch {
    return new Map();
  }
}

/** Stores `hashes` (the files still there). */
export function writeKnownHashes(config: Pick<Config, 'dataDir'>, hashes: ReadonlyMap<string, KnownHash>): void {
  const files = [...hashes].filter(([path]) => existsSync(path)).map(([path, { stamp, hash }]) => [path, stamp, hash]);
  replaceFile(storeFile(config), `${JSON.stringify({ format: FORMAT, files })}\n`);
}
