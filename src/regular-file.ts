import { constants as bufferConstants } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

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
 * The bytes of `file` when it is a regular file that can be read, else
 * undefined: for files paperboy writes for itself and reads back when they
 * are there (the caches, cache-file.ts; the site marker; the commit
 * journal), where one that cannot be read is none. Opened without
 * blocking and checked through its descriptor: a named pipe in such a
 * file's place kept `lint` and `build` waiting for a writer for ever,
 * where `readFileSync` opens it and waits.
 */
export function readRegularFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    return info.isFile() ? readAtMost(fd, bufferConstants.MAX_LENGTH, info.size) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
