import { readFileSync } from 'node:fs';
import type { Config } from '../config/load.js';
import { assetSources } from './assets.js';
import { staticSources } from './static-files.js';

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
export function readCopiedFiles(config: Pick<Config, 'templatesDir' | 'staticDir'>): { assets: ReadonlyMap<string, CopiedFile>; own: ReadonlyMap<string, CopiedFile> } {
  return { assets: withBytes(assetSources(config.templatesDir)), own: withBytes(staticSources(config.staticDir)) };
}

export type CopiedFiles = ReturnType<typeof readCopiedFiles>;

function withBytes(sources: ReadonlyMap<string, string>): Map<string, CopiedFile> {
  return new Map([...sources].map(([path, source]) => [path, { source, bytes: readFileSync(source) }]));
}
