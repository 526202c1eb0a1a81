import { specialFileKind } from '../file-problem.js';
import { readFileAtMost } from '../regular-file.js';

/**
 * The most bytes a config file may hold: 1 MB. The sample newsletter's is
 * under 1 KB; one of 30 MB (a value pasted by mistake) took 21 s and 1.1 GB
 * to parse, and one of 150 MB ran the process out of memory after 99 s,
 * with V8's stack on the screen.
 */
export const MAX_CONFIG_BYTES = 1_000_000;

/** What reading the config gave: its bytes, or why they were not read. */
export type ConfigBytes =
  | { bytes: Buffer }
  /** A named pipe, a device or a socket (`kind` in words): a FIFO would keep every command waiting for a writer. */
  | { special: string }
  /** Over `MAX_CONFIG_BYTES`: its size in bytes, or undefined when it grew past the limit while read. */
  | { tooLarge: number | undefined };

/**
 * The bytes of the config at `file`, read as an issue file is
 * (issue/source.ts): opened without blocking, so that a named pipe is
 * refused rather than waited on, and checked through its descriptor, so
 * it cannot be swapped between the check and the read; never more than
 * `MAX_CONFIG_BYTES` + 1 bytes read. Throws the file system's error (its
 * errno code: ENOENT, EACCES, ELOOP, EISDIR for a folder), as `readFile` did.
 */
export function readConfigBytes(file: string): ConfigBytes {
  const { info, bytes } = readFileAtMost(file, MAX_CONFIG_BYTES);
  if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR' });
  if (!info.isFile()) return { special: specialFileKind(info) };
  if (bytes === undefined) return { tooLarge: info.size };
  return bytes.length > MAX_CONFIG_BYTES ? { tooLarge: undefined } : { bytes };
}
