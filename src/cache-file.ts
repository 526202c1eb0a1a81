import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { readRegularFile } from './regular-file.js';
import { replaceFile } from './replace-file.js';

/**
 * A cache file: its contents behind a first line holding a SHA-256 (64 hex
 * digits and a newline) taken over the file's name and the contents, so
 * that a read hands back exactly the bytes a write gave that file, or
 * nothing: a cache file copied over another (one issue's rendering over
 * another's) is not the file its name says, and reads as nothing too.
 * Every cache here treats "nothing" as a miss, so a file damaged in any
 * way (bytes flipped by a disk or an editor, cut short by a power cut,
 * another program's file) costs the work it saved and never shows in a
 * site, a lint or a render. Checking only that a file
 * parses is not enough: a flipped byte inside a text or a number parses.
 *
 * Cost, measured here: a SHA-256 of 8.7 MB (the 1,000-issue bench
 * corpus's build index, `crypto.hash` in `node -e`) took 5.0–5.4 ms over
 * 6 runs, about 1.6 GB/s; the checks took 34 ms of a 2.2 s rebuild after
 * one edit of that corpus (`--cpu-prof`), which reads ~55 MB of cache.
 */

/** Writes `contents` to `file` whole or not at all (replace-file.ts), behind their hash. Throws what the file system throws. */
export function writeCacheFile(file: string, contents: string | Uint8Array): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
  replaceFile(file, Buffer.concat([Buffer.from(`${seal(file, bytes)}\n`, 'latin1'), bytes]));
}

/** The contents `writeCacheFile` wrote to `file`, or undefined when it cannot be read or its bytes are not those its hash names. */
export function readCacheFile(file: string): Buffer | undefined {
  const bytes = readRegularFile(file);
  return bytes && unsealed(file, bytes);
}


/** The JSON value `writeCacheFile` wrote to `file` as text, or undefined when it cannot be read, its bytes are not those its hash names, or it is not JSON. */
export function readCacheJson(file: string): unknown {
  const bytes = readCacheFile(file);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString()) as unknown;
  } catch {
    return undefined;
  }
}

/** The contents of the bytes read from the cache file `file`, or undefined when they are not those its first line's hash names. */
export function unsealed(file: string, bytes: Buffer): Buffer | undefined {
  if (bytes.length < HEAD || bytes[HEAD - 1] !== 0x0a) return undefined;
  const contents = bytes.subarray(HEAD);
  return bytes.toString('latin1', 0, HEAD - 1) === seal(file, contents) ? contents : undefined;
}

/** The SHA-256 of the file's name (not its folder: a moved cache stays valid), a NUL, and its contents, in hex. */
function seal(file: string, contents: Uint8Array): string {
  return createHash('sha256').update(basename(file)).update('\0').update(contents).digest('hex');
}

/** A SHA-256 in hex, and a newline. */
const HEAD = 65;
