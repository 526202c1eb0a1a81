/** The database's file name in `dataDir`: a module of its own, so that a command can ask whether there is one without loading SQLite. */
export const DATABASE_FILE = 'paperboy.db';
