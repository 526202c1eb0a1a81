import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** A name of Markdown paperboy does not read as an issue: another extension (`.markdown`, `.mdown`, `.mkd`) or `.md` in capitals (`.MD`, Windows'). */
const OTHER_MARKDOWN = /\.(?:markdown|mdown|mkdn?|md)$/i;

/** What in the issues folder looks like an issue but is not read as one, with what to do: `path` absolute, `fix` a sentence. */
export interface UnreadIssueFile {
  path: string;
  fix: string;
}

/**
 * The files of `issuesDir` that look like issues and are not read as any
 * (`listIssueFiles` reads the files directly in it whose names end in
 * `.md`): a Markdown file named otherwise (`0006-x.MD`, `0006-x.markdown`),
 * and a folder in it holding `.md` files (`issues/2024/0006-x.md`).
 * Hidden names are left out, as the listing leaves them (editors' files).
 * Such an issue was left out of the site and of lint without a word. An
 * unreadable folder gives none (the listing says why it cannot be read).
 */
export function unreadIssueFiles(issuesDir: string): UnreadIssueFile[] {
  const entries = entriesOf(issuesDir);
  const found: UnreadIssueFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(issuesDir, entry.name);
    if (entry.isDirectory()) {
      const inside = entriesOf(path).filter((child) => !child.name.startsWith('.') && OTHER_MARKDOWN.test(child.name)).length;
      if (inside > 0) found.push({ path, fix: `a folder of ${inside === 1 ? 'a Markdown file' : `${inside} Markdown files`}, which paperboy does not read (only the files directly in the issues folder are issues): move ${inside === 1 ? 'it' : 'them'} up into the issues folder` });
    } else if (OTHER_MARKDOWN.test(entry.name) && !entry.name.endsWith('.md')) {
      found.push({ path, fix: `not read as an issue (an issue file's name ends in \`.md\`, in lower case): rename it to \`${entry.name.replace(OTHER_MARKDOWN, '.md')}\`` });
    }
  }
  return found;
}

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}
