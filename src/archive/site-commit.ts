import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRegularFile } from '../regular-file.js';
import { openMadeFolders } from './readable-site.js';
import { SITE_MARKER } from './site-marker.js';

/**
 * How a written folder becomes the site, whatever kills the build (see
 * site-writer.ts for when each is used): a staged site swapped in by two
 * renames (`swap`), or a rebuild's few files moved in through a journal
 * written first (`commit`), and, at the next build, what a killed one left
 * finished or put back (`recoverSite`).
 */

/**
 * Finishes what a killed build left: completes a committed rebuild from its
 * journal, puts back a site left under `<out>.previous`, and removes
 * abandoned staging and pending folders and replaced sites.
 */
export function recoverSite(outDir: string): void {
  const journal = readJournal(outDir);
  if (journal) replayJournal(outDir, journal);
  rmSync(`${outDir}.commit.tmp`, { force: true });
  const previous = `${outDir}.previous`;
  if (!existsSync(outDir) && existsSync(previous)) renameSync(previous, outDir);
  else if (existsSync(previous)) rmSync(previous, { recursive: true, force: true });
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${basename(outDir)}.staging-`) || name.startsWith(`${basename(outDir)}.pending-`)) rmSync(join(parent, name), { recursive: true, force: true });
    // A replaced site whose deleting process died (or still runs: two deleters are harmless).
    else if (name.startsWith(`${basename(outDir)}.discarded-`)) deleteInBackground(join(parent, name));
  }
}

/**
 * A move no replay can make: a file where the site has a folder, or under
 * one of its files (a file of staticDir clashing so, which an earlier
 * paperboy let through). Retrying it failed every build after, `--no-cache`
 * too.
 */
const UNREPLAYABLE = new Set(['EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY']);

/**
 * Applies a killed or failed rebuild's journal; one that no replay can
 * finish (`UNREPLAYABLE`) is dropped with its pending folder, and the
 * site's marker emptied: the site, part committed, is no longer the one
 * the marker lists, and a marker that reads as no record makes the build
 * write the site whole (site-marker.ts). Throws what a move throws else.
 */
function replayJournal(outDir: string, journal: Journal): void {
  try {
    applyJournal(outDir, journal);
  } catch (error) {
    if (!UNREPLAYABLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    writeFileSync(join(outDir, SITE_MARKER), '');
    rmSync(`${outDir}.commit`, { force: true });
    rmSync(join(dirname(outDir), journal.pending), { recursive: true, force: true });
  }
}

/**
 * The journal of a rebuild killed while it committed, if any (one that
 * cannot be read was never complete: it is written whole, then renamed).
 * Only a regular file is read: a named pipe in its place kept every
 * rebuild waiting for a writer.
 */
function readJournal(outDir: string): Journal | undefined {
  const bytes = readRegularFile(`${outDir}.commit`);
  try {
    return bytes && (JSON.parse(bytes.toString('utf8')) as Journal);
  } catch {
    return undefined;
  }
}

/** Puts a staged site in place of `outDir` by two renames, and deletes the replaced one in the background. Throws what a rename throws, the previous site back in place. */
export function swap(outDir: string, staging: string): void {
  const previous = `${outDir}.previous`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // The previous site goes back at once rather than at the next build (`recoverSite`).
    if (existsSync(previous) && !existsSync(outDir)) renameSync(previous, outDir);
    throw error;
  }
  discard(outDir, previous);
}

/** A rebuild's commit: the files to move in from the pending folder (in order), the files to remove. */
export interface Journal {
  /** The pending folder's name, beside the output. */
  pending: string;
  /** Each file's name in the pending folder and its path in the site; a bare path is both (the journals of earlier paperboys, whose pending folders mirrored the site). */
  files: (string | [name: string, path: string])[];
  removed: string[];
}

/**
 * Moves in pages that others link to before those that link to them: data,
 * assets and search first, then pages deepest first, so the home page
 * (`index.html`) and the feeds and sitemap come last.
 */
export function commitOrder(paths: readonly string[]): string[] {
  const entry = new Set(['index.html', 'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml']);
  const rank = (path: string) => (entry.has(path) ? 2 : path.endsWith('.html') ? 1 : 0);
  const depth = (path: string) => path.split('/').length;
  return [...paths].sort((a, b) => rank(a) - rank(b) || depth(b) - depth(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Writes the journal (the commit point), then applies it. */
export function commit(outDir: string, journal: Journal): void {
  const file = `${outDir}.commit`;
  writeFileSync(`${file}.tmp`, JSON.stringify(journal));
  renameSync(`${file}.tmp`, file);
  applyJournal(outDir, journal);
}

/** Moves the journal's files in and removes the others; a file already moved (a replay) is skipped. Then forgets the journal. */
function applyJournal(outDir: string, journal: Journal): void {
  const pending = join(dirname(outDir), journal.pending);
  for (const entry of journal.files) {
    const [name, path] = typeof entry === 'string' ? [entry, entry] : entry;
    moveIn(join(pending, name), join(outDir, path));
  }
  for (const path of journal.removed) {
    rmSync(join(outDir, path), { force: true });
    removeEmptyFolders(outDir, dirname(path));
  }
  rmSync(`${outDir}.commit`, { force: true });
  rmSync(pending, { recursive: true, force: true });
}

/**
 * Moves a file into the site: tried first as it is (its folder is almost
 * always there: ~12,000 pages after a template change), its folder made
 * only when missing. A file no longer in the pending folder was moved by
 * the commit this one replays, and is skipped.
 */
function moveIn(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!existsSync(from)) return;
    openMadeFolders(mkdirSync(dirname(to), { recursive: true }), dirname(to));
    renameSync(from, to);
  }
}

/** Removes `path` (relative to `root`) and its parents while they are empty. */
function removeEmptyFolders(root: string, path: string): void {
  for (let dir = path; dir !== '.' && dir !== ''; dir = dirname(dir)) {
    try {
      rmdirSync(join(root, dir));
    } catch {
      return;
    }
  }
}

/**
 * Deletes the replaced site without making the build wait for the disk: it
 * is renamed out of the way (the next build may need `<out>.previous`) and
 * removed by a detached Node process. If that process dies, the next build's
 * `recoverSite` removes what is left.
 */
function discard(outDir: string, previous: string): void {
  if (!existsSync(previous)) return;
  const discarded = `${outDir}.discarded-${process.pid}`;
  try {
    renameSync(previous, discarded);
  } catch {
    rmSync(previous, { recursive: true, force: true });
    return;
  }
  deleteInBackground(discarded);
}

function deleteInBackground(dir: string): void {
  try {
    spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], { detached: true, stdio: 'ignore' }).unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
