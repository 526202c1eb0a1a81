import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fields of a package.json paperboy reads. */
export interface PackageJson {
  name?: string;
  version?: string;
}

/**
 * The nearest folder at or above `dir` whose package.json `accept`s, with
 * that package.json; undefined when none does up to the file system's root.
 * A package.json that cannot be read or parsed is passed over.
 */
export function packageAbove(dir: string, accept: (found: PackageJson) => boolean): { folder: string; json: PackageJson } | undefined {
  for (let folder = dir; ; folder = dirname(folder)) {
    try {
      const json = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageJson;
      if (accept(json)) return { folder, json };
    } catch {
      // No package.json here: one folder up.
    }
    if (folder === dirname(folder)) return undefined;
  }
}

/**
 * paperboy's own package.json and its folder (which holds templates/ too):
 * the first package.json above this module. This module runs from src/
 * (tests, under tsx), lib/ (what tsc emits) or lib/bundle/ (what the CLI
 * runs, scripts/build-cli.mjs), so no fixed `../` can name it.
 */
const PAPERBOY: { folder: string; json: PackageJson } = paperboyPackage();

/** The folder of paperboy's package.json: see `PAPERBOY`. */
export const PACKAGE_ROOT: string = PAPERBOY.folder;

/** paperboy's version, from its package.json. */
export const PACKAGE_VERSION: string = PAPERBOY.json.version!;

function paperboyPackage(): { folder: string; json: PackageJson } {
  const here = dirname(fileURLToPath(import.meta.url));
  const found = packageAbove(here, () => true);
  if (!found?.json.version) throw new Error(`No package.json with a version above ${here}: paperboy's files are incomplete`);
  return found;
}

/**
 * Where a file of paperboy's own lies (`docs/config.md`), as an absolute
 * path: a message that names a page of the documentation is read in a
 * newsletter's folder, where a path relative to paperboy leads nowhere.
 */
export function ownFile(path: string): string {
  return join(PACKAGE_ROOT, path);
}
