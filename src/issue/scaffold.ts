import { writeFile } from 'node:fs/promises';
import anyAscii from 'any-ascii';
import { join, relative } from 'node:path';
import type { Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { fileReadProblem } from '../file-problem.js';
import { describeCharacter, isControlCharacter, isSeparator } from '../diagnostics/control-characters.js';
import { codePointName } from '../diagnostics/code-point.js';
import { MAX_ISSUE_NUMBER } from './number-argument.js';
import { slugify } from './slug.js';
import { tagKey } from './names.js';
import { Workspace } from './workspace.js';
import { makeFolders } from '../make-folders.js';

/**
 * The number after the highest one in use (`Workspace.highestNumber`:
 * frontmatter numbers, and file names' where a frontmatter names none),
 * read by the one loader of the newsletter's issues, or after `sentUpTo`
 * (the highest number a send used, its file gone since) when higher. Throws
 * ISSUE_NUMBER_TOO_LARGE (exit 2) when that is the largest an issue may
 * have, or more: no number is left to give.
 */
async function nextIssueNumber(config: Config, sentUpTo: number): Promise<number> {
  // A new newsletter has no issues directory yet; its first issue is 1.
  try {
    makeFolders(config.issuesDir);
  } catch (error) {
    throw new PaperboyError('ISSUES_DIR_UNWRITABLE', `Cannot make the issues directory ${config.issuesDir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: error,
      hint: 'Set `issuesDir` in paperboy.config.yaml to a folder paperboy may write (a file is in the way, or a parent folder is read-only).',
    });
  }
  const workspace = await Workspace.loadCached(config);
  const highest = Math.max(workspace.highestNumber(), sentUpTo);
  if (highest >= MAX_ISSUE_NUMBER) {
    const file = workspace.byNumber(highest);
    throw new PaperboyError('ISSUE_NUMBER_TOO_LARGE', `Cannot number a new issue: the highest number in use, ${highest}${file ? ` (${relative(config.root, file.path)})` : ''}, leaves none after it (an issue's \`number\` is at most ${MAX_ISSUE_NUMBER})`, {
      hint: 'Give that issue the number it should have (a typo, most likely), then run `paperboy new` again.',
    });
  }
  return highest + 1;
}

/**
 * The first character of a `--title` that no title may hold, with its place
 * (1-based, in characters), or undefined. A line break: a title is one line,
 * and the schema would read the file's title with a space in its place, so
 * the file would not hold what was typed. A control character or a line
 * separator: `no-control-character` refuses the file then. U+FFFD: the
 * title's bytes were not UTF-8, and its characters are lost. Either way the
 * file written would not be the issue asked for, so none is written.
 */
export function refusedTitleCharacter(title: string): { description: string; at: number } | undefined {
  const chars = [...title];
  const index = chars.findIndex((char) => char === '\n' || char === REPLACEMENT || isControlCharacter(char) || isSeparator(char));
  if (index === -1) return undefined;
  const char = chars[index]!;
  if (char === REPLACEMENT) return { description: 'replacement character U+FFFD (bytes that are not UTF-8, each read as U+FFFD: a terminal set to another encoding, such as Latin-1?)', at: index + 1 };
  return { description: char === '\n' || char === '\r' ? `line break ${codePointName(char)}` : describeCharacter(char), at: index + 1 };
}

/**
 * What Node makes of argument bytes that are not UTF-8 (WHATWG's decoder):
 * the title typed is gone, and `��` would be written in its place.
 */
const REPLACEMENT = '\ufffd';

export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The skeleton of a new issue: it lints clean except for the TODOs it asks
 * the editor to fill, and every value it makes up holds one (the paper's
 * URL on example.org, a placeholder URL: lint/rules/placeholders.ts), so none
 * can be left by mistake.
 */
function issueSkeleton(options: { number: number; title: string | undefined; date: string; sections: readonly string[] | undefined }): string {
  const title = options.title ?? 'TODO a title that names the main papers';
  const sectionHint = options.sections?.length ? `one of: ${options.sections.join('; ')}` : 'e.g. Technical alignment / Interpretability';
  return `---
number: ${options.number}
title: ${JSON.stringify(title)}
date: ${options.date}
# subject: "#${options.number}: …"   # optional; default "#<number>: <title>", at most 78 characters
# preheader: "…"                     # optional inbox preview text, 40–130 characters
# editor: Your Name
# reviewers: [A. Reviewer]           # thanked in the issue
status: draft                        # draft | ready | sent
papers:
  - title: TODO the paper's title
    url: https://example.org/TODO-the-paper   # an arXiv abs page fills in \`arxiv:\` with --fix
    authors: [TODO First Author, TODO Second Author]
    year: ${options.date.slice(0, 4)}
    # section: ${sectionHint}
    tags: []
    # highlight: true                 # highlighted papers come first
    summary: |
      TODO what the paper did and what it found, in your own words.
    opinion: |
      TODO what you think of it, and why it matters.
---

TODO the introduction: what this issue is about.

<!-- papers -->
`;
}

/**
 * Writes `issues/NNNN-slug.md`; never overwrites (a file of that name can
 * only appear between reading the numbers and writing: another `new` at
 * once). Returns its path. Throws ISSUE_EXISTS (exit 2) then.
 */
export async function scaffoldIssue(config: Config, options: { title: string | undefined; today: Date; sentUpTo?: number }): Promise<string> {
  const number = await nextIssueNumber(config, options.sentUpTo ?? 0);
  // Folded and transliterated as author and tag folders are (paper-database.ts): `Łukasz` is `lukasz`, `O'Neil's` `oneils` (not `o-neil-s`), a Hebrew or Russian title or an emoji keeps a name.
  const path = join(config.issuesDir, `${String(number).padStart(4, '0')}-${slugify(anyAscii(tagKey(options.title ?? 'untitled')))}.md`);
  const text = issueSkeleton({ number, title: options.title, date: localDate(options.today), sections: config.sections });
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PaperboyError('ISSUE_EXISTS', `Refusing to overwrite ${path}`, { hint: 'Pass another --title, or edit the existing file.' });
    }
    // A folder this user may not write (another's, a read-only mount), a full disk: said, never a crash.
    throw new PaperboyError('ISSUES_DIR_UNWRITABLE', `Cannot write ${path}: ${fileReadProblem(error, path).reason}`, { exitCode: 2, hint: `Make ${config.issuesDir} writable, or set \`issuesDir\` in paperboy.config.yaml to a folder you may write.` });
  }
  return path;
}
