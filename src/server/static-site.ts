import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';
import sirv from 'sirv';
import { CompressedFiles, type SiteFile } from './compression.js';
// Before sirv reads mrmime's table: text types that name UTF-8, papers.bib's type.
import './content-types.js';

/** A request's path under the site root: `/issues/3/`, as sent (`raw`) and decoded. */
interface SitePath {
  raw: string;
  decoded: string;
  /** The query string with its `?`, or empty. */
  query: string;
}

/** Serves one request of the site. */
export type SiteHandler = (req: IncomingMessage, res: ServerResponse, path: SitePath) => void;

/**
 * What the walk of the site finds that sirv's file map does not say: the
 * folders that have an index page (for trailing-slash redirects), and the
 * symbolic links that point out of the site, which are never served.
 */
interface SiteMap {
  folders: Set<string>;
  escapes: string[];
  /** Every file, by its path under the root (`/issues/3/index.html`). */
  files: Map<string, SiteFile>;
}

/** A file's path under the site root as a URL path: `/issues/3/index.html`, `/` for the root itself. */
function urlPath(root: string, path: string): string {
  return `/${relative(root, path).split(sep).join('/')}`;
}

function walk(root: string): SiteMap {
  const realRoot = realpathSync(root);
  const folders = new Set<string>();
  const escapes: string[] = [];
  const files = new Map<string, SiteFile>();
  const visit = (dir: string): void => {
    const names = readdirSync(dir);
    if (names.includes('index.html')) folders.add(urlPath(root, dir).replace(/\/$/, '') || '/');
    for (const name of names) {
      const path = join(dir, name);
      const info = lstatSync(path);
      if (info.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(path);
        } catch {
          target = undefined;
        }
        if (target === undefined || (target !== realRoot && !target.startsWith(realRoot + sep))) {
          escapes.push(urlPath(root, path).slice(1));
          continue;
        }
      }
      // A linked folder is not walked (a link to a parent would never end); a linked file is served.
      const target = info.isSymbolicLink() ? statSync(path) : info;
      if (info.isDirectory()) visit(path);
      // Hidden files stay hidden, as sirv keeps them (the build's marker file among them).
      else if (target.isFile() && !name.startsWith('.')) files.set(urlPath(root, path), { abs: path, size: target.size, mtimeMs: target.mtimeMs });
    }
  };
  visit(root);
  return { folders, escapes, files };
}

/**
 * Whether a raw request path (as sent, still percent-encoded) could name
 * something outside the site or something other than what it shows: NUL
 * bytes, encoded slashes or backslashes, `.` and `..` segments (raw or
 * encoded), or an encoding that does not decode. Such a request is answered
 * 404 before any file lookup.
 */
export function isUnsafePath(rawPath: string): boolean {
  if (/%00|\0|%2f|%5c|\\/i.test(rawPath)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return decoded.split('/').some((segment) => segment === '..' || segment === '.');
}

export interface StaticSiteOptions {
  /** Read files at every request (the dev server, whose site is rebuilt under it) instead of a map made once. */
  dev: boolean;
  /** The 404 page when the site has no `404.html`. */
  notFoundPage: () => string;
}

/**
 * The built archive as a web site, through sirv: content types, ETag and
 * Last-Modified with 304s, ranges, `/x` answered by
 * `x.html` or `x/index.html`. Around it: `/issues/3` redirects to
 * `/issues/3/` (so the page's relative links work), the site's `404.html`
 * answers what is not there, and no request reaches outside `root`
 * (`isUnsafePath`, symbolic links that escape it). Text files go out
 * compressed to clients that accept Brotli or gzip (compression.ts).
 * The map of the site is made when this is called: call it again after a build.
 */
export function staticSite(root: string, options: StaticSiteOptions): SiteHandler {
  if (!existsSync(root)) {
    const missing: SiteHandler = (_req, res) => sendNotFound(res, options.notFoundPage());
    return missing;
  }
  const map = walk(root);
  const notFound = existsSync(join(root, '404.html')) ? readFileSync(join(root, '404.html'), 'utf8') : options.notFoundPage();
  const serve = sirv(root, {
    dev: options.dev,
    etag: true,
    gzip: true,
    brotli: true,
    extensions: ['html'],
    // Revalidate every page with its ETag: a rebuilt archive is seen at once, unchanged pages cost a 304.
    maxAge: 0,
    onNoMatch: (_req, res) => sendNotFound(res, notFound),
  });
  const compressed = new CompressedFiles();
  return (req, res, { raw, decoded, query }) => {
    const path = decoded.replace(/^\/+/, '');
    const escapes = map.escapes.some((link) => path === link || path.startsWith(`${link}/`) || `${path}.html` === link);
    if (escapes) return sendNotFound(res, notFound);
    if (!decoded.endsWith('/') && map.folders.has(decoded)) {
      // Relative to where the browser is: the site may be mounted under a path of baseUrl.
      const last = raw.slice(raw.lastIndexOf('/') + 1);
      res.writeHead(301, { Location: `${last}/${query}` }).end();
      return;
    }
    const file = options.dev ? undefined : fileAt(map.files, decoded);
    if (file && compressed.serve(req, res, file, file.abs)) return;
    // sirv reads the path from the URL: the path under the site root.
    req.url = raw + query;
    serve(req, res);
  };
}

/** The file sirv answers a path with: itself, `path.html`, or `path/index.html`. */
function fileAt(files: ReadonlyMap<string, SiteFile>, path: string): SiteFile | undefined {
  if (path.endsWith('/')) return files.get(`${path}index.html`);
  return files.get(path) ?? files.get(`${path}.html`) ?? files.get(`${path}/index.html`);
}

/** Answers 404 with the site's not-found page. */
export function sendNotFound(res: ServerResponse, page: string): void {
  res.writeHead(404, { 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': Buffer.byteLength(page), 'Cache-Control': 'no-cache' }).end(page);
}
