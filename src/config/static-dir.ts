import { resolve } from 'node:path';
import { pathWithin } from '../path-within.js';
import type { OwnFolders } from './out-dir.js';

/**
 * Why `staticDir` cannot be the folder of the site's own files, or
 * undefined: a build publishes every file in it as it is (hidden ones
 * aside), so a `staticDir` that is or holds the newsletter's folder
 * (`staticDir: .`) or its issues folder published every issue's source:
 * drafts, and the private `notes` the SPEC keeps out of every public
 * output, with the config beside them. Paths compared as written,
 * resolved. (`dataDir` inside it is left out by the build instead:
 * config/static-sources.ts.)
 */
export function staticDirProblem(folders: Pick<OwnFolders, 'root' | 'issuesDir' | 'staticDir'>): { key: 'staticDir' | 'issuesDir'; problem: string } | undefined {
  const staticDir = resolve(folders.staticDir);
  if (pathWithin(staticDir, resolve(folders.root))) return { key: 'staticDir', problem: `the site's own files (\`staticDir\`, ${staticDir}) hold the newsletter's own folder, whose every file a build would publish as it is: the issues' sources (drafts, private \`notes\`) and the config` };
  if (pathWithin(staticDir, resolve(folders.issuesDir))) return { key: 'issuesDir', problem: `the issues folder (\`issuesDir\`, ${resolve(folders.issuesDir)}) lies in the site's own files (\`staticDir\`, ${staticDir}), whose every file a build publishes as it is: drafts and their private \`notes\` too` };
  return undefined;
}
