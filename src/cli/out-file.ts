import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { CommandIO } from '../io.js';

/**
 * Writes a command's output to the file its `--out` names (relative to the
 * command's cwd) and prints that file's absolute path on stdout, as `render`,
 * `papers export` and `subscribers export` do. `contents` may be an iterable
 * of strings (a CSV's rows), written as they come without being joined.
 *
 * Throws PaperboyError OUT_FILE_UNWRITABLE (exit 2) when the file system
 * refuses (a missing folder, a folder of that name, no permission, no room):
 * the user's to fix, said with the path, not a stack trace. The folder is
 * not made: a mistyped path should not leave new folders behind.
 */
export async function writeOutFile(out: string, contents: string | Iterable<string>, io: CommandIO): Promise<void> {
  const path = resolve(io.cwd, out);
  try {
    await writeFile(path, contents);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new PaperboyError('OUT_FILE_UNWRITABLE', `Cannot write --out ${path}: ${reason(code, path)}`, {
      cause: error,
      hint: 'Pass --out the path of a file in a folder that exists and that you may write.',
    });
  }
  io.stdout.write(`${path}\n`);
}

/** What an errno code means for an output file, in the user's words; the code itself otherwise. */
function reason(code: string, path: string): string {
  switch (code) {
    case 'ENOENT':
      return `the folder ${dirname(path)} does not exist`;
    case 'ENOTDIR':
      return `a part of ${dirname(path)} is a file, not a folder`;
    case 'EISDIR':
      return 'it is a folder; name a file in it';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code;
  }
}
