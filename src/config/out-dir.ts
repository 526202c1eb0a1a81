import { resolve } from 'node:path';
import { pathWithin } from '../path-within.js';

/** The newsletter's own folders (absolute paths), which a build, replacing its outDir whole, must never hold, be, or be inside. */
export interface OwnFolders {
  root: string;
  issuesDir: string;
  templatesDir: string;
  staticDir: string;
  dataDir: string;
}

/** A folder key of the config an outDir overlaps, and how, said as it ends a message: "it is the issues folder (`issuesDir`)". */
export interface OutDirOverlap {
  key: keyof OwnFolders;
  problem: string;
}

const NAMES: Readonly<Record<keyof OwnFolders, string>> = {
  root: "the newsletter's own folder (the one with paperboy.config.yaml)",
  issuesDir: 'the issues folder (`issuesDir`)',
  templatesDir: 'the templates folder (`templatesDir`)',
  staticDir: "the site's own files (`staticDir`)",
  dataDir: "paperboy's data folder (`dataDir`: the subscriber database, the send journal)",
};

/**
 * How `outDir` overlaps the newsletter's own folders, or undefined: a
 * build replaces its outDir whole (archive/site-writer.ts), so an outDir
 * that is the newsletter's folder or holds it, or that is, holds or lies
 * inside the issues, templates, static or data folder, would have the build (or
 * the advice to remove the folder) delete the issues or the subscriber
 * database. Paths are compared as written, resolved (no symlinks followed).
 */
export function outDirOverlap(written: string, folders: OwnFolders): OutDirOverlap | undefined {
  const outDir = resolve(written);
  const root = resolve(folders.root);
  if (pathWithin(outDir, root)) return { key: 'root', problem: outDir === root ? `it is ${NAMES.root}` : `it holds ${NAMES.root} ${root}` };
  for (const key of ['issuesDir', 'templatesDir', 'staticDir', 'dataDir'] as const) {
    const dir = resolve(folders[key]);
    if (outDir === dir) return { key, problem: `it is ${NAMES[key]}` };
    if (pathWithin(outDir, dir)) return { key, problem: `it holds ${NAMES[key]} ${dir}` };
    if (pathWithin(dir, outDir)) return { key, problem: `it is inside ${NAMES[key]} ${dir}` };
  }
  return undefined;
}

/** What every refusal of an overlapping outDir ends with. */
export const OUT_DIR_EXPECTED = 'expected a folder of its own for the built site, such as `dist` (a build replaces the whole folder)';
