import { dirname, join } from 'node:path';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import type { Config } from '../config/load.js';
import type { CommandIO } from '../io.js';
import type { SentLinks } from '../send/link-bases.js';
import { databaseStamp, sameContents } from '../store/database-stamp.js';
import { makeFolders } from '../make-folders.js';

/**
 * The format of the remembered warning (`<dataDir>/cache/moved-base-url.json`).
 * History: 1 (its first); 2 its last line says why it is said on every build
 * (moved-base-url-warning.ts): a warning remembered before is not said again.
 */
const CACHE_FORMAT = 2;

/**
 * Says on stderr, once, when emails already sent carry links under another
 * baseUrl than the config's now (send/link-bases.ts): the old bases, the
 * issues sent under each, and what to do (as `serve` says on start;
 * docs/config.md "Moving baseUrl"). Looks at `<dataDir>/paperboy.db` only
 * when there is one, read-only (store/look.ts): a newsletter that never
 * sent has no database, and `build` makes none. A database it cannot read
 * is passed over without a word: `build` does not fail for a warning, and
 * `send` and `serve` report that database.
 *
 * Loading SQLite is most of the cost (measured on a loaded 2-core machine:
 * 60–270 ms to load better-sqlite3, 6–30 ms to read 200 sends of 2,000
 * recipients), so with `cache` the warning is remembered under the
 * database's files' sizes and times (`databaseStamp`) and the baseUrl,
 * and a build after which nothing was sent reads only that.
 */
export async function sayMovedBaseUrl(config: Pick<Config, 'baseUrl' | 'dataDir'>, cache: boolean, io: CommandIO): Promise<void> {
  const stamp = databaseStamp(config.dataDir);
  if (stamp === undefined) return;
  const file = join(config.dataDir, 'cache', 'moved-base-url.json');
  const key = (databaseFiles: string) => JSON.stringify([CACHE_FORMAT, config.baseUrl, databaseFiles]);
  const remembered = cache ? (readCacheJson(file) as { key?: unknown; warning?: unknown } | undefined) : undefined;
  if (remembered?.key === key(stamp) && typeof remembered.warning === 'string') {
    io.stderr.write(remembered.warning);
    return;
  }
  const warning = await readWarning(config);
  if (warning === undefined) return;
  io.stderr.write(warning);
  // The stamp after the read: a reader of a WAL database may make its empty `-wal` file. Kept only when nothing was written meanwhile.
  const after = databaseStamp(config.dataDir);
  if (!cache || after === undefined || !sameContents(stamp, after)) return;
  try {
    makeFolders(dirname(file));
    writeCacheFile(file, JSON.stringify({ key: key(after), warning }));
  } catch {
    // Not remembered (a read-only dataDir): the next build reads the database again.
  }
}

/** The warning as the database says it now ('' for none), or undefined when it cannot be read. Loads SQLite. */
async function readWarning(config: Pick<Config, 'baseUrl' | 'dataDir'>): Promise<string | undefined> {
  const [{ openStoreToLook }, { movedLinks, sentLinks }, { movedBaseUrlWarning }] = await Promise.all([
    import('../store/look.js'),
    import('../send/link-bases.js'),
    import('./moved-base-url-warning.js'),
  ]);
  let links: SentLinks;
  try {
    const db = openStoreToLook(config.dataDir);
    if (db === undefined) return undefined;
    try {
      links = movedLinks(sentLinks(db, config.baseUrl), config.baseUrl);
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
  return movedBaseUrlWarning(links, config.baseUrl);
}
