import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { linkTarget } from '../archive/link-target.js';
import { builtKey } from '../archive/site-marker.js';
import { isWatchLimit, watchFailure } from '../watch-failure.js';

/** Quiet time after the last change beside the site before it is mapped again, in ms: a build renames several things. */
const SETTLE_MS = 100;
/** How often a rebuild's commit under way is checked for its end, in ms. */
const COMMIT_POLL_MS = 250;
/** The longest wait between attempts to map a rebuilt site that could not be mapped, in ms. */
const RETRY_MAX_MS = 30_000;

/**
 * `paperboy build` replaces outDir whole (a rename in its parent folder),
 * or commits a rebuild's changed files through its journal `<out>.commit`
 * beside it (written, then removed once every file is in): the site is
 * mapped again after either, so the server serves the new archive without a
 * restart. An outDir that is a symbolic link is followed where it points,
 * where the build writes (`linkTarget`); pointed elsewhere (`ln -sfn`, a
 * deploy switching releases), it is followed there, and that site mapped.
 *
 * While the journal is there the commit is still moving files in and
 * removing others: the site is mapped once it is gone, so what is served is
 * the finished site (a journal a killed build left stays until the next
 * build finishes its commit). A site that cannot be mapped (a folder that
 * cannot be read) is said with `warn` and tried again, less often each
 * time; the previous map is served meanwhile. Nothing here throws: a
 * failure in a timer would end the process. Undefined when the folder to
 * watch is not there: the site is then what it was at start.
 *
 * `mappedKey` is the site's key (`builtKey`) read before the site now
 * served was mapped: a rebuild that landed after that read and before the
 * watch was set has no event, and is mapped once the watch is set.
 */
export function followRebuilds(outDir: string, reload: () => void, warn: (line: string) => void, mappedKey: string | undefined): { close(): void } | undefined {
  let siteDir = linkTarget(outDir);
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const attemptIn = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(attempt, ms);
  };
  const stopped = (error: Error) =>
    warn(isWatchLimit(error) ? watchFailure(error, `a rebuild of ${outDir} is not served`) : `stopped following rebuilds of ${outDir} (${error.message}): restart the server to serve a new build`);
  /** Calls `attemptIn(SETTLE_MS)` when one of `names` changes in `folder`; a watcher that fails is said, and the server runs on. */
  const watchFor = (folder: string, names: readonly string[]) => {
    const watcher = watch(folder, (_event, name) => {
      if (name !== null && names.includes(name)) attemptIn(SETTLE_MS);
    });
    // The watched folder removed, say: the site stays what it was, the server runs on.
    watcher.on('error', stopped);
    return watcher;
  };
  const watchSite = () => watchFor(dirname(siteDir), [basename(siteDir), `${basename(siteDir)}.commit`]);
  let site: FSWatcher | undefined;
  const attempt = () => {
    // A symbolic link pointed elsewhere (`ln -sfn`): its new target is the site, and where rebuilds land.
    const target = linkTarget(outDir);
    if (target !== siteDir) {
      siteDir = target;
      site?.close();
      try {
        site = watchSite();
      } catch (error) {
        site = undefined;
        stopped(error as Error);
      }
    }
    if (existsSync(`${siteDir}.commit`)) return attemptIn(COMMIT_POLL_MS);
    try {
      reload();
    } catch (error) {
      failures += 1;
      const wait = Math.min(SETTLE_MS * 2 ** failures, RETRY_MAX_MS);
      warn(`cannot map the rebuilt site in ${outDir} (${(error as Error).message}): still serving the previous one's pages (those removed since answer 404), trying again in ${wait / 1000} s`);
      return attemptIn(wait);
    }
    if (failures > 0) warn(`the rebuilt site in ${outDir} is served now`);
    failures = 0;
  };
  try {
    site = watchSite();
    // outDir a symbolic link: the link itself, beside it, may be pointed at another site.
    const link = siteDir === outDir ? undefined : watchFor(dirname(outDir), [basename(outDir)]);
    if (builtKey(siteDir) !== mappedKey) attemptIn(0);
    return {
      close: () => {
        clearTimeout(timer);
        site?.close();
        link?.close();
      },
    };
  } catch (error) {
    site?.close();
    // The folder gone is said elsewhere (the site is what it was at start); the system refusing a watch is said here.
    if (isWatchLimit(error)) stopped(error as Error);
    return undefined;
  }
}
