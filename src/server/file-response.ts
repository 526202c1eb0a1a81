import { closeSync, createReadStream, fstatSync, openSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { parseRange, rangeApplies, type RangeAnswer } from './byte-ranges.js';
import type { CompressedFiles } from './compression.js';
import { contentType } from './content-types.js';
import { HttpError, saying } from './request-body.js';
import { lastModifiedOf, preconditionAnswer } from './preconditions.js';

/**
 * Headers of every answer of the archive (its files and its 404 page), none
 * of which can change how a page the build wrote works (RFC 9110 §15.4.5
 * keeps them off a 304):
 * - `X-Content-Type-Options: nosniff`: a file is what its Content-Type says.
 *   A file of a kind the server has no type for (from `staticDir`) went
 *   out without one, and a browser sniffing HTML in it ran it as a page of
 *   the site; a script or stylesheet is run only with its own type.
 * - `Referrer-Policy: strict-origin-when-cross-origin`: a link to a paper
 *   tells its site the archive's origin alone, never the page and its
 *   query (the papers page keeps a reader's search there), whatever a
 *   browser's own default.
 * No Content-Security-Policy: the built-in pages would pass a strict one
 * (their scripts are the site's own files, no inline script or style), but
 * a newsletter's own layout may load an analytics or font service, which
 * a policy written here would block without a word.
 */
export const ARCHIVE_SAFETY = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' } as const;

/**
 * Answers a GET or HEAD with the file at `abs` as it is now: content type,
 * a weak ETag and Last-Modified (a 304 when the client has this version,
 * a 412 when a condition it set fails: preconditions.ts),
 * `Cache-Control` that revalidates every time (a rebuilt archive is seen at
 * once), a byte range when one is asked for (byte-ranges.ts), else the
 * whole file, compressed when the client takes it (compression.ts).
 *
 * The file is opened first and measured through what was opened: the
 * length sent and the bytes read are of one version of it, however a build
 * renames another into its place meanwhile. (sirv, which served the site
 * before, sent the size its map noted at startup, cutting a rebuilt page
 * short or leaving the client waiting for bytes that never came, and a file
 * a rebuild had removed made its read stream throw outside any handler,
 * ending the process.)
 *
 * Returns false, having sent nothing, when there is no file at `abs` any
 * more: the caller answers 404. Throws HttpError 503 (Retry-After) when the
 * process may open no more files (`outOfFiles`): the page is there, and
 * answering 404 told readers, crawlers and caches that it was not.
 */
export function sendFile(req: IncomingMessage, res: ServerResponse, abs: string, compressed: CompressedFiles): boolean {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch (error) {
    if (outOfFiles(error)) throw busy(error);
    return false;
  }
  let streaming = false;
  try {
    const stats = fstatSync(fd);
    // A folder put where the file was.
    if (!stats.isFile()) return false;
    const file = { abs, size: stats.size, mtimeMs: stats.mtimeMs };
    const modified = lastModifiedOf(stats.mtimeMs);
    const lastModified = new Date(modified).toUTCString();
    const range: RangeAnswer = rangeApplies(req.headers['if-range'] as string | undefined, lastModified) ? parseRange(req.headers.range, stats.size) : { kind: 'whole' };
    const encoding = range.kind === 'whole' ? compressed.encodingFor(req, file) : undefined;
    // One ETag per representation (RFC 9110 §8.8.3): a compressed body is not the file's.
    const etag = `W/"${stats.size}-${Math.trunc(stats.mtimeMs)}${encoding ? `-${encoding}` : ''}"`;
    const type = contentType(abs);
    const headers = {
      // Unknown: no type rather than an empty one, and the browser decides.
      ...(type ? { 'Content-Type': type } : {}),
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
      ETag: etag,
      'Last-Modified': lastModified,
      'Cache-Control': 'public,max-age=0,must-revalidate',
      // Text may go out compressed to others: caches keep one answer per encoding.
      Vary: 'Accept-Encoding',
      // A compressed body is not the file whose bytes a range counts.
      ...(encoding ? {} : { 'Accept-Ranges': 'bytes' }),
      ...ARCHIVE_SAFETY,
    };
    // The conditions before Range (RFC 9110 §13.2.2): a client that has this version gets none of it again.
    const condition = preconditionAnswer(req.headers, { etag, lastModified: modified });
    if (condition === 'failed') {
      res.writeHead(412, { 'Content-Length': 0, 'Cache-Control': 'no-store', ...ARCHIVE_SAFETY }).end();
      return true;
    }
    if (condition === 'not-modified') {
      // Only what RFC 9110 §15.4.5 asks of a 304 (Date aside, which Node adds): no metadata of a body that is not sent.
      res.writeHead(304, { ETag: etag, 'Cache-Control': headers['Cache-Control'], Vary: headers.Vary }).end();
      return true;
    }
    if (encoding) {
      // A compression that fails (no memory): the response ends there, nothing else to answer.
      compressed.body(file, encoding, () => readFileSync(fd)).then(
        (body) => res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(req.method === 'HEAD' ? undefined : body),
        () => res.destroy(),
      );
      return true;
    }
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stats.size}`, 'Content-Length': 0 }).end();
      return true;
    }
    const { start, end } = range.kind === 'part' ? range : { start: 0, end: stats.size - 1 };
    const partial = range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${stats.size}` } : {};
    res.writeHead(range.kind === 'part' ? 206 : 200, { ...headers, ...partial, 'Content-Length': end - start + 1 });
    // An empty file has no byte to read.
    if (req.method === 'HEAD' || end < start) {
      res.end();
      return true;
    }
    // Up to the length announced, from the file opened above. A read that fails, or a client gone early, ends the response there: nothing is left to answer.
    pipeline(createReadStream(abs, { fd, start, end }), res, () => undefined);
    streaming = true;
    return true;
  } finally {
    // The read stream closes the file once it is done with it.
    if (!streaming) closeSync(fd);
  }
}

/** Seconds a client is asked to wait when the server could not open a file for want of descriptors. */
const BUSY_RETRY_AFTER_S = 5;

/**
 * Whether an error says the process (EMFILE) or the system (ENFILE) has no
 * file descriptor left: a flood of connections holds them (each is one),
 * not a file that is missing.
 */
function outOfFiles(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}

/** The 503 of a file that could not be opened for want of descriptors, its cause for stderr. */
function busy(error: unknown): HttpError {
  return new HttpError(503, saying('siteBusy'), {
    headers: { 'Retry-After': String(BUSY_RETRY_AFTER_S) },
    detail: `cannot open a file of the site: ${(error as NodeJS.ErrnoException).code} (no file descriptor left: too many connections at once, or the limit of open files, ulimit -n, too low)`,
  });
}
