import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `contents` to `file` whole or not at all: into `<file>.<pid>.tmp`
 * (each process its own), then renamed over `file`, which rename(2) does
 * atomically within a file system. A crash mid-write leaves the previous
 * file, never half of the new one. Makes the folder if needed. What every
 * cache under `dataDir` is written with. Throws what the file system throws.
 */
export function replaceFile(file: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}
