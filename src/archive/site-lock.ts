import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { PaperboyError } from '../errors.js';
import { unwritable } from './site-writer.js';

/** Who holds a site's lock: what `<out>.lock` says. */
interface LockOwner {
  pid: number;
  host: string;
  /** ISO 8601, for the message another build shows. */
  since: string;
}

/**
 * One writer at a time per output folder: `<out>.lock` names the process
 * that writes it (pid, host, since when). A second `paperboy build` of the
 * same folder stops at once with SITE_LOCKED (exit 2) instead of mixing its
 * files, journal and swap with the first's. A lock whose process is gone
 * (a build killed, on this host) is taken over. Returns the release.
 *
 * Written by hand: proper-lockfile, the usual library, tells a stale lock
 * by its mtime, which timers refresh every few seconds; a build's page
 * writing is synchronous for seconds at a time and would starve them, and
 * a killed build's lock would stop the next build until it went stale,
 * where a pid check frees it at once.
 *
 * The lock file is linked into place whole (link(2) fails if the name is
 * taken), so it is never seen half-written, and a dead lock is taken over
 * by moving it aside (`takeOver`), so two builds taking over the same dead
 * lock at once cannot both go on. Throws OUT_DIR_UNWRITABLE when the lock
 * cannot be written.
 */
export function lockSite(outDir: string): () => void {
  try {
    return takeLock(outDir);
  } catch (error) {
    throw unwritable(outDir, error);
  }
}

function takeLock(outDir: string): () => void {
  const file = `${outDir}.lock`;
  const mine: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  const draft = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(draft, text);
  } catch (error) {
    // A first build into a folder not made yet (`--out build/site`); any other failure is the caller's to report.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(outDir), { recursive: true });
    writeFileSync(draft, text);
  }
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(draft, file);
        return () => {
          if (readText(file) === text) rmSync(file, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = readText(file);
      if (held === undefined) continue;
      const owner = parseOwner(held);
      // A lock naming this very process was left by an earlier one with the same id (ids start over in a new container).
      if (owner && (owner.host !== mine.host || (owner.pid !== process.pid && isRunning(owner.pid)))) throw locked(outDir, file, owner);
      // Its process is gone (or the file is not a lock paperboy wrote): take it over, if it is still that one.
      if (!takeOver(file, held)) throw locked(outDir, file, parseOwner(readText(file) ?? ''));
    }
    throw locked(outDir, file, parseOwner(readText(file) ?? ''));
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes the lock at `file` if it is still the one whose text is `held`
 * (its process gone): moves whatever is there aside by a rename, which only
 * one build can do to the same file, then looks at what it moved. The dead
 * lock is deleted (true). Another build's lock, put there since `held` was
 * read (it took the dead one over first), is put back (false): that build
 * holds the folder. Nothing there any more: true (a build is done, or
 * another build took the dead lock away and has not linked its own yet,
 * and then one of the two links fails).
 */
export function takeOver(file: string, held: string): boolean {
  const aside = `${file}.${process.pid}.taken`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  try {
    if (readText(aside) === held) return true;
    try {
      linkSync(aside, file);
    } catch (error) {
      // A third build linked its lock in the instant this one's was aside: it holds the folder now, and so does the second.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return Number.isSafeInteger(value.pid) && typeof value.host === 'string' ? { pid: value.pid!, host: value.host, since: String(value.since) } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists (EPERM: it does, another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function locked(outDir: string, file: string, owner: LockOwner | undefined): PaperboyError {
  const who = owner ? `process ${owner.pid} on ${owner.host}, since ${owner.since}` : 'another process';
  return new PaperboyError('SITE_LOCKED', `Another paperboy build is writing ${outDir} (${who})`, {
    hint: `Wait for it to finish and build again. If no build is running (the process id was reused, or it ran on another machine), delete ${file}.`,
  });
}
