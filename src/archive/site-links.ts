import { constants, copyFileSync, linkSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Puts each file under `from` that `kept` accepts (its path relative to
 * `from`, `/`-separated) at the same path under `to`, making the folders
 * it needs: a hard link (`link(2)`), so a restaged site shares the bytes
 * of its unchanged files with the previous one without reading them. A
 * file edited by hand there to the same size stays as it was edited (one
 * of another size is not kept: site-writer.ts `openSite`). Where links are
 * refused (a file system without them, FAT or some network shares: EPERM,
 * ENOTSUP; another file system: EXDEV; a file at its link limit: EMLINK),
 * the file is copied (a copy-on-write clone where the file system makes
 * one); after a refusal other than EMLINK, every later file is copied
 * without trying. A symbolic link is made again, pointing where it
 * pointed (`link(2)` follows one on some systems). Folders left with no
 * file are not made. Throws what reading `from`, or making a folder, link
 * or copy under `to` throws.
 */
export function linkFiles(from: string, to: string, kept: (path: string) => boolean): void {
  let linking = true;
  const made = new Set<string>();
  const place = (path: string, dir: string) => {
    if (!made.has(dir)) {
      mkdirSync(join(to, dir), { recursive: true });
      made.add(dir);
    }
    return join(to, path);
  };
  const visit = (dir: string) => {
    for (const entry of readdirSync(join(from, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        visit(path);
        continue;
      }
      if (!kept(path)) continue;
      const source = join(from, path);
      if (entry.isSymbolicLink()) {
        symlinkSync(readlinkSync(source), place(path, dir));
        continue;
      }
      if (!entry.isFile()) continue;
      const target = place(path, dir);
      if (linking) {
        try {
          linkSync(source, target);
          continue;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (!LINK_REFUSED.has(code)) throw error;
          if (code !== 'EMLINK') linking = false;
        }
      }
      copyFileSync(source, target, constants.COPYFILE_FICLONE);
    }
  };
  visit('');
}

/** What `link(2)` answers when the file system cannot link the file (Linux and macOS codes), rather than a failure of the disk. */
const LINK_REFUSED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS']);
