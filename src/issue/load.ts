import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PaperboyError } from '../errors.js';

/** The issue files of a directory (`*.md`), sorted by name. */
export async function listIssueFiles(issuesDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(issuesDir);
  } catch (error) {
    throw new PaperboyError('ISSUES_DIR_UNREADABLE', `Cannot read the issues directory ${issuesDir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: error,
      hint: 'Set `issuesDir` in paperboy.config.yaml, or create the directory with `paperboy new`.',
    });
  }
  return names
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(issuesDir, name));
}
