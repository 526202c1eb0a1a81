import { constants as bufferConstants } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * At most `limit` bytes from the start of the open file `fd`, whose `stat`
 * gave `size`: a file that grew since (changing while read) is read no
 * further than the limit. Reads in chunks of the size `stat` gave (one
 * byte more, so a file read whole is seen to end), not a fixed 1 MiB:
 * zeroing two 1 MiB buffers per file was 1.4 s of a 1,000-issue build
 * (profiled). allocUnsafe is safe here: only the bytes read are kept.
 * Throws the file system's error (EIO, EISDIR…).
 */
export function readAtMost(fd: number, limit: number, size: number): Buffer {
  // One buffer of the size stat gave, and a byte more to see the end: no copy when the file is what stat said.
  let buffer = Buffer.allocUnsafe(Math.min(limit, size + 1));
  let total = 0;
  for (;;) {
    const bytesRead = readSync(fd, buffer, total, buffer.length - total, total);
    if (bytesRead === 0) return buffer.subarray(0, total);
    total += bytesRead;
    if (total === limit) return buffer;
    // The file grew since stat: room for more, up to the limit.
    if (total === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(limit, buffer.length * 2) - buffer.length)]);
  }
}

/**
 * `file` opened without blocking and read through that descriptor: its
 * stat (the link followed), and its bytes when it is a regular file of at
 * most `limit` bytes by that stat, else undefined. A named pipe is never
 * waited on (`readFileSync` opens it and waits for a writer), and the file
 * checked is the file read, however another is renamed into its place.
 * A file that grew since its stat is read to `limit` + 1 bytes at most, so
 * the caller sees it is over. Throws the open's or the read's error (its
 * errno code: ENOENT, EACCES, ELOOP…).
 */
export function readFileAtMost(file: string, limit: number): { info: Stats; bytes: Buffer | undefined } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    return { info, bytes: info.isFile() && info.size <= limit ? readAtMost(fd, limit + 1, info.size) : undefined };
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of `file` when it is a regular file that can be read, else
 * undefined: for files paperboy writes for itself and reads back when they
 * are there (the caches, cache-file.ts; the site marker; the commit
 * journal), where one that cannot be read is none: a named pipe in such a
 * file's place kept `lint` and `build` waiting for a writer for ever.
 */
export function readRegularFile(file: string): Buffer | undefined {
  try {
    return readFileAtMost(file, bufferConstants.MAX_LENGTH - 1).bytes;
  } catch {
    return undefined;
  }
}

/**
 * The first `bytes` bytes of `file` as UTF-8 (fewer when it is shorter),
 * when it is a regular file that can be read, else undefined: for files
 * whose head alone says what is needed (the site marker's key line, the
 * Atom feed's own `<id>`), opened without blocking as `readRegularFile`
 * opens them. A character cut at the end is decoded as U+FFFD.
 */
export function readRegularFileHead(file: string, bytes: number): string | undefined {
  try {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = fstatSync(fd);
      return info.isFile() ? readAtMost(fd, bytes, info.size).toString('utf8') : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
