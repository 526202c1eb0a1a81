import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PaperboyError } from '../errors.js';

/**
 * Writes a whole site so that a build killed at any moment leaves the
 * previous site or the new one, never a mix: every file goes into a staging
 * folder beside the output, which then takes the output's place by two
 * renames. A build killed between the two renames leaves the previous site
 * under `<out>.previous`, which the next build (or `recoverSite`) puts back.
 *
 * A folder is replaced only if a paperboy build made it (it holds the
 * marker file), so `--out .` can never delete a newsletter.
 *
 * The marker also lists every file with the hash of its bytes: a file the
 * new site has with the same bytes is hard-linked from the previous site
 * instead of written again, and the replaced site is deleted by a detached
 * process after the swap. On a 1,000-issue site (27,000 files, 11,000
 * folders) deleting the old tree took 5–25 s of disk waits on the bench
 * machine, the largest part of a rebuild after one edit.
 */

/** Marks a folder as a build's output. */
const SITE_MARKER = '.paperboy-site';

/**
 * Marks a new or empty `outDir` as paperboy's before something other than
 * a build writes into it (`paperboy start`'s email files), so the next
 * build may replace it. The marker names no key and no files: the build
 * that follows does everything anew.
 */
export function claimSiteFolder(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  if (readdirSync(outDir).length === 0) writeFileSync(join(outDir, SITE_MARKER), 'Written by `paperboy start`; the next build replaces this folder.\n');
}

/** Puts back a site a killed build left under `<out>.previous`, and removes abandoned staging folders and replaced sites. */
export function recoverSite(outDir: string): void {
  const previous = `${outDir}.previous`;
  if (!existsSync(outDir) && existsSync(previous)) renameSync(previous, outDir);
  else if (existsSync(previous)) rmSync(previous, { recursive: true, force: true });
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${basename(outDir)}.staging-`)) rmSync(join(parent, name), { recursive: true, force: true });
    // A replaced site whose deleting process died (or still runs: two deleters are harmless).
    else if (name.startsWith(`${basename(outDir)}.discarded-`)) deleteInBackground(join(parent, name));
  }
}

/** The key a site was built from (see `writeSite`), or undefined when `outDir` holds no complete build. */
export function builtKey(outDir: string): string | undefined {
  try {
    return /^key (\S+)$/m.exec(readFileSync(join(outDir, SITE_MARKER), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** The files of the site in `outDir` by path, each with the hash of its bytes (see `fileHash`), from its marker; empty when there is none. */
function builtFiles(outDir: string): Map<string, string> {
  try {
    const marker = readFileSync(join(outDir, SITE_MARKER), 'utf8');
    return new Map([...marker.matchAll(/^file (\S+) (.+)$/gm)].map((match) => [match[2]!, match[1]!]));
  } catch {
    return new Map();
  }
}

/** sha256 of a file's bytes, 128 bits of it in hex: what tells a file unchanged. */
function fileHash(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex').slice(0, 32);
}

/**
 * Writes `files` (paths relative to the site, `/`-separated), as they come,
 * as the new site at `outDir`, with `key` (what the site was built from) and
 * each file's hash in its marker. A file whose hash the previous site's
 * marker gives for the same path is hard-linked from it (written when the
 * link fails, e.g. across devices) when `reuse` (false: `--no-cache`
 * writes every file). Returns the number of files written.
 */
export async function writeSite(outDir: string, files: AsyncIterable<readonly [string, string | Uint8Array]>, key: string, options: { reuse: boolean }): Promise<number> {
  try {
    recoverSite(outDir);
  } catch (error) {
    throw unwritable(outDir, error);
  }
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, SITE_MARKER))) {
    throw new PaperboyError('OUT_DIR_NOT_A_SITE', `Refusing to replace ${outDir}: it holds files that no paperboy build wrote`, {
      hint: 'Pass --out with an empty or new folder (the build replaces the whole folder), or remove the folder first.',
    });
  }
  const staging = `${outDir}.staging-${process.pid}`;
  const previousFiles = options.reuse ? builtFiles(outDir) : new Map<string, string>();
  // Sorted before it is written: the marker does not depend on the order the files come in.
  const manifest: string[] = [];
  const made = new Set<string>();
  const write = (path: string, contents: string | Uint8Array, hash?: string) => {
    const file = join(staging, path);
    const dir = dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    if (hash !== undefined && previousFiles.get(path) === hash) {
      try {
        const previous = join(outDir, path);
        // The marker says what the build wrote; a file changed since (by hand) is written anew.
        // Its size is what a stat can tell cheaply; the hash would mean reading every file again.
        if (statSync(previous).size !== (typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength)) throw new Error('changed since');
        linkSync(previous, file);
        return;
      } catch {
        // The previous file is gone or cannot be linked: it is written below.
      }
    }
    writeFileSync(file, contents);
  };
  let count = 0;
  try {
    for await (const [path, contents] of files) {
      const hash = fileHash(contents);
      write(path, contents, hash);
      manifest.push(`file ${hash} ${path}\n`);
      count++;
    }
    write(SITE_MARKER, `Written by \`paperboy build\`; the next build replaces this folder.\nkey ${key}\n${manifest.sort().join('')}`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw unwritable(outDir, error);
  }
  const previous = `${outDir}.previous`;
  try {
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
  } catch (error) {
    throw unwritable(outDir, error);
  }
  discard(outDir, previous);
  return count;
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

/** A file-system failure (no space, no permission) as the user's problem to fix, with the folder; any other error as it is. */
function unwritable(outDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof PaperboyError || typeof code !== 'string') return error;
  return new PaperboyError('OUT_DIR_UNWRITABLE', `Cannot write the site to ${outDir}: ${code} (${(error as Error).message})`, {
    cause: error,
    hint: 'Check that the folder and its parent are writable and the disk has room; the previous site is unchanged.',
  });
}
