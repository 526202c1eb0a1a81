import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { Config } from '../config/load.js';
import { assetSources } from './assets.js';
import { pathWithin } from '../path-within.js';
import { insideProject, staticSources } from './static-files.js';

/** A file the site holds as it is: where it is read from, and its bytes. */
export interface CopiedFile {
  source: string;
  bytes: Buffer;
}

/**
 * The files a build copies into the site, each read once: the web assets
 * (assets.ts `assetSources`) and the site's own files (`staticDir`,
 * static-files.ts `staticSources`), site path → file, in their sources'
 * order. Read before anything else: their bytes make the site's key (is it
 * up to date?) and, when it is not, the files written, so that both are of
 * one read (a file saved meanwhile cannot be keyed as one version and
 * copied as another). Throws what `staticSources` throws, and the read's
 * error of a file removed since it was listed.
 */
export function readCopiedFiles(config: Pick<Config, 'templatesDir' | 'staticDir' | 'root' | 'dataDir'>): { assets: ReadonlyMap<string, CopiedFile>; own: ReadonlyMap<string, CopiedFile> } {
  const assets = assetSources(config.templatesDir);
  if (config.templatesDir) checkAssetLinks(assets, join(config.templatesDir, 'web'), config);
  return { assets: withBytes(assets), own: withBytes(staticSources(config.staticDir, config.root, config.dataDir)) };
}

/**
 * Refuses a web asset of templatesDir (`web/archive.css`, `papers.js`,
 * `icon.svg`) that is a link leading out of the newsletter's folder or to
 * one of its private files, as a link of staticDir is (static-files.ts
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

function withBytes(sources: ReadonlyMap<string, string>): Map<string, CopiedFile> {
  return new Map([...sources].map(([path, source]) => [path, { source, bytes: readCopied(source) }]));
}

/**
 * The bytes of a file to copy. A file that cannot be read (not the
 * reader's, a read error, 2 GiB or more, which Node reads into no buffer:
 * ERR_FS_FILE_TOO_LARGE) throws STATIC_FILE_UNREADABLE (exit 2) naming it
 * and what to do; it was an "internal error" with a stack trace.
 */
function readCopied(source: string): Buffer {
  try {
    return readFileSync(source);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_FS_FILE_TOO_LARGE') {
      throw new PaperboyError('STATIC_FILE_UNREADABLE', `Cannot copy ${source} into the site: it is 2 GiB or more, which the build cannot copy`, {
        hint: 'Host a file this large elsewhere (a release download, object storage) and link to it, or move it out of staticDir.',
      });
    }
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : message;
    throw new PaperboyError('STATIC_FILE_UNREADABLE', `Cannot copy ${source} into the site: ${why}`, {
      hint: 'Make the file readable by the user running paperboy (`chmod a+r`), or move it out of staticDir.',
    });
  }
}
