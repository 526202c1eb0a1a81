import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { contentType, isTextType } from './content-types.js';

/** A file of the site as it was opened: its path, size in bytes and modification time in ms. */
export interface SiteFile {
  abs: string;
  size: number;
  mtimeMs: number;
}

/** A content coding the server compresses with (RFC 9110 §8.4.1). */
export type Encoding = 'br' | 'gzip';

/** Smaller files gain less than the header costs (the figure Cloudflare and nginx's gzip_min_length use, roughly). */
const MIN_BYTES = 1024;
/** Compressed bodies kept in memory, in bytes: the pages readers open again and again. */
const CACHE_BYTES = 64 * 1024 * 1024;
/**
 * Larger files go out as they are (with byte ranges, for a resumed
 * download): a 116 MB CSV of staticDir took 12 s of Brotli, and its body
 * would not stay in the cache, so every request compressed it again.
 */
const MAX_SOURCE_BYTES = 32 * 1024 * 1024;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/** Which encoding the client takes, preferring Brotli (smaller HTML by 15–20%). `q=0` refuses one. */
function negotiate(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const accepted = new Map(
    header.split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)/.exec(param)?.[1]).find((value) => value !== undefined);
      return [name!, q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const takes = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

/**
 * Compression of the archive's text files on the fly (the build writes no
 * `.br`/`.gz` files beside them: compressing a thousand pages would double
 * a build's time for pages most readers never open). Each file is
 * compressed once per version and kept, up to CACHE_BYTES, oldest dropped
 * first. Brotli at quality 5, gzip at level 6: what servers use for dynamic
 * content (quality 11 takes ~50 × longer for a few percent).
 */
export class CompressedFiles {
  private readonly cache = new Map<string, Buffer>();
  private bytes = 0;

  /**
   * The encoding to answer the request with (Brotli or gzip), when the
   * client accepts one and the file is text of at least MIN_BYTES; else
   * undefined, and the file goes out as it is. Not for a range, which is a
   * range of the file itself.
   */
  encodingFor(req: IncomingMessage, file: SiteFile): Encoding | undefined {
    // The cheapest refusals first: most requests of a load test, and of feed readers, accept no encoding.
    const encoding = negotiate(req.headers['accept-encoding'] as string | undefined);
    if (!encoding || file.size < MIN_BYTES || file.size > MAX_SOURCE_BYTES) return undefined;
    return isTextType(contentType(file.abs)) ? encoding : undefined;
  }

  /** Compressions under way, by key: readers of one file meanwhile wait for one. */
  private readonly pending = new Map<string, Promise<Buffer>>();

  /**
   * The file compressed with `encoding`; `read` gives the bytes of the
   * version `file` measures (file-response.ts reads the file it opened),
   * called at once when they are needed. Compressed on libuv's threads, not
   * the event loop: a large file held up every other request while it was
   * compressed (seconds for some megabytes).
   */
  body(file: SiteFile, encoding: Encoding, read: () => Buffer): Promise<Buffer> {
    const key = `${encoding}:${file.abs}:${file.size}:${file.mtimeMs}`;
    const known = this.cache.get(key);
    if (known) {
      // Most recently used last: what eviction keeps.
      this.cache.delete(key);
      this.cache.set(key, known);
      return Promise.resolve(known);
    }
    const under = this.pending.get(key);
    if (under) return under;
    const raw = read();
    const compressing = (
      encoding === 'br' ? compressBrotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : compressGzip(raw, { level: 6 })
    ).then((body) => {
      this.keep(key, body);
      return body;
    });
    this.pending.set(key, compressing);
    void compressing.finally(() => this.pending.delete(key)).catch(() => undefined);
    return compressing;
  }

  /** Keeps `body` under `key`, dropping the least recently used past CACHE_BYTES. */
  private keep(key: string, body: Buffer): void {
    this.cache.set(key, body);
    this.bytes += body.length;
    for (const [oldest, value] of this.cache) {
      if (this.bytes <= CACHE_BYTES) break;
      this.cache.delete(oldest);
      this.bytes -= value.length;
    }
  }
}
