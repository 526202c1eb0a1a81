import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { shellWord } from '../shell-word.js';

/**
 * The newsletter folder a command works in, absolute, found as git finds
 * its repository: `--root` (default the current folder) when it holds
 * paperboy.config.yaml; else, when the command was given an issue file's
 * path, the nearest folder at or above that file that holds one, so a
 * command a message suggests (`paperboy lint my-digest/issues/0001-x.md`)
 * works from where the user is; else the nearest folder above `--root`
 * that holds one (a command run in the newsletter's `issues/`); else
 * `--root`, whose missing config `loadConfig` reports. `issues`: the
 * command's ISSUE or FILES arguments (a number names no file). A path
 * that names no file yet counts too (a misspelt file name): the command
 * then says the file is not there, in its newsletter, rather than that
 * the folder it ran in has no config.
 */
export function newsletterRoot(cwd: string, root: string, issues: readonly (string | undefined)[] = []): string {
  const given = resolve(cwd, root);
  if (existsSync(join(given, CONFIG_FILE))) return given;
  const path = issues.find((issue) => issue !== undefined && !/^#?\d+$/.test(issue));
  return (path === undefined ? undefined : folderWithConfig(dirname(resolve(cwd, path)))) ?? folderWithConfig(dirname(given)) ?? given;
}

/** The nearest folder at or above `start` that holds paperboy.config.yaml, or undefined. */
function folderWithConfig(start: string): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, CONFIG_FILE))) return folder;
    if (folder === dirname(folder)) return undefined;
  }
}

/**
 * ` --root DIR` for a command a message suggests, when the newsletter is
 * not the folder the user runs paperboy in (DIR as reached from there);
 * '' when it is.
 */
export function rootFlag(cwd: string, root: string): string {
  const dir = relative(cwd, root);
  return dir === '' ? '' : ` --root ${shellWord(dir)}`;
}
