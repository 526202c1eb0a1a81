import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from './database-file.js';

/**
 * How long a reader that only looks waits for a lock, in ms: a build
 * warning is not worth holding a build up for (a WAL reader waits only
 * while another connection recovers the log, a few ms).
 */
const LOOK_BUSY_TIMEOUT_MS = 1000;

/**
 * `<dataDir>/paperboy.db` as it is, for a command that only looks at it
 * (`build`'s warning of a moved baseUrl): opened read-only, never created,
 * migrated or written; undefined when there is none. Its schema may be
 * older than this paperboy's (the caller reads what is there) or newer.
 * SQLite may create the WAL's `-shm` and `-wal` files beside it, as any
 * reader of a WAL database does (given the database's owner and mode
 * when run as root). Throws what better-sqlite3 throws when the file
 * cannot be read.
 */
export function openStoreToLook(dataDir: string): Database.Database | undefined {
  const path = join(dataDir, DATABASE_FILE);
  try {
    statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return new Database(path, { readonly: true, fileMustExist: true, timeout: LOOK_BUSY_TIMEOUT_MS });
}
