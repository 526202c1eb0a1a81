import { existsSync, lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { staticPathKind } from '../archive/static-files.js';
import { pathWithin } from '../path-within.js';

/**
 * Watches the site's own files (`staticDir`) for `serve --dev`: `onChange`
 * is called with the path of each file or folder added, changed or removed
 * there that the build copies (not a hidden one: an editor's swap file), or
 * of the folder itself when it is made or removed; `failed` with each
 * error of the watch (a file the system refuses to watch). Resolves once watching.
 *
 * Watched from its parent (the nearest folder that exists), never the
 * folder itself: chokidar 4 loses a watched folder that is removed and made
 * again, and misses a missing one made later when its parent holds other
 * watched paths (the config file, templatesDir). The parent's other
 * entries are ignored, so nothing else under it is watched.
 */
export async function watchStaticFiles(staticDir: string, onChange: (path: string) => void, failed: (error: unknown) => void): Promise<FSWatcher> {
  let base = dirname(staticDir);
  while (!existsSync(base) && dirname(base) !== base) base = dirname(base);
  // Kept: the folders on the way down to staticDir (each holds it, `pathWithin(path, staticDir)`) and the files the build copies.
  // And not what a link to a folder in it holds: the build does not follow one (static-files.ts), and a link to `~` had every file under it watched.
  const ignored = (path: string) => (!pathWithin(path, staticDir) && staticPathKind(staticDir, path) !== 'copied') || (path !== staticDir && pathWithin(staticDir, path) && linksToFolder(path));
  const watcher = watch(base, { ignoreInitial: true, ignored });
  watcher.on('error', failed);
  watcher.on('all', (_event, path) => {
    if (staticPathKind(staticDir, path) === 'copied') onChange(path);
  });
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return watcher;
}

/** Whether `path` is a link to a folder (false for anything else, or nothing there). */
function linksToFolder(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
