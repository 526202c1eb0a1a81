import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { IssueFile, Workspace } from '../issue/workspace.js';
import { placeholderCopy } from '../mail/placeholder-copy.js';
import { renderIssueEmail } from '../render/issue-email.js';
import { replaceFile } from '../replace-file.js';
import { makeFolders } from '../make-folders.js';

/**
 * Where `paperboy start` writes an issue's email files: under `dataDir`, with
 * paperboy's other working files, never in `outDir`. The site folder is the
 * build's, and what `serve` shows readers: the newest issue is often a draft
 * full of TODOs, which has no place there.
 */
function emailPreviewDir(dataDir: string, number: number): string {
  return join(dataDir, 'preview', String(number));
}

/**
 * Writes `email.html`, `email.txt` and `email.eml` of one issue (the
 * placeholder recipient's copy) into `dir` (default: `emailPreviewDir`) and
 * returns their paths. As a build writes its files: only those whose bytes
 * change (a run on an unchanged issue leaves them and their modification
 * times, which an editor's or a browser's reload reads, as they were), each
 * whole or not at all (`replaceFile`: a reader never sees half of one).
 * A folder it cannot write is DATA_DIR_UNWRITABLE (exit 2), naming it.
 */
export async function writeEmailFiles(workspace: Workspace, file: IssueFile, dir?: string): Promise<string[]> {
  const email = renderIssueEmail(workspace, file);
  const copy = await placeholderCopy(workspace, email);
  const folder = dir ?? emailPreviewDir(workspace.config.dataDir, email.parsed.issue!.number);
  const files: [string, string | Buffer][] = [
    ['email.html', copy.html],
    ['email.txt', copy.text],
    ['email.eml', copy.eml],
  ];
  try {
    makeFolders(folder);
    const changed = await Promise.all(files.map(async ([name, contents]) => !(await holds(join(folder, name), contents))));
    for (const [name, contents] of files.filter((_, i) => changed[i])) replaceFile(join(folder, name), contents);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (error instanceof PaperboyError || typeof code !== 'string') throw error;
    throw new PaperboyError('DATA_DIR_UNWRITABLE', `Cannot write the email files to ${folder}: ${code} (${(error as Error).message})`, {
      cause: error,
      hint: 'Set `dataDir` in paperboy.config.yaml to a folder paperboy may write, or check that this one and its parent are writable and the disk has room.',
    });
  }
  return files.map(([name]) => join(folder, name));
}

/** Whether `file` holds `contents`, byte for byte; false when it cannot be read (missing, or a folder: writing it says why). */
async function holds(file: string, contents: string | Buffer): Promise<boolean> {
  try {
    return (await readFile(file)).equals(typeof contents === 'string' ? Buffer.from(contents) : contents);
  } catch {
    return false;
  }
}
