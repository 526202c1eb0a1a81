import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PaperboyError } from '../errors.js';
import { fileReadProblem } from '../file-problem.js';
import { oneLine } from '../diagnostics/one-line.js';

/**
 * Whether a file name is an issue's: it ends in `.md` and is not hidden.
 * Editors keep hidden files beside the one being edited (Emacs a dangling
 * link `.#0042-x.md` while it is open, macOS `._0042-x.md` metadata on
 * some disks): they are not issues, as git, Hugo and Eleventy ignore
 * dotfiles.
 */
function isIssueFileName(name: string): boolean {
  return name.endsWith('.md') && !name.startsWith('.');
}

/** The number an issue file's name starts with (`0042-slug.md` → 42), if any: the convention, not the truth (the frontmatter's `number` is). */
export function numberInFileName(path: string): number | undefined {
  const digits = /^(\d+)[-_.]/.exec(basename(path))?.[1];
  return digits === undefined ? undefined : Number(digits);
}

/** Whether `path` is an issue file of `issuesDir` (both absolute): what the watchers ask of a changed file. */
export function isIssueFile(issuesDir: string, path: string): boolean {
  return dirname(path) === issuesDir && isIssueFileName(basename(path));
}

/** The issue files of a directory (`isIssueFileName`), sorted by name. */
export async function listIssueFiles(issuesDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(issuesDir);
  } catch (error) {
    const problem = fileReadProblem(error, issuesDir);
    throw new PaperboyError('ISSUES_DIR_UNREADABLE', oneLine(`Cannot read the issues directory ${issuesDir}: ${problem.reason}`), {
      cause: error,
      hint: problem.missing ? 'Set `issuesDir` in paperboy.config.yaml, or create the directory with `paperboy new`.' : problem.fix,
    });
  }
  return names
    .filter(isIssueFileName)
    .sort()
    .map((name) => join(issuesDir, name));
}
