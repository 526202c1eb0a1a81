import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

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
