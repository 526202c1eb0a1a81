import { existsSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PaperboyError } from '../errors.js';
import { filesNotAsWritten, FOREIGN_KEY, markerText, readMarker, SITE_MARKER } from './site-marker.js';
import type { FileBytes, PreviousSite, SiteFile } from './site-plan.js';
import { commit, commitOrder, recoverSite, swap } from './site-commit.js';
import { folderWriter, type WrittenBytes } from './folder-writer.js';
import { linkFiles } from './site-links.js';
import { openToReaders } from './readable-site.js';
import type { PartIndex } from './splice.js';

/**
 * Writes a site so that a build killed at any moment leaves the previous
 * site or the new one, never a half-written file, and never loses either.
 *
 * A first build (or `--no-cache`) writes every file into a staging folder
 * beside the output, which then takes the output's place by two renames; a
 * build killed between them leaves the previous site under
 * `<out>.previous`, which the next build puts back (`recoverSite`). The
 * replaced site is deleted by a detached process: on a 1,000-issue site
 * (24,000 files, 11,000 folders) that took 5–25 s of disk waits here.
 *
 * A rebuild writes only the files whose key changed (see `SiteFile`). When
 * they are few (`JOURNALED_SHARE`, `JOURNALED_FILES`), it writes them into
 * `<out>.pending-<pid>/` side by side (named by number), then commits
 * them: it writes a journal (`<out>.commit`: the files to move in, each
 * with its name there and its place in the site, and those to remove) and
 * moves them into the output, entry pages last so no page links to one not yet
 * there, the marker very last. A build killed before the journal leaves
 * the previous site; after it, the next build (or `recoverSite`) finishes
 * the moves from the journal: the write-ahead log of a database, for a
 * folder. After one edit that is a few renames, where restaging the
 * site was 36,000 folder and link operations (~6 s measured here). While
 * the renames run (~1 ms for one edit) the output holds some new files and
 * some old ones. When they are many, the rebuild restages the site
 * instead: the changed files written into a staging folder, the unchanged
 * ones hard-linked there from the output (site-links.ts), and the folders
 * swapped as a first build swaps them, so the output is never a mix.
 *
 * A folder is replaced only if a paperboy build made it (it holds the
 * marker file), so `--out .` can never delete a newsletter. The marker
 * (site-marker.ts) lists every file with its key, and where the parts of
 * the data files lie (splice.ts), for the next build.
 */

/**
 * Throws OUT_DIR_NOT_A_SITE (exit 2) when a build must not replace
 * `outDir`: a file, a folder holding files that no build wrote (its
 * marker missing), or a folder inside a site a build made. A folder not there yet, or empty, is fine. Checked
 * before anything is rendered (a first build of 1,000 issues renders for
 * half a minute), and again by `writeSite`.
 */
export function assertReplaceable(outDir: string, from: '--out' | 'outDir' = 'outDir'): void {
  const site = enclosingSite(outDir);
  if (site) throw notASite(outDir, from, `it is inside the site ${site}, whose builds would keep it as files put there by hand, and publish it`);
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw notASite(outDir, from, 'it is a file, not a folder');
    throw unwritable(outDir, error);
  }
  if (names.length > 0 && !names.includes(SITE_MARKER)) throw notASite(outDir, from, 'it holds files that no paperboy build wrote');
  assertNotMountPoint(outDir, from);
}

/**
 * Throws OUT_DIR_MOUNT_POINT (exit 2) when `outDir` is a mount point (a
 * Docker volume, a disk of its own, a bind mount): another file system
 * than its parent folder's, where a build writes the new site (a staging
 * or pending folder beside it) to rename it in. rename(2) cannot cross
 * file systems (EXDEV) nor move a mount point (EBUSY): every build failed
 * after rendering, saying to check permissions and room. A symbolic link
 * is followed, as the build follows it.
 */
function assertNotMountPoint(outDir: string, from: '--out' | 'outDir'): void {
  const folder = realpathSync(outDir);
  const parent = dirname(folder);
  if (parent === folder || statSync(folder).dev === statSync(parent).dev) return;
  const set = from === '--out' ? 'Pass --out' : 'Set `outDir` in paperboy.config.yaml to';
  throw new PaperboyError('OUT_DIR_MOUNT_POINT', `Cannot write the site to ${outDir}: it is a mount point, on another file system than ${parent}, and a build writes the new site beside it, then renames it in, which cannot cross file systems`, {
    hint: `${set} a folder inside it (such as ${join(outDir, 'site')}) and publish that one, or build on the disk of ${parent} and copy the site there (\`rsync -a --delete\`).`,
  });
}

/** The folder above `outDir` that a build made (it holds the marker), if any: a site inside another is deployed with it. */
function enclosingSite(outDir: string): string | undefined {
  for (let dir = dirname(resolve(outDir)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, SITE_MARKER))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The refusal to replace `outDir`, its hint naming where it was set
 * (`from`): never advice to remove the folder, which may hold anyone's
 * files (outDir overlapping the newsletter's own folders is refused earlier,
 * config/out-dir.ts).
 */
function notASite(outDir: string, from: '--out' | 'outDir', why: string): PaperboyError {
  const where = from === '--out' ? 'Pass --out with an empty or new folder' : 'Set `outDir` in paperboy.config.yaml to an empty or new folder';
  return new PaperboyError('OUT_DIR_NOT_A_SITE', `Refusing to replace ${outDir}: ${why}`, {
    hint: `${where} (the build replaces the whole folder, and never deletes files no paperboy build wrote).`,
  });
}


/** The site a build replaces, as `openSite` found it: what planning reads (`PreviousSite`), and what `writeSite` reads too. */
export interface OpenedSite extends PreviousSite {
  /** Every file it has. */
  paths: string[];
  /** A file's size in bytes as its build wrote it (and as it still is), for the next marker. */
  size(path: string): number | undefined;
  /** Where a data file's parts lie. */
  parts(path: string): PartIndex | undefined;
}

/**
 * The site in `outDir` that a build is about to replace, once a killed
 * build's leftovers are dealt with (`recoverSite`): its files with their
 * keys, its shape and where its data files' parts lie, from its marker.
 * None when `reuse` is false (`--no-cache`: written whole), or another
 * paperboy made it (`maker`): the same key may then mean other bytes. A
 * file the marker lists that is not there, or not of the size written
 * (emptied, cut short: site-marker.ts `filesNotAsWritten`), is not one of
 * them: written again.
 * Throws OUT_DIR_NOT_A_SITE when `outDir` is a file or holds files no build
 * wrote, OUT_DIR_UNWRITABLE when recovering fails.
 */
export function openSite(outDir: string, maker: string, reuse: boolean): OpenedSite {
  try {
    recoverSite(outDir);
  } catch (error) {
    throw unwritable(outDir, error);
  }
  assertReplaceable(outDir);
  const marker = reuse ? readMarker(outDir) : undefined;
  const { files, sizes, parts, shape, outputs } =
    marker?.maker === maker ? marker : { files: new Map<string, string>(), sizes: new Map<string, number>(), parts: new Map<string, PartIndex>(), shape: undefined, outputs: new Map<number, string>() };
  // A file deleted or changed in size since (by hand, by a deploy tool) has no key: the build writes it again (a data file whole: its parts are no longer where they were).
  for (const path of filesNotAsWritten(outDir, [...files.keys()].map((path) => [path, sizes.get(path)] as const))) {
    files.delete(path);
    parts.delete(path);
  }
  return {
    shape,
    output: (number) => outputs.get(number),
    paths: [...files.keys()],
    size: (path) => sizes.get(path),
    // A file another command wrote has no key a build could make or take over (site-marker.ts).
    key: (path) => {
      const key = files.get(path);
      return key === FOREIGN_KEY ? undefined : key;
    },
    parts: (path) => parts.get(path),
    spliced: (path) => {
      const index = parts.get(path);
      if (!index) return undefined;
      try {
        return { size: statSync(join(outDir, path)).size, index };
      } catch {
        return undefined;
      }
    },
  };
}

/** A site with no files: what a site written whole makes its files from. */
const NOTHING_BEFORE: PreviousSite = { shape: undefined, output: () => undefined, key: () => undefined, spliced: () => undefined };

/**
 * The bytes to write (one piece, or chunks in turn), and the part index of
 * a spliced data file. A page's text is encoded to UTF-8 here, once (as
 * `writeFile` would encode it): its size for the marker is the length of
 * the bytes written, where measuring the text then writing it went over
 * every page twice (3,000 pages of a 300-issue site, 22 MB of text:
 * 45–53 ms, 34–37 ms encoded once).
 */
function bytesOf(contents: FileBytes): { bytes: Exclude<WrittenBytes, string>; parts?: PartIndex } {
  if (typeof contents === 'string') return { bytes: Buffer.from(contents) };
  return contents instanceof Uint8Array || 'copy' in contents ? { bytes: contents } : { bytes: contents.chunks, parts: contents.index };
}

/** How many bytes `folderWriter` writes of `bytes`: a range of the previous file by its length, a copied file as hashed. */
function byteSize(bytes: Exclude<WrittenBytes, string>): number {
  if (bytes instanceof Uint8Array) return bytes.byteLength;
  if (!Array.isArray(bytes)) return bytes.size;
  return bytes.reduce((total, chunk) => total + (chunk instanceof Uint8Array ? chunk.byteLength : chunk.end - chunk.start), 0);
}

/** What a site was built from: every input (`site`, see `builtKey`), what made its files (`maker`: paperboy's version and its libraries'), its shape (site-plan.ts `siteShape`) and each issue's output hash (`Marker.outputs`). */
export interface SiteKeys {
  site: string;
  maker: string;
  shape: string;
  outputs: ReadonlyMap<number, string>;
}

/**
 * Writes `files` as the site at `outDir` in place of `previous` (what
 * `openSite` found there), with `key` (what the site was built from) in
 * its marker: only the files whose key differs from the previous build's
 * (none when `openSite` was told not to reuse: `--no-cache` writes
 * everything anew), telling `progress` of each file made (its write may
 * still be under way: `folderWriter`). Committed through the journal when
 * the files it writes and removes are few (`JOURNALED_FILES`) or at most
 * `JOURNALED_SHARE` of the site, else restaged with the unchanged files
 * linked (see the top of this file). Resolves to the number of files
 * written, once every write is done. Rejects with OUT_DIR_UNWRITABLE on a
 * file-system failure, or with what making a file threw, once the writes
 * under way are over (the previous site is then unchanged, or completed by
 * the next build from the journal).
 */
export async function writeSite(outDir: string, files: readonly SiteFile[], key: SiteKeys, previous: OpenedSite, options: { progress?: (written: number, total: number) => void }): Promise<number> {
  const incremental = previous.paths.length > 0;
  const changed = incremental ? files.filter((file) => previous.key(file.path) !== file.key) : files;
  const paths = new Set(files.map((file) => file.path));
  const removed = previous.paths.filter((path) => !paths.has(path));
  const journaled = incremental && changed.length + removed.length <= Math.max(JOURNALED_FILES, JOURNALED_SHARE * files.length) && !removesAnAlias(removed, paths);
  const folder = journaled ? `${outDir}.pending-${process.pid}` : `${outDir}.staging-${process.pid}`;
  // A rebuild's files wait in its pending folder side by side, named by number (the journal says where each goes):
  // a template change rewrites ~12,000 pages, each in a folder of its own that was made there and removed after the commit.
  const names = new Map<string, string>();
  const place = (path: string) => names.get(path) ?? names.set(path, String(names.size)).get(path)!;
  const writer = journaled ? folderWriter(folder, outDir, place) : folderWriter(folder, outDir);
  const parts = new Map<string, PartIndex>();
  // Each file's size as written, which the next build compares with the file's (site-marker.ts `filesNotAsWritten`): a kept file's as its marker said.
  const sizes = new Map<string, number>();
  try {
    for (const [i, file] of changed.entries()) {
      // A site written whole (`--no-cache` too) takes nothing from the previous one: not even the data files' parts.
      const { bytes, parts: index } = bytesOf(await file.contents(incremental ? previous : NOTHING_BEFORE));
      sizes.set(file.path, byteSize(bytes));
      await writer.write(file.path, bytes);
      if (index) parts.set(file.path, index);
      options.progress?.(i + 1, changed.length);
    }
    if (incremental) {
      // A data file kept as it was keeps where its parts lie.
      const rewritten = new Set(changed.map((file) => file.path));
      for (const file of files) {
        if (rewritten.has(file.path)) continue;
        const index = previous.parts(file.path);
        if (index) parts.set(file.path, index);
        const size = previous.size(file.path);
        if (size !== undefined) sizes.set(file.path, size);
      }
      // Restaged: every other file of the output comes along as the journal would have left it (one added by hand too), but the marker, written anew.
      const gone = new Set([...removed, ...rewritten, SITE_MARKER]);
      if (!journaled) linkFiles(outDir, folder, (path) => !gone.has(path));
    }
    await writer.write(SITE_MARKER, markerText({ key: key.site, maker: key.maker, shape: key.shape, files: new Map(files.map((file) => [file.path, file.key])), sizes, parts, outputs: new Map(key.outputs) }));
    await writer.done();
    // Published: readable by a web server running as another user, whatever the umask.
    openToReaders(folder);
  } catch (error) {
    // Writes still under way finish (or fail) before their folder goes.
    await writer.done().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    throw unwritable(outDir, error);
  }
  try {
    if (journaled) {
      const moves = [...commitOrder(changed.map((file) => file.path)), SITE_MARKER].map((path): [string, string] => [names.get(path)!, path]);
      commit(outDir, { pending: basename(folder), files: moves, removed });
    } else {
      swap(outDir, folder);
    }
  } catch (error) {
    // A failed swap leaves the staged site beside the output: it goes (a commit's pending folder stays, for its journal).
    if (!journaled) rmSync(folder, { recursive: true, force: true });
    throw unwritable(outDir, error);
  }
  return changed.length;
}

/**
 * Whether a path to remove is, but for case or Unicode form, one the site
 * keeps (`Chart.png` gone, `chart.png` written; `café.png` decomposed gone,
 * composed written). A file system that folds names (macOS's by default,
 * Windows') takes the two for one file: a journal that moves the new name
 * in, then removes the old, removes the new file (the site was left
 * without it). The site is restaged then, where the old name is only not
 * linked. Folding is approximated by NFC and lower case.
 */
function removesAnAlias(removed: readonly string[], paths: ReadonlySet<string>): boolean {
  if (removed.length === 0) return false;
  const fold = (path: string) => path.normalize('NFC').toLowerCase();
  const kept = new Set([...paths].map(fold));
  return removed.some((path) => kept.has(fold(path)));
}

/**
 * The largest share of a site's files a rebuild commits through its
 * journal (moved in or removed), or `JOURNALED_FILES` when more; above it
 * the site is restaged and swapped whole. While the journal's moves run
 * the output is a mix (which the next build finishes if this one is
 * killed); restaging costs the same whatever changed: a link for every
 * file, a folder for each of theirs. Measured here on the 1,000-issue
 * bench site (13,928 files in 11,854 folders; two cores shared with other
 * work, load average 7–19), five runs each: `linkFiles(dist, copy, () =>
 * true)` took 2.6–8.3 s (`cp -al dist copy` 1.1–5.0 s); moving N files
 * from a flat pending folder into their folders with `renameSync`, as the
 * journal does, took 0.6–4 ms for 7 (one edit), 16–32 ms for 139 (1%),
 * 172–311 ms for 1,000 and 3.8–4.9 s for all 13,928. Up to 1% the mix
 * lasts some 30 ms at most, where restaging would add seconds (a one-edit
 * rebuild, 7 files, has a 300 ms target); past it the mix grows, and
 * restaging costs no more than moving the whole site would: a new issue
 * (155 files, 1.1%) or a changed setting (13,848 files) is restaged.
 */
const JOURNALED_SHARE = 0.01;

/**
 * The commit a rebuild makes through its journal on a site of any size,
 * where 1% is less than one edited issue's files (about 10): 16 moves take
 * some 2–5 ms at the rates above, a mix no longer than one edit's on the
 * bench site, so an edit is committed the same way on every site.
 */
const JOURNALED_FILES = 16;

/**
 * A file-system failure writing the site at `outDir` (no space, no
 * permission, a file in the way) as OUT_DIR_UNWRITABLE, the user's to fix;
 * a PaperboyError, or anything without an errno code, as it is.
 */
export function unwritable(outDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof PaperboyError || typeof code !== 'string') return error;
  return new PaperboyError('OUT_DIR_UNWRITABLE', `Cannot write the site to ${outDir}: ${code} (${(error as Error).message})`, {
    cause: error,
    hint: 'Check that the folder and its parent are writable and the disk has room; the previous site is unchanged.',
  });
}
