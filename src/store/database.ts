import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PaperboyError } from '../errors.js';
import { DATABASE_FILE } from './database-file.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { rememberDatabasePath, storeProblem } from './store-problem.js';
import { makeFolders } from '../make-folders.js';

export type Store = Database.Database;

export { DATABASE_FILE };

/**
 * How long a writer waits for another connection's write lock (the sender
 * and the server write at once) before SQLite reports SQLITE_BUSY, in ms.
 * Every transaction here is a handful of row writes (well under 100 ms), so
 * 10 s only runs out when a process holds a lock while stuck.
 */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The busy timeout in ms: PAPERBOY_BUSY_TIMEOUT_MS from the environment
 * when it is a whole number (for tests only, so that a test of a held lock
 * need not wait 10 s; not a user setting), else BUSY_TIMEOUT_MS. The
 * server sets its own, shorter (server/start.ts).
 */
function busyTimeout(): number {
  const fromEnv = process.env.PAPERBOY_BUSY_TIMEOUT_MS;
  return fromEnv !== undefined && /^\d{1,6}$/.test(fromEnv) ? Number(fromEnv) : BUSY_TIMEOUT_MS;
}

/**
 * Opens (and creates) `<dataDir>/paperboy.db`, brought to the newest schema.
 * WAL lets readers (the server, `sends`) run while a send writes;
 * `synchronous=FULL` makes each commit durable before it returns, which the
 * send journal's promise rests on (a row committed as `sent` survives a power
 * loss); `busy_timeout` makes a second writer wait instead of failing.
 * Throws PaperboyError STORE_UNAVAILABLE (exit 2) when the file cannot be
 * opened or is not a paperboy database.
 */
export function openStore(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Store {
  const path = join(dataDir, DATABASE_FILE);
  rememberDatabasePath(path);
  let db: Store;
  try {
    makeFolders(dataDir);
    db = new Database(path);
  } catch (error) {
    throw storeError(path, error);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeout()}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw storeError(path, error);
  }
}

/**
 * The database as a command that writes nothing reads it (`send --dry-run`,
 * `new`): `openStore` when `dataDir` has one of this paperboy's schema;
 * one an older paperboy wrote, or one in rollback-journal mode (whose file
 * `openStore` would switch to WAL), is read into memory and migrated
 * there, its file left as it was (the next command that writes migrates
 * it); none,
 * an empty one in memory, never made on disk. Throws STORE_UNAVAILABLE
 * (exit 2) as `openStore` does when the file cannot be there to look at
 * (`dataDir` under a file, no permission) or read: a dry run must not say
 * "no subscribers" where the send would fail; STORE_TOO_NEW as it does.
 * The copy in memory is the whole database, only until its schema is the
 * newest.
 */
export function openStoreIfAny(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Store {
  const path = join(dataDir, DATABASE_FILE);
  try {
    statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw storeError(path, error);
    return inMemory(undefined, migrations);
  }
  const image = imageToChange(path, migrations.length);
  return image ? inMemory(image, migrations) : openStore(dataDir, migrations);
}

/**
 * The bytes of the database at `path` (with what its WAL holds) when
 * `openStore` would change its file: its schema is older than `newest`
 * (migrated), or it is not in WAL mode (a copy or a tool left it in
 * rollback-journal mode, which `journal_mode = WAL` rewrites); read
 * through a read-only connection. Else undefined. Throws
 * STORE_UNAVAILABLE when it cannot be read.
 */
function imageToChange(path: string, newest: number): Buffer | undefined {
  let db: Store | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeout() });
    if ((db.pragma('user_version', { simple: true }) as number) >= newest && db.pragma('journal_mode', { simple: true }) === 'wal') return undefined;
    const image = db.serialize();
    // Bytes 18 and 19 (the file format's read and write versions) say WAL (2), which SQLite cannot open in memory (no -shm): say rollback (1).
    image[18] = 1;
    image[19] = 1;
    return image;
  } catch (error) {
    throw storeError(path, error);
  } finally {
    db?.close();
  }
}

/** A database in memory, from `image` (a serialized database) or empty, brought to the newest schema. */
function inMemory(image: Buffer | undefined, migrations: readonly Migration[]): Store {
  const db = image ? new Database(image) : new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

function storeError(path: string, error: unknown): PaperboyError {
  if (error instanceof PaperboyError) return error;
  const known = storeProblem(error);
  return new PaperboyError('STORE_UNAVAILABLE', `Cannot open the database ${path}: ${(error as Error).message}`, {
    cause: error,
    hint: known?.hint ?? 'Check that dataDir in paperboy.config.yaml is a writable directory and that the file is a paperboy database (or move it away to start afresh).',
  });
}

/**
 * Applies the migrations the database has not seen, each in its own
 * transaction, recording the version in `PRAGMA user_version` (SQLite's slot
 * for exactly this). A database newer than this paperboy is refused rather
 * than written with an old idea of its tables.
 */
function migrate(db: Store, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.length;
  if (current > newest) {
    // Named: a newsletter's dataDir may hold a database copied from another machine, and the message should say which file.
    const where = db.memory ? '' : ` in ${db.name}`;
    throw new PaperboyError('STORE_TOO_NEW', `Unexpected database schema version ${current}${where}, expected at most ${newest} (this paperboy's)`, {
      hint: 'The database was written by a newer paperboy: upgrade paperboy (or point dataDir at the database of this version).',
    });
  }
  for (let version = current + 1; version <= newest; version++) {
    const migration = migrations[version - 1]!;
    // BEGIN IMMEDIATE: two processes opening a fresh database at once migrate one after the other.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= version) return;
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}

export type { Migration };

/**
 * A failed write (disk full, a locked database past the busy timeout, a
 * constraint) as one message saying what was not written (exit 2; the
 * surroundings' codes as `storeProblem` says them); any other error passes
 * through unchanged.
 */
export function storeWriteError(error: unknown, what: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  return storeProblem(error, what) ?? new PaperboyError('STORE_WRITE', `Cannot write ${what} to the database: ${(error as Error).message} (${code})`, {
    cause: error,
    hint: 'Nothing of it was written. Check the disk space and that no other program holds the database, then run the command again.',
  });
}
