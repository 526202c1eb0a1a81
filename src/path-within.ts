import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `inner` is `outer` or a path inside it, by their names (no file
 * is read: a link is not followed). `relative` is `..`, starts with `../`,
 * or is absolute (another drive) for a path outside; a name that merely
 * starts with two dots (`..drafts`) is inside.
 */
export function pathWithin(outer: string, inner: string): boolean {
  const path = relative(outer, inner);
  return !(isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`));
}

/**
 * `path` as a message shows it to someone in `cwd`: relative to `cwd` when
 * it is inside it (`issues/0005-x.md`, a place editors and terminals open
 * from there), else absolute (`/srv/letter/issues/0005-x.md`, not
 * `../../srv/letter/issues/0005-x.md`); `cwd` itself is `.`.
 */
export function shownPath(path: string, cwd: string): string {
  return pathWithin(cwd, path) ? relative(cwd, path) || '.' : path;
}
