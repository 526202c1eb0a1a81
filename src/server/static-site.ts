import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CompressedFiles } from './compression.js';
import { ARCHIVE_SAFETY, sendFile } from './file-response.js';

/** A request's path under the site root: `/issues/3/`, as sent (`raw`) and decoded. */
interface SitePath {
  raw: string;
  decoded: string;
  /** The query string with its `?`, or empty. */
  query: string;
}

/**
 * Serves one request of the site (settles once it is answered; rejects with
 * what `sendFile` throws); `serves` says whether a path under the site root
 * (decoded, `/news/unsubscribe`) names a file or folder of it.
 */
export type SiteHandler = ((req: IncomingMessage, res: ServerResponse, path: SitePath) => Promise<void>) & { serves(decoded: string): boolean };

/** What the walk of the site finds: what may be served, and the folders that have an index page (for trailing-slash redirects). */
interface SiteMap {
  folders: Set<string>;
  /** Every file that may be served, by its path under the root (`/issues/3/index.html`), to its path on disk. */
  files: Map<string, string>;
}

/** A file's path under the site root as a URL path: `/issues/3/index.html`, `/` for the root itself. */
function urlPath(root: string, path: string): string {
  return `/${relative(root, path).split(sep).join('/')}`;
}

/** Whether a file-system error says the entry is no longer there (a build removed it, or put a file where its folder was). */
function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Maps the site under `root`; undefined when there is no `root` (no build
 * yet). A build may be moving files in and removing others while this runs
 * (a rebuild's commit): an entry gone between the listing of its folder and
 * its own look-up is left out, as it would be a moment later. Throws what
 * else reading the site throws.
 */
function walk(root: string): SiteMap | undefined {
  const top = listing(root);
  if (top === undefined) return undefined;
  const realRoot = realpathSync(root);
  const folders = new Set<string>();
  const files = new Map<string, string>();
  const visit = (dir: string, entries: Dirent[]): void => {
    if (entries.some((entry) => entry.name === 'index.html')) folders.add(urlPath(root, dir).replace(/\/$/, '') || '/');
    for (const entry of entries) {
      // Hidden files and folders stay hidden (the build's marker file among them), `.well-known` aside (RFC 8615).
      if (entry.name.startsWith('.') && entry.name !== '.well-known') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path, listing(path) ?? []);
      else if (entry.isFile()) files.set(urlPath(root, path), path);
      // A linked file inside the site is served; a linked folder is not walked (a link to a parent would never end).
      else if (entry.isSymbolicLink() && isFileInside(realRoot, path)) files.set(urlPath(root, path), path);
    }
  };
  visit(root, top);
  return { folders, files };
}

/** The entries of a folder, or undefined when it is gone. */
function listing(dir: string): Dirent[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/**
 * Whether the symbolic link at `path` leads to a file under `realRoot`. A
 * link out of the site is never served, nor one that cannot be followed (to
 * nothing, or in a loop).
 */
function isFileInside(realRoot: string, path: string): boolean {
  try {
    const target = realpathSync(path);
    return target.startsWith(realRoot + sep) && statSync(target).isFile();
  } catch {
    return false;
  }
}

/** The site's `404.html`, or `fallback` when it has none. */
function notFoundPageOf(root: string, fallback: () => string): string {
  try {
    return readFileSync(join(root, '404.html'), 'utf8');
  } catch (error) {
    if (isGone(error)) return fallback();
    throw error;
  }
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
  /** The 404 page when the site has no `404.html`. */
  notFoundPage: () => string;
  /** What the 404 page, the site's or `notFoundPage`, becomes before it is sent (the dev server adds its live-reload script). */
  filter?: (page: string) => string;
}

/**
 * The built archive as a web site: `/x` answered by `x`, `x.html` or
 * `x/index.html`, content types, ETag and Last-Modified with 304s, ranges
 * (file-response.ts). Around it: `/issues/3` redirects to `/issues/3/` (so
 * the page's relative links work), the site's `404.html` answers what is
 * not there, and no request reaches outside `root` (`isUnsafePath`;
 * symbolic links that leave it are not in the map, nor followed when put
 * there since: `liesInside`). Text files go out
 * compressed to clients that accept Brotli or gzip (compression.ts).
 * The map of the site (which files there are, not their sizes: each
 * request measures the file it sends) is made when this is called: call it
 * again after a build. Throws what mapping the site throws (see `walk`).
 */
export function staticSite(root: string, options: StaticSiteOptions): SiteHandler {
  const map = walk(root);
  const filter = options.filter ?? ((page: string) => page);
  if (map === undefined) {
    // No site yet: the server says so on start, and serves the first build once it is written.
    const missing = async (_req: IncomingMessage, res: ServerResponse) => sendNotFound(res, filter(options.notFoundPage()));
    return Object.assign(missing, { serves: () => false });
  }
  const notFound = filter(notFoundPageOf(root, options.notFoundPage));
  const compressed = new CompressedFiles();
  const handler = async (req: IncomingMessage, res: ServerResponse, { raw, decoded, query }: SitePath) => {
    if (!decoded.endsWith('/') && map.folders.has(decoded)) return redirectToFolder(res, raw, query);
    const file = fileAt(map.files, decoded);
    // Not in the map, removed by a rebuild since it was made, or now behind a link out of the site.
    if (file === undefined || !(await sendMapped(req, res, root, file, compressed))) sendNotFound(res, notFound);
  };
  return Object.assign(handler, { serves: (decoded: string) => map.folders.has(decoded) || fileAt(map.files, decoded) !== undefined });
}

/**
 * The longest a request waits for the site's folder to be back, in ms, and
 * how often it looks. A build that replaces the site whole (a new issue, a
 * changed setting: archive/site-commit.ts `swap`) renames the folder away,
 * then the new one in: for that moment no file of the site is there, and a
 * request arriving in it was answered 404 for a page both sites have (once
 * in some 14,000 requests during rebuilds, in an audit). The two renames
 * are back to back: a second covers a build process paused by a busy
 * machine; a folder gone longer than that was removed, and its pages are
 * not found.
 */
const SWAP_WAIT_MS = 1_000;
const SWAP_POLL_MS = 5;

/**
 * Sends `file` of the map (`sendFile`), if it is still there and inside
 * `root`; false when not. When the site's folder itself is missing at that
 * moment (a build swapping a new one in), the file is looked for again once
 * the folder is back, up to SWAP_WAIT_MS later. Other requests are answered
 * meanwhile.
 */
async function sendMapped(req: IncomingMessage, res: ServerResponse, root: string, file: string, compressed: CompressedFiles): Promise<boolean> {
  const send = () => liesInside(root, file) && sendFile(req, res, file, compressed);
  if (send()) return true;
  const deadline = Date.now() + SWAP_WAIT_MS;
  while (!existsSync(root)) {
    if (Date.now() >= deadline) return false;
    await delay(SWAP_POLL_MS);
  }
  return send();
}

/**
 * Whether `file` still leads to a place under `root` (both resolved now:
 * `root` may be a link that a deploy points elsewhere). The map checked
 * its links when it was made; one put in the site since (the file itself,
 * or a folder on its way, made a link to `/etc`) is not followed out. One
 * `realpath` call each (the system's), some microseconds a request.
 */
function liesInside(root: string, file: string): boolean {
  try {
    return realpathSync.native(file).startsWith(realpathSync.native(root) + sep);
  } catch {
    return false;
  }
}

/**
 * Answers 301 to the folder a path names without its slash (`/issues/3` →
 * `3/`), the query kept. The location is relative to where the browser is:
 * the site may be mounted under a path of baseUrl.
 */
export function redirectToFolder(res: ServerResponse, raw: string, query: string): void {
  const last = raw.slice(raw.lastIndexOf('/') + 1);
  res.writeHead(301, { Location: `${last}/${query}` }).end();
}

/**
 * The file a path is answered with: itself, `path.html`, or
 * `path/index.html`; for a path ending in `/`, only its folder's
 * `index.html`. A file's name with a slash after it (`/papers.csv/`) is not
 * found, as a static host (nginx, Apache, GitHub Pages) answers it: served,
 * the page's relative links would resolve one folder too deep, and a link
 * broken there would look fine here.
 */
function fileAt(files: ReadonlyMap<string, string>, path: string): string | undefined {
  if (path.endsWith('/')) return files.get(`${path}index.html`);
  return files.get(path) ?? files.get(`${path}.html`) ?? files.get(`${path}/index.html`);
}

/** Answers 404 with the site's not-found page. */
export function sendNotFound(res: ServerResponse, page: string): void {
  res.writeHead(404, { 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': Buffer.byteLength(page), 'Cache-Control': 'no-cache', ...ARCHIVE_SAFETY }).end(page);
}
