import { dirname } from 'node:path';
import { numberInFileName } from '../issue/load.js';
import type { IssueFile } from '../issue/workspace.js';

/**
 * What `preview --watch` knows of the issue it watches, to find it again
 * when its file goes from its path (`git mv`, an editor's "rename", a save
 * under a new name and the old one removed).
 */
export interface WatchedIssue {
  /** The file, absolute. */
  path: string;
  /** Its frontmatter's number as last read, else its name's (`0005-….md`); undefined when neither gives one. */
  number: number | undefined;
  /** sha256 of its bytes as last read ('' before any read). */
  hash: string;
  /** The issue files beside it when it was last read: a file not among them came since (a renamed file comes under its new name). */
  neighbours: ReadonlySet<string>;
}

/** `watched` as read now: `file` the watched file, `files` the workspace's. A file whose frontmatter gives no number keeps the number known before, else its name's. */
export function watchedAsRead(file: IssueFile, files: readonly IssueFile[], before: WatchedIssue | undefined): WatchedIssue {
  return {
    path: file.path,
    number: file.facts.number ?? before?.number ?? numberInFileName(file.path),
    hash: file.source.hash,
    neighbours: new Set(files.map((entry) => entry.path).filter((path) => path !== file.path)),
  };
}

/**
 * The file the watched issue went to, once its path holds nothing: among
 * the readable issue files of its folder (`files`, the workspace's), one
 * with the same bytes (a move), else one with the same number, a file that
 * came since it was last read before one that was there (a rename that
 * changed the text too, next to an older file with a duplicate number).
 * Undefined when none: the issue is gone.
 */
export function successorOf(watched: WatchedIssue, files: readonly IssueFile[]): IssueFile | undefined {
  const folder = dirname(watched.path);
  const candidates = files.filter((file) => file.path !== watched.path && dirname(file.path) === folder && file.source.unreadable?.kind !== 'io');
  const moved = watched.hash === '' ? undefined : candidates.find((file) => file.source.hash === watched.hash);
  if (moved || watched.number === undefined) return moved;
  const numbered = candidates.filter((file) => (file.facts.number ?? numberInFileName(file.path)) === watched.number);
  return numbered.find((file) => !watched.neighbours.has(file.path)) ?? numbered[0];
}
