import { closeSync, constants, createReadStream, openSync, readSync, writeFile, writeSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { FILE_CHANGED, PaperboyError } from '../errors.js';
import type { SplicedChunk } from './splice.js';

/** A file the site holds as it is (copied-files.ts): where it is copied from, and the SHA-256 (hex) and size of the bytes its key was made of. */
export interface FileCopy {
  copy: string;
  hash: string;
  size: number;
}

/** What a file is written from: its bytes, a spliced data file's chunks, or a file to copy. */
export type WrittenBytes = string | Uint8Array | SplicedChunk[] | FileCopy;

/** Writes a site's files into a folder (see `folderWriter`). */
export interface FolderWriter {
  /** Starts writing a file; waits only while `WRITES_IN_FLIGHT` are under way. Throws the first failure of any write. */
  write(path: string, bytes: WrittenBytes): Promise<void>;
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
  const writeOne = async (path: string, bytes: WrittenBytes) => {
    const file = join(root, place(path));
    await folder(dirname(file));
    if (Array.isArray(bytes)) copySpliced(file, path, bytes);
    else if (typeof bytes === 'string' || bytes instanceof Uint8Array) await writeWhole(file, bytes);
    else await copyChecked(bytes, file);
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

/**
 * Copies `from.copy` to `file` (a copy-on-write clone where the file
 * system makes one, else the kernel's copy: no byte passes through this
 * process's memory), then reads the copy back a chunk at a time to check
 * it is the bytes the file's key was made of (`from.hash`). A file saved,
 * cut short or removed since it was hashed throws FILE_CHANGED (exit 1),
 * which the build answers by hashing every file again and building once
 * more (build.ts): a site never publishes bytes other than those its
 * marker keys, which a later build would take as up to date.
 */
async function copyChecked(from: FileCopy, file: string): Promise<void> {
  try {
    await copyFile(from.copy, file, constants.COPYFILE_FICLONE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The source gone or no longer readable: changed since it was hashed. A failure to write is the output's (site-writer.ts `unwritable`).
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') throw changedWhileCopied(from.copy);
    throw error;
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: COPY_BUFFER_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  if (size !== from.size || hash.digest('hex') !== from.hash) throw changedWhileCopied(from.copy);
}

function changedWhileCopied(source: string): PaperboyError {
  return new PaperboyError(FILE_CHANGED, `${source} changed or was removed while the build copied it into the site`, { exitCode: 1, hint: 'Run the build again once the file is saved.' });
}

/**
 * `bytes` as the file `file` (created or emptied), through `fs.writeFile`'s
 * callback: the same open, write and close on the thread pool as
 * `fs/promises`' `writeFile`, without a `FileHandle` and its promises per
 * file, which cost ~30% more of this process's CPU (writing 4,758 files in
 * folders of their own, 16 at a time: 0.21–0.25 s against 0.31–0.36 s of
 * user time, three runs each).
 */
function writeWhole(file: string, bytes: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => writeFile(file, bytes, (error) => (error ? reject(error) : resolve())));
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
}
