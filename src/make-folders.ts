import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes the folder `path` and the folders missing above it, as
 * `mkdir -p` does, and returns promptly whatever the file system answers.
 * Node 20's `mkdirSync(path, { recursive: true })` (and `fs.promises.mkdir`)
 * spins forever, at full CPU, where mkdir(2) answers ENOENT for a folder
 * whose parent exists (anything under /proc, such as `/proc/self/x`): it
 * takes ENOENT for a missing parent, makes the parent (EEXIST) and tries
 * again, without end. Here each missing folder is made once, from the
 * outermost down, and its error thrown as it comes: ENOENT from a folder
 * whose parent is there, ENOTDIR when a file stands in the path, EACCES,
 * EROFS (a `NodeJS.ErrnoException` naming the folder it could not make).
 * A folder another process made meanwhile (EEXIST) is fine.
 */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${resolve(path)}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: at });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
      missing.push(at);
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}
