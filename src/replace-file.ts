import { closeSync, fchmodSync, fchownSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
  mkdirSync(dirname(file), { recursive: true });
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
 * Throws what the file system throws, the file then untouched.
 */
export function replaceEditedFile(file: string, contents: string | Uint8Array): void {
  const target = realpathSync(file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const { mode, uid, gid } = statSync(target);
  const descriptor = openSync(temporary, 'w', mode & 0o7777);
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
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
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
