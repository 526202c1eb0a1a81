import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { CommandIO } from '../io.js';
import { isNoRoom, isWriteFailure, writeFailureWords } from '../write-failure.js';

/**
 * Writes a command's output to the file its `--out` names (relative to the
 * command's cwd) and prints that file's absolute path on stdout, as `render`,
 * `papers export` and `subscribers export` do. `contents` may be an iterable
 * of strings (a CSV's rows), written as they come without being joined.
 *
 * Throws PaperboyError OUT_FILE_UNWRITABLE when the file system refuses:
 * exit 2 for a path that cannot be a file here (an empty one, a missing
 * folder, a folder of that name, no permission), exit 74 when writing it
 * failed (no room, an I/O error: the commands' "output could not be
 * written", as `> /dev/full` gives), the user's to fix either way, said
 * with the path, not a stack trace. The folder is not made: a mistyped
 * path should not leave new folders behind.
 */
export async function writeOutFile(out: string, contents: string | Iterable<string>, io: CommandIO): Promise<void> {
  if (out.trim() === '') throw new PaperboyError('OUT_FILE_UNWRITABLE', 'Unexpected empty --out, expected the path of a file', { hint: 'Pass --out FILE, or leave --out out to write to stdout.' });
  const path = resolve(io.cwd, out);
  try {
    await writeFile(path, contents);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const failed = isWriteFailure(code);
    throw new PaperboyError('OUT_FILE_UNWRITABLE', `Cannot write --out ${path}: ${reason(code, path)}`, {
      cause: error,
      exitCode: failed ? 74 : 2,
      // The path was right: what to change is the disk (a part of the file may be there, cut short).
      hint: failed ? writeFailure(code).hint : 'Pass --out the path of a file in a folder that exists and that you may write.',
    });
  }
  io.stdout.write(`${path}\n`);
}

/**
 * A failure of writing an output (write-failure.ts) in the user's words with
 * its code (`the disk is full (ENOSPC)`), and what to do: for an output file
 * and for stdout alike.
 */
export function writeFailure(code: string): { why: string; hint: string } {
  return {
    why: writeFailureWords(code),
    hint: isNoRoom(code) ? 'Free some room on the disk (or write the output to another one), then run the command again.' : 'Write the output to another disk, then run the command again.',
  };
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
    default:
      return writeFailure(code).why;
  }
}
