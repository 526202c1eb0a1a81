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
