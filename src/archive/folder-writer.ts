import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { SplicedChunk } from './splice.js';

/** Writes a site's files into a folder (see `folderWriter`). */
export interface FolderWriter {
  /** Starts writing a file; waits only while `WRITES_IN_FLIGHT` are under way. Throws the first failure of any write. */
  write(path: string, bytes: string | Uint8Array | SplicedChunk[]): Promise<void>;
  /** Waits for every write started; throws the first failure. */
  done(): Promise<void>;
}

/**
 * Writes files under `root` (each at `place(path)`: its path by default,
 * a number in a rebuild's pending folder), making each folder once, through libuv's
 * thread pool: while the file system makes folders and writes files on the
 * other core, the build renders the next pages. Written one by one, a site
 * of 13,926 files spent ~4.5 s of a 13 s write stage in those calls
 * (`--cpu-prof`: mkdir 2.1 s, write 1.9 s, mostly kernel time on the bench
 * corpus), the other core idle.
 *
 * A spliced file's ranges of the previous file (splice.ts) are copied from
 * the file at the same path under `previousRoot` through one small buffer,
 * here in order (two data files a build): reading the 49 MB of
 * `papers.json` and `papers.csv` whole cost ~200 ms of a rebuild after one
 * edit here, most of it the kernel mapping fresh memory (~135 ms to touch
 * 36 MB, against 3–31 ms to read it into memory already touched).
 */
export function folderWriter(root: string, previousRoot: string, place: (path: string) => string = (path) => path): FolderWriter {
  const folders = new Map<string, Promise<unknown>>();
  const writing = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let buffer: Buffer | undefined;
  const folder = (dir: string): Promise<unknown> => {
    let made = folders.get(dir);
    if (!made) folders.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  const copySpliced = (file: string, path: string, chunks: SplicedChunk[]) => {
    const fd = openSync(file, 'w');
    let previous: number | undefined;
    try {
      for (const chunk of chunks) {
        if (chunk instanceof Uint8Array) {
          writeAll(fd, chunk);
          continue;
        }
        previous ??= openSync(join(previousRoot, path), 'r');
        buffer ??= Buffer.allocUnsafe(COPY_BUFFER_BYTES);
        for (let at = chunk.start; at < chunk.end; ) {
          const read = readSync(previous, buffer, 0, Math.min(buffer.byteLength, chunk.end - at), at);
          if (read === 0) throw new PaperboyError('OUT_DIR_CHANGED', `${join(previousRoot, path)} was cut short while the build copied from it`, { hint: 'Run the build again.' });
          writeAll(fd, buffer.subarray(0, read));
          at += read;
        }
      }
    } finally {
      if (previous !== undefined) closeSync(previous);
      closeSync(fd);
    }
  };
  const writeOne = async (path: string, bytes: string | Uint8Array | SplicedChunk[]) => {
    const file = join(root, place(path));
    await folder(dirname(file));
    if (Array.isArray(bytes)) copySpliced(file, path, bytes);
    else await writeFile(file, bytes);
  };
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  return {
    async write(path, bytes) {
      rethrow();
      const written: Promise<void> = writeOne(path, bytes)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => writing.delete(written));
      writing.add(written);
      if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
      rethrow();
    },
    async done() {
      while (writing.size > 0) await Promise.all(writing);
      rethrow();
    },
  };
}

/** Files written at once: enough to keep libuv's four threads busy, few enough that the pages waiting hold little memory. */
const WRITES_IN_FLIGHT = 16;

/** Bytes copied at a time from a previous data file: large enough for few system calls, small enough to stay in memory already mapped. */
const COPY_BUFFER_BYTES = 1 << 20;

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
}
