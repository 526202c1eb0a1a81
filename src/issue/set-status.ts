import { replaceEditedFile } from '../replace-file.js';
import { editIssueFile, readIssueSource, writtenEdits } from './source.js';

/**
 * The edit that makes an issue's frontmatter say `status: <status>`: the
 * value of a top-level `status:` line replaced (a comment after it kept),
 * or, without one, a `status:` line added before the closing `---`.
 * Undefined when the text has no frontmatter or already says so.
 */
function statusEdit(text: string, status: string): { range: [number, number]; text: string } | undefined {
  const frontmatter = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(\n|$)/.exec(text);
  if (!frontmatter) return undefined;
  const body = frontmatter[1] ?? '';
  const offset = frontmatter[0].indexOf('\n') + 1;
  const line = /^status:[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s#]*)/m.exec(body);
  if (line) {
    const start = offset + line.index + line[0].length - line[1]!.length;
    const written = line[1]!.replace(/^["']|["']$/g, '');
    return written === status ? undefined : { range: [start, start + line[1]!.length], text: line[1]!.length === 0 ? ` ${status}`.trimStart() : status };
  }
  const end = offset + body.length;
  return { range: [end, end], text: `status: ${status}\n` };
}

/**
 * Writes `status: <status>` into an issue file, changing only that value
 * (BOM, line endings and every other byte kept, as `lint --fix` edits),
 * whole or not at all (`replaceEditedFile`: a send killed at that moment
 * leaves the file as it was). Returns false when the file already says so or has no frontmatter.
 */
export async function writeIssueStatus(path: string, status: string): Promise<boolean> {
  const source = await readIssueSource(path);
  if (source.unreadable) return false;
  const edit = statusEdit(source.text, status);
  if (!edit) return false;
  replaceEditedFile(path, editIssueFile(source, [writtenEdits(source)(edit)]), source.hash);
  return true;
}
