import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FILE_CHANGED, PaperboyError } from './errors.js';
import { sha256 } from './sha256.js';
import { makeFolders } from './make-folders.js';
import { isNoRoom, isWriteFailure, writeFailureWords } from './write-failure.js';

/**
 * Writes `contents` to `file` whole or not at all: into `<file>.<pid>.tmp`
 * (each process its own), then renamed over `file`, which rename(2) does
 * atomically within a file system. A crash mid-write leaves the previous
 * file, never half of the new one. Makes the folder if needed. What every
 * cache under `dataDir` is written with. Throws what the file system
 * throws, its `path` the file asked for (a message names that one, not
 * the temporary file nor a rename's two paths).
 */
export function replaceFile(file: string, contents: string | Uint8Array): void {
  makeFolders(dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, file);
  } catch (error) {
    // A disk full or a folder at `file`: no temporary file is left behind to pile up.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Not a file of ours (a folder by that name): the error to tell is the write's.
    }
    throw Object.assign(error as NodeJS.ErrnoException, { path: file, dest: undefined });
  }
}

/**
 * Writes new contents into a file the editor owns (an issue: `lint --fix`,
 * `send` writing `status: sent`) whole or not at all, as `replaceFile`
 * does, so that a process killed mid-write leaves the file as it was:
 * writing in place truncates first, and a kill then left it empty. What
 * an editor set stays: the file's permission bits, its owner and group
 * (as far as the process may set them: root run by `sudo paperboy send`
 * keeps the editor's; another user keeps at least the group when a member
 * of it), and a symbolic link (the file it points to is replaced, the link
 * kept). The temporary file,
 * `.<name>.<pid>.tmp` beside that file, is hidden and not an `.md` file,
 * so no command reads it as an issue; it is flushed to disk (fsync) before
 * the rename, so a power cut cannot leave the new name on empty contents.
 * `readHash` is the SHA-256 of the bytes the new contents were made from:
 * a file saved since (an editor's autosave during `lint --fix`, another
 * `lint --fix` of it) is left as saved, FILE_CHANGED (exit 1): the check
 * and the rename are one step for every paperboy process (`withReplaceLock`),
 * so of two that read the same bytes one replaces the file and the other
 * says it changed, never both replacing it. Throws FILE_READ_ONLY (exit 2) for a file
 * without write permission or in a folder that cannot be written,
 * FILE_UNWRITTEN (exit 74) when the disk refuses the new contents (full, a
 * quota, an I/O error: write-failure.ts), and what else the file system
 * throws, the file then untouched.
 */
export function replaceEditedFile(file: string, contents: string | Uint8Array, readHash: string): void {
  const target = realpathSync(file);
  const { mode, uid, gid } = statSync(target);
  // A file nobody may write (0444), or this user may not: refused, not replaced around its protection by a rename.
  if ((mode & 0o222) === 0 || !writable(target)) throw readOnly(file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let descriptor: number;
  try {
    descriptor = openSync(temporary, 'w', mode & 0o7777);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EROFS') throw folderReadOnly(file, dirname(target), error);
    throw unwritten(file, error);
  }
  try {
    try {
      keepOwner(descriptor, uid, gid);
      // Set again, after the owner: open(2) applies the umask, which would take a group's write permission away, and chown(2) clears set-user-ID bits.
      fchmodSync(descriptor, mode & 0o7777);
      const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
      for (let at = 0; at < bytes.length; ) at += writeSync(descriptor, bytes, at);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    withReplaceLock(target, file, () => {
      // Saved by the editor since it was read: their save stays, ours is dropped (the window left is this read and the rename).
      if (sha256(readFileSync(target)) !== readHash) throw changedWhileWriting(file);
      renameSync(temporary, target);
    });
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritten(file, error);
  }
}

/**
 * `error` as FILE_UNWRITTEN (exit 74, as an output that cannot be written)
 * when the disk refused to write (write-failure.ts): a disk full under
 * `lint --fix` or `send`'s `status: sent` is the user's to fix, said with
 * the file, not a stack trace. Any other error as it is.
 */
function unwritten(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string' || !isWriteFailure(code)) return error;
  return new PaperboyError('FILE_UNWRITTEN', `Cannot write ${file}: ${writeFailureWords(code)}; it is left as it was`, {
    cause: error,
    exitCode: 74,
    hint: isNoRoom(code) ? 'Free some room on the disk, then run the command again.' : 'Check the disk it is on, then run the command again.',
  });
}

/** How long a replace waits for another paperboy's lock on the file: that one holds it for a read and a rename, milliseconds. */
const LOCK_WAIT_MS = 2_000;
/** A lock older than this was left by a process killed while holding it: taken over. */
const STALE_LOCK_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `step` holding `.<name>.lock` beside `target`, made with O_EXCL
 * (open(2)): no two paperboy processes check and replace one file at once,
 * or both would find it as they read it and rename over it, the second
 * dropping the first's edit while both report it written. An editor takes
 * no such lock: its save in that step is the window left. Waits up to
 * `LOCK_WAIT_MS` for another's lock, then throws FILE_CHANGED (exit 1: run
 * again), the file untouched.
 */
function withReplaceLock(target: string, file: string, step: () => void): void {
  const lock = join(dirname(target), `.${basename(target)}.lock`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockAge(lock) > STALE_LOCK_MS) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw lockedByAnother(file, lock);
      else Atomics.wait(sleeper, 0, 0, 5);
    }
  }
  try {
    step();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Milliseconds since `lock` was made; 0 when it is gone already (its holder done: try again). */
function lockAge(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}

function lockedByAnother(file: string, lock: string): PaperboyError {
  return new PaperboyError(FILE_CHANGED, `${file} is being replaced by another paperboy (it holds ${lock}): left as it is, nothing of this run's written`, {
    exitCode: 1,
    hint: `Run the command again (if no other paperboy is running, remove ${lock} first).`,
  });
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readOnly(file: string): PaperboyError {
  return new PaperboyError('FILE_READ_ONLY', `Cannot write ${file}: it is read-only`, { exitCode: 2, hint: 'Make it writable (`chmod u+w`) to have paperboy change it, or leave it as it is.' });
}

function folderReadOnly(file: string, dir: string, error: unknown): PaperboyError {
  return new PaperboyError('FILE_READ_ONLY', `Cannot write ${file}: its folder ${dir} is read-only (${(error as NodeJS.ErrnoException).code}), and the file is replaced whole (a new file beside it, then renamed over it)`, {
    exitCode: 2,
    hint: 'Make the folder writable (`chmod u+w`) to have paperboy change the file.',
  });
}

function changedWhileWriting(file: string): PaperboyError {
  return new PaperboyError(FILE_CHANGED, `${file} changed while paperboy was writing it: left as saved, nothing of paperboy's written`, { exitCode: 1, hint: 'Run the command again.' });
}

/**
 * Gives the open file `descriptor` the owner `uid` and group `gid` when it
 * has not got them: a new file belongs to the process's user, and an issue
 * rewritten by root would otherwise no longer be its editor's to save.
 * Only root may give a file away (chown(2), EPERM otherwise); a member of
 * `gid` may still set the group. What cannot be set stays the process's.
 */
function keepOwner(descriptor: number, uid: number, gid: number): void {
  for (const [owner, group] of [[uid, gid], [-1, gid]] as const) {
    try {
      fchownSync(descriptor, owner, group);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
}
