import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from './database-file.js';

/**
 * The size and modification time (ns) of the database file and of its
 * write-ahead log (`none` when absent), as one string; undefined when
 * there is no database. Every commit appends to the log or, at a
 * checkpoint, writes the file, so a commit changes it (on a file system
 * whose times have whole seconds, a commit within the second of the last
 * one may not: what a build remembered under it is then the build before's, at worst).
 */
export function databaseStamp(dataDir: string): string | undefined {
  const path = join(dataDir, DATABASE_FILE);
  const of = (file: string) => {
    try {
      const stat = statSync(file, { bigint: true });
      return `${stat.size}@${stat.mtimeNs}`;
    } catch {
      return 'none';
    }
  };
  const db = of(path);
  return db === 'none' ? undefined : `${db} ${of(`${path}-wal`)}`;
}

/** Whether two stamps tell of the same contents: equal, or the log absent before and empty after (made by the read). */
export function sameContents(before: string, after: string): boolean {
  const [db, wal] = before.split(' ');
  const [dbAfter, walAfter] = after.split(' ');
  return db === dbAfter && (wal === walAfter || (wal === 'none' && walAfter!.startsWith('0@')));
}
