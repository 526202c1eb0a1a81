import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * Which template files apply to a newsletter, without compiling them: the
 * lint cache keys on them (`templatesFingerprint`) at the start of every
 * lint, which should not load Handlebars to do so (templates.ts compiles).
 */

/** The package's own templates: `templates/` at the package root, with a final separator. */
export const BUILTIN_TEMPLATES_DIR = `${join(PACKAGE_ROOT, 'templates')}${sep}`;

export const TEMPLATE_EXTENSION = '.hbs';

export interface TemplateFile {
  /** Relative to its directory, as the template's name is (`partials/paper.html.hbs`). */
  relativePath: string;
  file: string;
}

/**
 * Every template file of the built-in directory, then of `overrideDir` (a
 * newsletter's `templatesDir`), each directory's files in name order. A
 * later file overrides an earlier one of the same relative path.
 */
export function templateFiles(overrideDir?: string): TemplateFile[] {
  const found: TemplateFile[] = [];
  for (const dir of [BUILTIN_TEMPLATES_DIR, overrideDir]) {
    if (dir === undefined || !existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(TEMPLATE_EXTENSION))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) found.push({ relativePath: relative(dir, file), file });
  }
  return found;
}

/**
 * A hash of every template that applies to a newsletter (built-in and
 * overrides, names and contents): what a cache of rendered results keys on.
 */
export function templatesFingerprint(overrideDir?: string): string {
  const hash = createHash('sha256');
  for (const { relativePath, file } of templateFiles(overrideDir)) hash.update(`${relativePath}\0${readFileSync(file, 'utf8')}\0`);
  return hash.digest('hex');
}

/**
 * A hash of what a page rendered with the web template `name` (`web/paper.html`)
 * reads of the templates: that template, the web layout around it, and
 * every partial it may include (a newsletter's override may use the email's
 * partials). A changed template re-renders the pages that use it, and no others.
 */
export function pageTemplatesHash(name: string, overrideDir?: string): string {
  const hash = createHash('sha256');
  const reads = new Set([`${name}${TEMPLATE_EXTENSION}`, `web/layout.html${TEMPLATE_EXTENSION}`]);
  for (const { relativePath, file } of templateFiles(overrideDir)) {
    const path = relativePath.split(sep).join('/');
    if (reads.has(path) || path.startsWith('partials/')) hash.update(`${path}\0${readFileSync(file, 'utf8')}\0`);
  }
  return hash.digest('hex').slice(0, 32);
}
