import { existsSync, lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { staticPathKind } from '../config/static-sources.js';
import { pathWithin } from '../path-within.js';

/** What `watchFolder` tells: a file or folder in the watched folder (or the folder itself) added, changed or removed. */
type FolderEvent = (event: string, path: string) => void;

/**
 * Watches the folder `dir` and what it holds for `serve --dev` (`kept`
 * says which paths in it count; the folder itself and the folders on the
 * way to it always do): `onEvent` is called with chokidar's event and the
 * path of each change, including the folder's own making or removal;
 * `failed` with each error of the watch (a file the system refuses to
 * watch). Resolves once watching.
 *
 * Watched from its parent (the nearest folder that exists), never the
 * folder itself: chokidar 4 loses a watched folder that is removed and made
 * again (a branch switched, the folder moved away and back, a sync tool
 * replacing it: saves were never rebuilt after), and misses a missing one
 * made later when its parent holds other watched paths (the config file,
 * templatesDir). The parent's other entries are ignored, so nothing else
 * under it is watched.
 */
export async function watchFolder(dir: string, kept: (path: string) => boolean, onEvent: FolderEvent, failed: (error: unknown) => void): Promise<FSWatcher> {
  let base = dirname(dir);
  while (!existsSync(base) && dirname(base) !== base) base = dirname(base);
  const ignored = (path: string) => !pathWithin(path, dir) && !(pathWithin(dir, path) && kept(path));
  const watcher = watch(base, { ignoreInitial: true, ignored });
  watcher.on('error', failed);
  watcher.on('all', (event, path) => {
    if (path === dir || (pathWithin(dir, path) && kept(path))) onEvent(event, path);
  });
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return watcher;
}

/**
 * Watches the site's own files (`staticDir`) for `serve --dev`: `onChange`
 * is called with the path of each file or folder added, changed or removed
 * there that the build copies (not a hidden one: an editor's swap file; nor
 * `dataDir`, which each build writes, when it lies there), or
 * of the folder itself when it is made or removed; `failed` with each
 * error of the watch. Resolves once watching (see `watchFolder`).
 * Not what a link to a folder in it holds: the build does not follow one
 * (config/static-sources.ts), and a link to `~` had every file under it watched.
 */
export function watchStaticFiles(staticDir: string, dataDir: string, onChange: (path: string) => void, failed: (error: unknown) => void): Promise<FSWatcher> {
  const kept = (path: string) => staticPathKind(staticDir, path, dataDir) === 'copied' && (path === staticDir || !linksToFolder(path));
  return watchFolder(staticDir, kept, (_event, path) => onChange(path), failed);
}

/** Whether `path` is a link to a folder (false for anything else, or nothing there). */
function linksToFolder(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
