import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A folder of the newsletter that must stay out of version control, and why (for the message). */
export interface PrivateFolder {
  /** Absolute. */
  path: string;
  why: string;
}

/**
 * Keeps `folders` (dataDir: the subscriber database, readers' addresses;
 * outDir: what `build` writes) out of git, for a newsletter at `root`
 * inside a git work tree (a `.git` at or above it): with no `.gitignore` at
 * `root`, writes one naming them (`/.paperboy/`, `/dist/`); with one, names
 * the folders it does not ignore, leaving the file as the editor wrote it.
 * A folder outside `root`, or a newsletter outside git, needs nothing.
 * Matching is by the folder's own line (`.paperboy`, `.paperboy/`,
 * `/.paperboy/`), not git's whole pattern language: a folder ignored by a
 * wider pattern is named too, a false alarm the editor can dismiss.
 *
 * @returns what was done: the file written, or the folders left unignored
 * @throws what `writeFileSync` throws when `.gitignore` cannot be written
 */
export function keepOutOfGit(root: string, folders: readonly PrivateFolder[]): { wrote?: string; unignored: PrivateFolder[] } {
  const inside = folders.filter(({ path }) => {
    const from = relative(root, path);
    return from !== '' && !from.startsWith('..') && !from.startsWith(sep);
  });
  if (inside.length === 0 || !inGitWorkTree(root)) return { unignored: [] };
  const file = join(root, '.gitignore');
  const entry = (folder: PrivateFolder) => `/${relative(root, folder.path).split(sep).join('/')}/`;
  if (!existsSync(file)) {
    writeFileSync(file, `# paperboy's own files: the subscriber database, send journals and caches (dataDir); the built site (outDir)\n${inside.map(entry).join('\n')}\n`);
    return { wrote: file, unignored: [] };
  }
  const lines = new Set(readFileSync(file, 'utf8').split(/\r?\n/).map((line) => line.trim().replace(/^\//, '').replace(/\/$/, '')));
  return { unignored: inside.filter((folder) => !lines.has(entry(folder).slice(1, -1))) };
}

function inGitWorkTree(folder: string): boolean {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return true;
    if (at === dirname(at)) return false;
  }
}
