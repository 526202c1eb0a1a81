/**
 * What a request's Range header asks of a file of `size` bytes (RFC 9110
 * §14): the whole file (no Range, or one to ignore), one part of it (first
 * and last byte, inclusive), or nothing it has (416).
 */
export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const WHOLE: RangeAnswer = { kind: 'whole' };

/**
 * Reads a Range header for a file of `size` bytes:
 * - no header, a unit other than `bytes` (`items=0-5`), or a range set that
 *   is not valid (`bytes=abc`, `bytes=5-1`: a last byte before the first):
 *   the header is ignored, the whole file is the answer (§14.2: "a server
 *   MAY ignore the Range header field");
 * - a valid set of which nothing lies in the file (`bytes=99999-` on a
 *   smaller file, `bytes=-0`): unsatisfiable, answered 416 with the size.
 *   Ignoring it is permitted too, but a download resumed from a file it
 *   already has whole (`curl -C -`) learns from a 416 that nothing is left,
 *   where a 200 would send it all again;
 * - one range that lies in the file: that part, its end cut to the file's
 *   (`bytes=-5` is the last five bytes);
 * - several that do: the whole file. A multipart/byteranges answer is for
 *   clients no reader of an archive is, and the RFC lets a server ignore
 *   the header. *
 * Parsed here, not by range-parser (Express's `send` parser): it answers
 * "unsatisfiable" for a suffix longer than the file (`bytes=-100` of 26
 * bytes), which §14.1.3 makes the whole file, and keeps the valid half of
 * `bytes=0-4,9-2`, a set §14.1.1 makes invalid whole.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return WHOLE;
  const equals = header.indexOf('=');
  // Range units are case-insensitive (§14.1).
  if (equals === -1 || header.slice(0, equals).trim().toLowerCase() !== 'bytes') return WHOLE;
  // Empty list elements are allowed and ignored (§5.6.1.2), but one range at least is needed.
  const specs = header
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  const parts: { start: number; end: number }[] = [];
  for (const spec of specs) {
    const range = /^(\d+)-(\d*)$/.exec(spec);
    const suffix = /^-(\d+)$/.exec(spec);
    if (range) {
      const first = Number(range[1]);
      const last = range[2] === '' ? Infinity : Number(range[2]);
      if (last < first) return WHOLE;
      if (first < size) parts.push({ start: first, end: Math.min(last, size - 1) });
    } else if (suffix) {
      const length = Number(suffix[1]);
      if (length > 0 && size > 0) parts.push({ start: Math.max(0, size - length), end: size - 1 });
      // An empty file: a suffix is satisfiable (§14.1.3) but has no byte to send; the whole (empty) file answers it.
      else if (length > 0) return WHOLE;
    } else {
      return WHOLE;
    }
  }
  if (specs.length === 0) return WHOLE;
  if (parts.length === 0) return { kind: 'unsatisfiable' };
  return parts.length === 1 ? { kind: 'part', ...parts[0]! } : WHOLE;
}

/**
 * Whether a Range applies given the request's If-Range (§13.1.5): when it
 * names the file's current version, or is absent. Our entity tags are weak
 * (`W/"…"`) and If-Range compares strongly, so only the Last-Modified date
 * can match: a download resumed across a rebuild that changed the file
 * gets the new file whole rather than the end of it spliced onto the start
 * of the old one.
 */
export function rangeApplies(ifRange: string | undefined, lastModified: string): boolean {
  return ifRange === undefined || ifRange.trim() === lastModified;
}
