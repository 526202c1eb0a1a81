import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { PaperboyError } from '../errors.js';
import { fileReadProblem } from '../file-problem.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { append } from '../arrays.js';
import { pathWithin } from '../path-within.js';

/**
 * Which template files apply to a newsletter, without compiling them: the
 * lint cache keys on them (`templatesFingerprint`) at the start of every
 * lint, which should not load Handlebars to do so (templates.ts compiles).
 */

/** The package's own templates: `templates/` at the package root, with a final separator. */
export const BUILTIN_TEMPLATES_DIR = `${join(PACKAGE_ROOT, 'templates')}${sep}`;

export const TEMPLATE_EXTENSION = '.hbs';

/** Where partials live in a template set, as the prefix of their names (`partials/paper.html`); a call names one without it (`{{> paper.html}}`). */
export const PARTIALS = 'partials/';

/** The files of `web/` besides its templates that the archive copies into `assets/`, each overridable (archive/assets.ts). */
export const WEB_ASSETS = ['archive.css', 'papers.js', 'copy.js', 'icon.svg'] as const;

export interface TemplateFile {
  /** Relative to its directory, as the template's name is (`partials/paper.html.hbs`). */
  relativePath: string;
  file: string;
}

/**
 * Every template file of the built-in directory, then of `overrideDir` (a
 * newsletter's `templatesDir`; none when it does not exist), each
 * directory's files in name order. A later file overrides an earlier one of
 * the same relative path. A symbolic link is followed, to a file or a
 * folder (templates shared between newsletters), as every reader of the
 * templates (the caches' fingerprints too) reads through it.
 * Throws TEMPLATE_ERROR (exit 2) for a folder that cannot be read and a
 * link to a template that leads nowhere.
 */
export function templateFiles(overrideDir?: string): TemplateFile[] {
  const found: TemplateFile[] = [];
  for (const dir of [BUILTIN_TEMPLATES_DIR, overrideDir]) {
    if (dir === undefined || !existsSync(dir)) continue;
    // Links are judged from the folder holding the newsletter's templates (its own folder, as a rule): the package's own are not.
    const from = dir === BUILTIN_TEMPLATES_DIR ? undefined : dirname(realpathSync(dir));
    const files = filesUnder(dir, new Set([realpathSync(dir)]), from).sort();
    for (const file of files) found.push({ relativePath: relative(dir, file), file });
  }
  return found;
}

/**
 * The template files under `folder`, through links; `within` holds the real paths of the folders walked into, so a link to one of them is not walked again.
 * Walked here rather than by `readdirSync`'s `recursive`, which does not follow a link to a folder (Node 20), and with a template error for what cannot be read.
 */
function filesUnder(folder: string, within: ReadonlySet<string>, from: string | undefined): string[] {
  const files: string[] = [];
  for (const entry of readFolder(folder)) {
    const path = join(folder, entry.name);
    const target = entry.isSymbolicLink() ? linkTarget(path, entry.name) : entry;
    if (entry.isSymbolicLink() && from !== undefined && (target?.isDirectory() || (target?.isFile() && entry.name.endsWith(TEMPLATE_EXTENSION)))) refusePrivateLink(path, from);
    if (target?.isDirectory()) {
      const real = realpathSync(path);
      if (!within.has(real)) append(files, filesUnder(path, new Set([...within, real]), from));
    } else if (target?.isFile() && entry.name.endsWith(TEMPLATE_EXTENSION)) {
      files.push(path);
    }
  }
  return files;
}

function readFolder(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const problem = fileReadProblem(error, folder);
    throw new PaperboyError('TEMPLATE_ERROR', `Cannot read the templates folder ${folder}: ${problem.reason}`, {
      cause: error,
      hint: `${problem.fix} Or set \`templatesDir\` in the config to another folder.`,
    });
  }
}

/**
 * Throws TEMPLATE_ERROR (exit 2) for a link of templatesDir to a hidden
 * file or folder (`.env`, `~/.ssh/id_rsa`, `.paperboy/`), hidden as seen
 * from where its path and `from` (the folder holding templatesDir) part: a
 * template is published in every page or email it renders, and `ln -s
 * ../../.env templates/web/paper.html.hbs` put the SMTP password on every
 * paper's page. A link to templates shared between newsletters (a folder
 * beside the newsletter's) is followed, as before.
 */
function refusePrivateLink(link: string, from: string): void {
  const target = realpathSync(link);
  let common = from;
  while (!pathWithin(common, target)) common = dirname(common);
  if (!relative(common, target).split(sep).some((name) => name.startsWith('.'))) return;
  throw new PaperboyError('TEMPLATE_ERROR', `Unexpected link ${link}: it leads to ${target}, a hidden file or folder (one of the newsletter's private files, or the user's), expected a link to a template`, {
    hint: 'Point the link at the template file, or copy the template into templatesDir under a name without a leading dot: a hidden file is never published.',
  });
}

/** What a link leads to; undefined for a link of another name than a template's that leads nowhere (an editor's lock file). */
function linkTarget(path: string, name: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (!name.endsWith(TEMPLATE_EXTENSION)) return undefined;
    throw new PaperboyError('TEMPLATE_ERROR', `Unexpected link ${path} to ${readlinkSync(path)}, which cannot be read (${(error as NodeJS.ErrnoException).code}), expected a link to a template file`, {
      cause: error,
      hint: 'Point the link at the template file, or remove it to use the built-in template of that name.',
    });
  }
}

/**
 * A hash of every template that applies to a newsletter (built-in and
 * overrides, names and contents): what a cache of rendered results keys on.
 */
export function templatesFingerprint(overrideDir?: string): string {
  const hash = createHash('sha256');
  // The bytes, not their text: a file too large to be a template is hashed without a string made of it.
  for (const { relativePath, file } of templateFiles(overrideDir)) hash.update(`${relativePath}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * A hash of the templates `names` (in a set whose texts are `texts`, by
 * name: `TemplateSet.texts`, what the pages were rendered with, not the
 * files read again): a page's part of its key, its names being what it
 * reads of the templates (`TemplateSet.reads`: its template, the web
 * layout around it and the partials they can include). A changed template
 * re-renders the pages that read it, and no others.
 */
export function pageTemplatesHash(names: Iterable<string>, texts: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const name of [...names].sort()) hash.update(`${name}\0`).update(texts.get(name)!).update('\0');
  return hash.digest('hex').slice(0, 32);
}
