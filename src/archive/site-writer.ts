import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 */

/** Marks a folder as a build's output. */
const SITE_MARKER = '.paperboy-site';

/** Puts back a site a killed build left under `<out>.previous`, and removes abandoned staging folders. */
export function recoverSite(outDir: string): void {
  const previous = `${outDir}.previous`;
  if (!existsSync(outDir) && existsSync(previous)) renameSync(previous, outDir);
  else if (existsSync(previous)) rmSync(previous, { recursive: true, force: true });
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${basename(outDir)}.staging-`)) rmSync(join(parent, name), { recursive: true, force: true });
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

/**
 * Writes `files` (paths relative to the site, `/`-separated), as they come,
 * as the new site at `outDir`, with `key` (what the site was built from) in
 * its marker. Returns the number of files written.
 */
export async function writeSite(outDir: string, files: AsyncIterable<readonly [string, string | Uint8Array]>, key: string): Promise<number> {
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
  const made = new Set<string>();
  const write = (path: string, contents: string | Uint8Array) => {
    const file = join(staging, path);
    const dir = dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, contents);
  };
  let count = 0;
  try {
    for await (const [path, contents] of files) {
      write(path, contents);
      count++;
    }
    write(SITE_MARKER, `Written by \`paperboy build\`; the next build replaces this folder.\nkey ${key}\n`);
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
  rmSync(previous, { recursive: true, force: true });
  return count;
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
