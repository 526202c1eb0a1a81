import { lstatSync, readlinkSync, type Stats } from 'node:fs';

/**
 * Why a file or a folder could not be read, in words, and what to do about it. The
 * errno code an `open`, `stat` or `read` fails with (POSIX open(2),
 * stat(2)) names the cause for a programmer, not for the reader of a
 * message (`EACCES`, `ELOOP`): every message about a file paperboy could
 * not read (an issue, a CSV to import, a mailbox, a lint path) says it
 * through this module, the code kept in brackets for a search.
 */
export interface FileProblem {
  /** What is wrong, a phrase to follow "Cannot read X: ": `permission denied (EACCES)`. */
  reason: string;
  /** What to do, one sentence: `Give your user read permission …`. */
  fix: string;
  /** Nothing is at the path (ENOENT, ENOTDIR): a mistyped path, rather than a file that is there and cannot be read. */
  missing?: true;
}

/**
 * The problem behind `error`, raised by a file-system call (open, read,
 * stat, readdir) on `path` (absolute, or relative to the process's
 * folder), shown in the fix as `shown` (as the user wrote it). An error
 * without an errno code is described by its message.
 */
export function fileReadProblem(error: unknown, path: string, shown = path): FileProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const said = (words: string) => `${words} (${code})`;
  switch (code) {
    case 'ENOENT':
      return danglingLink(path, shown) ?? { reason: said('no such file or folder'), fix: 'Check the path: nothing by that name is there.', missing: true };
    case 'ENOTDIR':
      return { reason: said('a file stands where the path needs a folder'), fix: 'Check the path: each part before a file, and a folder asked for, must be a folder.', missing: true };
    case 'EACCES':
    case 'EPERM':
      return {
        reason: said('permission denied'),
        fix: `Let your user read it and open the folders above it (\`chmod u+r ${shown}\` as its owner, whom \`ls -l\` shows), or run paperboy as a user who may.`,
      };
    case 'EISDIR':
      return { reason: said('it is a folder, not a file'), fix: 'Name a file, not a folder.' };
    case 'ELOOP':
      return { reason: said('its symbolic links lead back to each other, never to a file'), fix: `Point the link at the file itself (\`ls -l ${shown}\` shows where it leads), or remove it.` };
    case 'ENAMETOOLONG':
      return { reason: said('the path is too long'), fix: 'Use a shorter path.' };
    case 'EMFILE':
    case 'ENFILE':
      return { reason: said('too many files are open'), fix: 'Close other programs, or raise the limit (`ulimit -n`), and run it again.' };
    case 'EIO':
      return { reason: said('the disk reported an input/output error'), fix: 'Check the disk (or the network file system) it is on, then run it again.' };
    default:
      return { reason: error instanceof Error ? error.message : String(error), fix: 'Check the path, then run it again.' };
  }
}

/** A symbolic link at `path` whose target does not exist (ENOENT on opening a link that `lstat` finds). */
function danglingLink(path: string, shown: string): FileProblem | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    const target = readlinkSync(path);
    return { reason: `a symbolic link to \`${target}\`, which does not exist (ENOENT)`, fix: `Point the link at an existing file (\`ln -sf FILE ${shown}\`), or remove it.` };
  } catch {
    return undefined;
  }
}

/**
 * What a file that is not a regular file is, in words (`named pipe (FIFO)`,
 * `device`, `socket`), for a message refusing to read it: a named pipe
 * keeps a read waiting for a writer, a device may never end (`/dev/zero`).
 * `info`: its stat, the link followed.
 */
export function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return info.isSocket() ? 'socket' : 'special file';
}
