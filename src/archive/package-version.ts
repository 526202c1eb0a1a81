import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of an installed package, from the package.json above its entry
 * point (KaTeX and MiniSearch do not export their package.json, and their
 * entry points sit one or two folders down).
 */
export function packageVersion(name: string): string {
  let version = versions.get(name);
  if (version === undefined) versions.set(name, (version = readPackageVersion(name)));
  return version;
}

/** Read once a process: a build asks for KaTeX's version three times (the site key, the marker, the issues' cache key). */
const versions = new Map<string, string>();

function readPackageVersion(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.resolve(name))); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const found = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (found.name === name && found.version) return found.version;
    } catch {
      // No package.json here: one folder up.
    }
  }
  throw new Error(`No package.json for ${name}`);
}
