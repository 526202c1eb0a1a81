import { PaperboyError } from '../errors.js';

/**
 * What SQLite says of the database's surroundings rather than of paperboy's
 * SQL (the primary result code, `SQLITE_BUSY` of `SQLITE_BUSY_SNAPSHOT`),
 * as what the user can do about it. Any other code (a constraint, a syntax
 * error) is a bug in paperboy and stays one. Sources: sqlite.org/rescode.html.
 */
const SURROUNDINGS: Readonly<Record<string, string>> = {
  SQLITE_BUSY: 'Another program holds the database locked (a `paperboy send`, `paperboy serve`, an SQLite browser with changes not saved): let it finish or close it, then run the command again.',
  SQLITE_LOCKED: 'Another program holds the database locked (a `paperboy send`, `paperboy serve`, an SQLite browser with changes not saved): let it finish or close it, then run the command again.',
  SQLITE_READONLY: 'The database or its folder is read-only (file mode, `chattr +i`, a read-only mount): make both writable (`chmod u+w`), then run the command again.',
  SQLITE_PERM: 'The database or its folder may not be written (file mode, `chattr +i`, a read-only mount): make both writable, then run the command again.',
  SQLITE_CANTOPEN: 'The database file (or its -wal/-shm file beside it) cannot be opened: check that dataDir in paperboy.config.yaml is a folder you may write.',
  SQLITE_FULL: 'The disk is full: free some space, then run the command again.',
  SQLITE_IOERR: 'The disk failed to read or write the database: check the disk and its free space, then run the command again.',
  SQLITE_NOTADB: 'The file is not a paperboy database: move it away to start afresh, or set dataDir to the folder of the right one.',
  SQLITE_CORRUPT: 'The database file is damaged: restore it from a backup (or move it away to start afresh).',
};

/** The primary result code of an SQLite error (`SQLITE_READONLY` of `SQLITE_READONLY_DBMOVED`), or undefined for any other error. */
function primaryCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  return code.split('_').slice(0, 2).join('_');
}

/** Whether `error` is SQLite's saying another connection holds the database locked (SQLITE_BUSY and its extended codes): what a writer may wait out. */
export function isBusy(error: unknown): boolean {
  return primaryCode(error) === 'SQLITE_BUSY';
}

/** The path of the database the process opened last (store/database.ts `openStore`), named by the errors here. */
let openedPath: string | undefined;

export function rememberDatabasePath(path: string): void {
  openedPath = path;
}

/**
 * An SQLite error about the database's surroundings (locked past the busy
 * timeout, read-only, disk full, cannot be opened) as one PaperboyError
 * STORE_WRITE (exit 2) saying what was not written (`what`, e.g. "the
 * subscriber a@example.org"; without it, that the database could not be
 * used, as the CLI's last catch knows no more) and what to do; undefined for any other error. The one mapping every command's
 * database errors go through (`storeWriteError`, the CLI's last catch).
 */
export function storeProblem(error: unknown, what?: string): PaperboyError | undefined {
  const primary = primaryCode(error);
  const hint = primary === undefined ? undefined : SURROUNDINGS[primary];
  if (hint === undefined) return undefined;
  const where = openedPath === undefined ? 'the database' : `the database ${openedPath}`;
  const detail = `${(error as Error).message} (${(error as { code: string }).code})`;
  return new PaperboyError('STORE_WRITE', what === undefined ? `Cannot use ${where}: ${detail}` : `Cannot write ${what} to ${where}: ${detail}`, {
    cause: error,
    hint: what === undefined ? hint : `Nothing of it was written. ${hint}`,
  });
}
