import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { Config } from '../config/load.js';
import { assetSources } from './assets.js';
import { pathWithin } from '../path-within.js';
import { insideProject, staticSources } from '../config/static-sources.js';
import { copiedHashes, type CopiedHash } from './copied-hashes.js';

/** A file the site holds as it is: where it is read from, and its bytes' SHA-256 (hex) and size; the bytes are copied when the file is written (folder-writer.ts). */
export interface CopiedFile extends CopiedHash {
  source: string;
}

/**
 * The files a build copies into the site, each with its bytes' hash: the
 * web assets (assets.ts `assetSources`) and the site's own files
 * (`staticDir`, config/static-sources.ts `staticSources`), site path → file, in
 * their sources' order. Hashed before anything else (from the store of
 * copied-hashes.ts when unchanged, as `mode` says): their hashes make the
 * site's key (is it up to date?) and each file's key. The bytes are not
 * held: a file written is copied then, and the copy checked against the
 * hash (folder-writer.ts), so that a file saved meanwhile cannot be keyed
 * as one version and published as another (FILE_CHANGED: the build reads
 * again). Throws what `staticSources` throws, and STATIC_FILE_UNREADABLE
 * for a file that cannot be read.
 */
export function readCopiedFiles(
  config: Pick<Config, 'templatesDir' | 'staticDir' | 'root' | 'dataDir'>,
  mode: 'stored' | 'read' | 'none' = 'stored',
): { assets: ReadonlyMap<string, CopiedFile>; own: ReadonlyMap<string, CopiedFile> } {
  const assets = assetSources(config.templatesDir);
  if (config.templatesDir) checkAssetLinks(assets, join(config.templatesDir, 'web'), config);
  const own = staticSources(config.staticDir, config.root, config.dataDir);
  const hashes = copiedHashes(config, mode);
  const withHashes = (sources: ReadonlyMap<string, string>) => new Map([...sources].map(([path, source]) => [path, { source, ...hashOf(source, hashes.hashOf) }]));
  const copied = { assets: withHashes(assets), own: withHashes(own) };
  hashes.save();
  return copied;
}

/**
 * Refuses a web asset of templatesDir (`web/archive.css`, `papers.js`,
 * `icon.svg`) that is a link leading out of the newsletter's folder or to
 * one of its private files, as a link of staticDir is (config/static-sources.ts
 * `insideProject`: STATIC_LINK_OUTSIDE, STATIC_LINK_PRIVATE, exit 2): the
 * site holds an asset byte for byte, and `ln -s ../../.env
 * templates/web/icon.svg` published the SMTP password at `assets/icon.svg`.
 */
function checkAssetLinks(assets: ReadonlyMap<string, string>, webDir: string, config: Pick<Config, 'root' | 'dataDir'>): void {
  const inside = insideProject(webDir, config.root, config.dataDir, webDir);
  for (const source of assets.values()) {
    if (pathWithin(webDir, source) && lstatSync(source, { throwIfNoEntry: false })?.isSymbolicLink()) inside(source);
  }
}

export type CopiedFiles = ReturnType<typeof readCopiedFiles>;

/**
 * The hash of a file to copy (`hash`: copied-hashes.ts). A file that
 * cannot be read (not the reader's, a read error) throws
 * STATIC_FILE_UNREADABLE (exit 2) naming it and what to do; it was an
 * "internal error" with a stack trace.
 */
function hashOf(source: string, hash: (source: string) => CopiedHash): CopiedHash {
  try {
    return hash(source);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : message;
    throw new PaperboyError('STATIC_FILE_UNREADABLE', `Cannot copy ${source} into the site: ${why}`, {
      hint: 'Make the file readable by the user running paperboy (`chmod a+r`), or move it out of staticDir.',
    });
  }
}
