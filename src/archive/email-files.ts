import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssueFile, Workspace } from '../issue/workspace.js';
import { placeholderCopy } from '../mail/placeholder-copy.js';
import { renderIssueEmail } from '../render/issue-email.js';
import { replaceFile } from '../replace-file.js';
import { lockSite } from './site-lock.js';
import { claimSiteFolder, forgetSiteFiles } from './site-marker.js';
import { unwritable } from './site-writer.js';

/**
 * Writes `email.html`, `email.txt` and `email.eml` of one issue under
 * `<outDir>/issues/<number>/` and returns their paths; a new `outDir` is
 * marked as paperboy's, so `paperboy build` may replace it afterwards, and
 * a built one learns that the files written are no longer the build's.
 * As a build writes its files: only those whose bytes change (a run on an
 * unchanged issue leaves them and their modification times, which an
 * editor's or a server's reload reads, as they were), each whole or not at
 * all (`replaceFile`: a reader never sees half of one).
 */
export async function writeEmailFiles(workspace: Workspace, file: IssueFile, outDir = workspace.config.outDir): Promise<string[]> {
  const email = renderIssueEmail(workspace, file);
  const copy = await placeholderCopy(workspace, email);
  const number = email.parsed.issue!.number;
  // Not while a build writes the folder (site-lock.ts).
  const release = lockSite(outDir);
  try {
    claimSiteFolder(outDir);
    const dir = join(outDir, 'issues', String(number));
    await mkdir(dir, { recursive: true });
    const files: [string, string | Buffer][] = [
      ['email.html', copy.html],
      ['email.txt', copy.text],
      ['email.eml', copy.eml],
    ];
    const changed = await Promise.all(files.map(async ([name, contents]) => !(await holds(join(dir, name), contents))));
    const written = files.filter((_, i) => changed[i]);
    for (const [name, contents] of written) replaceFile(join(dir, name), contents);
    if (written.length > 0) forgetSiteFiles(outDir, written.map(([name]) => `issues/${number}/${name}`));
    return files.map(([name]) => join(dir, name));
  } catch (error) {
    throw unwritable(outDir, error, 'the email files', EMAIL_FILES_HINT);
  } finally {
    release();
  }
}

const EMAIL_FILES_HINT = 'Set `outDir` in paperboy.config.yaml to a folder paperboy may write, or check that this one and its parent are writable and the disk has room.';

/** Whether `file` holds `contents`, byte for byte; false when it cannot be read (missing, or a folder: writing it says why). */
async function holds(file: string, contents: string | Buffer): Promise<boolean> {
  try {
    return (await readFile(file)).equals(typeof contents === 'string' ? Buffer.from(contents) : contents);
  } catch {
    return false;
  }
}
