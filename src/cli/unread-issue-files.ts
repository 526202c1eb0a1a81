
import type { CommandIO } from '../io.js';
import { unreadIssueFiles } from '../issue/unread-files.js';
import { shownPath } from '../path-within.js';

/**
 * Says on stderr, a line each, what in the issues folder looks like an
 * issue and is not read as one (issue/unread-files.ts): `build` and `lint`
 * left such an issue out without a word.
 */
export function sayUnreadIssueFiles(issuesDir: string, io: CommandIO): void {
  for (const { path, fix } of unreadIssueFiles(issuesDir)) io.stderr.write(`paperboy: ${shownPath(path, io.cwd)}: ${fix}.\n`);
}
