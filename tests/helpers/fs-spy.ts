import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

/**
 * The paths (strings) passed to `fs[name]` while `run` runs, as `run`'s
 * value and that list. The spy replaces the function on `node:fs` and
 * syncBuiltinESMExports makes the named imports (`import { openSync }`)
 * see it; both are put back after.
 */
export async function pathsPassedTo<T>(name: 'openSync' | 'readFileSync', run: () => Promise<T>): Promise<{ value: T; paths: string[] }> {
  const original = fs[name] as (...args: unknown[]) => unknown;
  const paths: string[] = [];
  (fs as unknown as Record<string, unknown>)[name] = (path: unknown, ...rest: unknown[]) => {
    if (typeof path === 'string') paths.push(path);
    return original(path, ...rest);
  };
  syncBuiltinESMExports();
  try {
    return { value: await run(), paths };
  } finally {
    (fs as unknown as Record<string, unknown>)[name] = original;
    syncBuiltinESMExports();
  }
}

/** The issue files (under `root`/issues) opened while `run` runs: `readIssueSource` opens each file it reads with `openSync`. */
export async function issueFilesOpened<T>(root: string, run: () => Promise<T>): Promise<{ value: T; opened: string[] }> {
  const { value, paths } = await pathsPassedTo('openSync', run);
  return { value, opened: paths.filter((path) => path.startsWith(join(root, 'issues'))) };
}
