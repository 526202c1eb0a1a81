import { PaperboyError } from '../errors.js';

/*
 * The archive's side of the site's own files (config/static-sources.ts
 * lists them): a file of `staticDir` the build cannot publish beside the
 * pages it writes itself.
 */

/**
 * A file of `staticDir` at a path the build writes itself (`index.html`,
 * `assets/archive.css`, `papers.json`): refused rather than one replacing
 * the other in silence. Throws STATIC_FILE_COLLISION (exit 2) naming both.
 */
export function staticCollision(source: string, path: string): PaperboyError {
  return new PaperboyError('STATIC_FILE_COLLISION', `Unexpected file ${source}: the build writes \`${path}\` itself, expected the site's own files at other paths`, {
    hint: 'Move or rename the file in staticDir (a page of the archive is changed through its template in templatesDir, docs/web-templates.md).',
  });
}

/**
 * Given the site paths the build writes itself, a function telling which of
 * them a file of `staticDir` at `path` cannot sit beside, or undefined: the
 * same path (`papers.json`), a folder the build writes into (a file
 * `issues/1` where `issues/1/index.html` goes), or a file the build writes
 * where the static file needs a folder (`feed.xml/old.xml` under
 * `feed.xml`). The two last cannot both be on disk at all: the site could
 * not be written (EISDIR, ENOTDIR), and a rebuild's commit replayed the
 * impossible move at every build after.
 */
export function builtPathClash(built: readonly string[]): (path: string) => string | undefined {
  const files = new Set(built);
  const folders = new Map<string, string>();
  for (const path of built) {
    for (let end = path.indexOf('/'); end !== -1; end = path.indexOf('/', end + 1)) {
      const folder = path.slice(0, end);
      if (!folders.has(folder)) folders.set(folder, path);
    }
  }
  return (path) => {
    if (files.has(path)) return path;
    const inside = folders.get(path);
    if (inside !== undefined) return inside;
    for (let end = path.indexOf('/'); end !== -1; end = path.indexOf('/', end + 1)) {
      if (files.has(path.slice(0, end))) return path.slice(0, end);
    }
    return undefined;
  };
}
