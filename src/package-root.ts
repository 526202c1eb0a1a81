import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of paperboy's own package.json (and its templates/): the first
 * folder above this module that has a package.json. This module runs from
 * src/ (tests, under tsx), lib/ (what tsc emits) or lib/bundle/ (what the
 * CLI runs, scripts/build-cli.mjs), so no fixed `../` can name it.
 */
export const PACKAGE_ROOT: string = packageRootAbove(dirname(fileURLToPath(import.meta.url)));

function packageRootAbove(dir: string): string {
  for (let folder = dir; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (folder === dirname(folder)) throw new Error(`No package.json above ${dir}: paperboy's files are incomplete`);
  }
}
