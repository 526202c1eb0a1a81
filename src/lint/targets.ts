import { closeSync, constants, openSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { PaperboyError } from '../errors.js';
import { fileReadProblem } from '../file-problem.js';
import { listIssueFiles } from '../issue/load.js';

/**
 * The issue files `paperboy lint PATHS...` lints, from the paths its user
 * named (relative to `cwd`): each file once, in the order named. A folder
 * stands for its issue files (`.md`, not hidden: issue/load.ts), as ESLint
 * lints the files of a folder it is given. A file named twice, by two
 * spellings or through a symbolic link, is one file (ESLint makes its list
 * unique too): it is linted and counted once, under the path the issues
 * directory lists for it when it lies there, so the cross-issue rules see
 * it once. Throws a PaperboyError (exit 2) naming the path for one that
 * does not exist, cannot be read, is neither a file nor a folder, or is a
 * folder without issue files: a mistake in the command, not in an issue.
 * `named`: the files named themselves, not through their folder, whose
 * every message is asked for (a sent issue's advice too: engine.ts
 * `adviceOnSent`), as ESLint reports an ignored file only when named.
 * `lintAll`: the command that lints every issue, as the errors suggest it
 * (`paperboy lint --root my-digest` from outside the newsletter).
 */
export async function lintTargets(paths: readonly string[], cwd: string, issuesDir: string, lintAll = 'paperboy lint'): Promise<{ files: string[]; named: string[] }> {
  const realIssuesDir = realOrSelf(issuesDir);
  const targets = new Map<string, string>();
  const named = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const folder = isFolder(path, absolute, lintAll);
    const files = folder ? await issueFilesOfFolder(path, absolute, lintAll) : [absolute];
    for (const file of files) {
      checkReadable(file === absolute ? path : relative(cwd, file), file, lintAll);
      const real = realpathSync(file);
      if (!targets.has(real)) targets.set(real, dirname(real) === realIssuesDir ? join(issuesDir, basename(real)) : file);
      if (!folder) named.add(targets.get(real)!);
    }
  }
  return { files: [...targets.values()], named: [...named] };
}

/** Whether `absolute` is a folder; a path that does not exist is a usage error naming it. */
function isFolder(named: string, absolute: string, lintAll: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch (error) {
    throw unusable(named, absolute, error, lintAll);
  }
}

async function issueFilesOfFolder(named: string, folder: string, lintAll: string): Promise<string[]> {
  const files = await listIssueFiles(folder);
  if (files.length > 0) return files;
  throw new PaperboyError('USAGE', `No issue files in the folder \`${named}\`, expected \`.md\` issue files in it or the path of one`, {
    hint: `Run \`${lintAll}\` without paths to lint every issue of \`issuesDir\`.`,
  });
}

/** A regular file that can be opened for reading (opened, not asked of `access`, which root always passes). */
function checkReadable(shown: string, file: string, lintAll: string): void {
  let info;
  try {
    info = statSync(file);
    closeSync(openSync(file, constants.O_RDONLY | constants.O_NONBLOCK));
  } catch (error) {
    throw unusable(shown, file, error, lintAll);
  }
  if (!info.isFile()) throw new PaperboyError('USAGE', `Unexpected \`${shown}\` that is not a regular file, expected an issue file (\`.md\`) or a folder of them`);
}

/** `named` as the user wrote it, `absolute` where it leads. */
function unusable(named: string, absolute: string, error: unknown, lintAll: string): PaperboyError {
  const problem = fileReadProblem(error, absolute, named);
  // A link to nothing is there, and said to lead nowhere.
  if (problem.missing) {
    return new PaperboyError('USAGE', `Cannot find \`${named}\`, expected the path of an issue file (\`.md\`) or of a folder of them`, {
      cause: error,
      hint: `Check the path, or run \`${lintAll}\` without paths to lint every issue of \`issuesDir\`.`,
    });
  }
  return new PaperboyError('USAGE', `Cannot read \`${named}\`: ${problem.reason}, expected an issue file paperboy may read`, { cause: error, hint: problem.fix });
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
