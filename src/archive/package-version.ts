import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageAbove } from '../package-root.js';

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
  const found = packageAbove(dirname(fileURLToPath(import.meta.resolve(name))), (json) => json.name === name && Boolean(json.version));
  if (!found) throw new Error(`No package.json for ${name}`);
  return found.json.version!;
}
