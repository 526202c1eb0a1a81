import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The folder a symbolic link at `path` points to (resolved whole), else
 * `path`: where a build writes the site for an `outDir` that is a link, and
 * so where `serve` watches for rebuilds. The site replaces its output folder
 * by renames, which would put a real folder in the link's place and leave
 * the folder it pointed to (a web server's root, say) with the old site,
 * without a word.
 */
export function linkTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch {
    // Not there yet: the build makes it.
    return path;
  }
  try {
    return realpathSync(path);
  } catch {
    // A link to a folder not there yet: the build makes that folder.
    return resolve(dirname(path), readlinkSync(path));
  }
}
