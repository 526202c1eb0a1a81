import { chmodSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Whether the process's umask (umask(2)) takes read permission from the
 * group or from others: 077 (a hardened login's, some root shells'), 027.
 * The pages a build writes would then be its user's alone (0600 in 0700
 * folders), and a web server running as another user (nginx's `www-data`)
 * would answer 403 for every page, while the web assets, copied with their
 * package's mode (0644), were served. Read once, at load: reading the umask
 * sets it twice (Node's DEP0139), harmless before any file is made.
 */
const UMASK_HIDES_FILES = (process.umask() & 0o044) !== 0;

/** What a site's files and folders are given when the umask hides them: read by all, written by their owner, as a published site is under the usual umask 022. */
const FILE_MODE = 0o644;
const FOLDER_MODE = 0o755;

/**
 * Makes `folder` (a staging or pending folder of a build) and everything
 * under it readable by all (files 0644, folders 0755) when the umask hides
 * them (`UMASK_HIDES_FILES`); does nothing otherwise, so the usual build
 * makes no extra system call. A symbolic link is left (chmod(2) would
 * change the file it points to, outside the site). Throws what chmod throws.
 */
export function openToReaders(folder: string): void {
  if (!UMASK_HIDES_FILES) return;
  chmodSync(folder, FOLDER_MODE);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) openToReaders(path);
    else if (entry.isFile()) chmodSync(path, FILE_MODE);
  }
}

/**
 * Makes the folders `mkdirSync(deepest, { recursive: true })` made
 * (`first`, what it returned, down to `deepest`) readable by all when the
 * umask hides them: a rebuild's commit makes the folder of a new page in
 * the site itself. Throws what chmod throws.
 */
export function openMadeFolders(first: string | undefined, deepest: string): void {
  if (!UMASK_HIDES_FILES || first === undefined) return;
  for (let dir = deepest; ; dir = dirname(dir)) {
    chmodSync(dir, FOLDER_MODE);
    if (dir === first || dirname(dir) === dir) return;
  }
}
