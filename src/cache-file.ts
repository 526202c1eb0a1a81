import { readFileSync } from 'node:fs';
import { replaceFile } from './replace-file.js';
import { sha256 } from './sha256.js';

/**
 * A cache file: its contents behind a first line holding their SHA-256 (64
 * hex digits and a newline), so that a read hands back exactly the bytes a
 * write gave or nothing. Every cache here treats "nothing" as a miss, so a
 * file damaged in any way (bytes flipped by a disk or an editor, cut short
 * by a power cut, another program's file) costs the work it saved and
 * never shows in a site, a lint or a render. Checking only that a file
 * parses is not enough: a flipped byte inside a text or a number parses.
 *
 * Cost, measured here: `crypto.hash('sha256', …)` of 8.7 MB (the
 * 1,000-issue bench corpus's build index) took 5.0–5.4 ms in `node -e`
 * (6 runs), about 1.6 GB/s; the checks took 34 ms of a 2.2 s rebuild after
 * one edit of that corpus (`--cpu-prof`), which reads ~55 MB of cache.
 */

/** Writes `contents` to `file` whole or not at all (replace-file.ts), behind their hash. Throws what the file system throws. */
export function writeCacheFile(file: string, contents: string | Uint8Array): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
  replaceFile(file, Buffer.concat([Buffer.from(`${sha256(bytes)}\n`, 'latin1'), bytes]));
}

/** The contents `writeCacheFile` wrote to `file`, or undefined when it cannot be read or its bytes are not those its hash names. */
export function readCacheFile(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return unsealed(bytes);
}

/** The contents of a cache file's bytes, or undefined when they are not those its first line's hash names. */
export function unsealed(bytes: Buffer): Buffer | undefined {
  if (bytes.length < HEAD || bytes[HEAD - 1] !== 0x0a) return undefined;
  const contents = bytes.subarray(HEAD);
  return bytes.toString('latin1', 0, HEAD - 1) === sha256(contents) ? contents : undefined;
}

/** A SHA-256 in hex, and a newline. */
const HEAD = 65;
