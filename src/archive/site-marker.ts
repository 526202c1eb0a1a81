import { statSync } from 'node:fs';
import { readRegularFile, readRegularFileHead } from '../regular-file.js';
import { join } from 'node:path';
import { sha256 } from '../sha256.js';
import type { PartIndex } from './splice.js';

/**
 * The marker of a built site (`.paperboy-site` in the output folder): what
 * makes a folder one a build may replace (site-writer.ts), and what the
 * next build reads of this one: the key of its inputs, what made it, each
 * file's key and where the data files' parts lie. Its text:
 *
 *     Written by `paperboy build`; the next build replaces this folder.
 *     key <site key>
 *     maker <paperboy and library versions>
 *     shape <site shape>                     (see site-plan.ts `siteShape`)
 *     file <key> <size> <path>               (one per file, sorted; its size in bytes as written, `-` when unknown)
 *     part <key> <offset> <length> <path>    (one per part of a spliced file)
 *     output <page hash> <number>            (one per issue: `IssueSummary.pageHash`, in number order)
 *     end <sha256 of every line above>       (the last line: see `intactText`)
 */

/** Marks a folder as a build's output. */
export const SITE_MARKER = '.paperboy-site';

/**
 * The key of a file written into a built site by another command, as
 * `paperboy start` once wrote its email files (it writes them under
 * `dataDir` now): no file's key (those are hex digests), so the next build
 * writes the file again, or removes it. Sites marked so are still read.
 */
export const FOREIGN_KEY = '-';

/**
 * The key a site was built from (see `writeSite`), or undefined when
 * `outDir` holds no complete build. Read from the marker's first
 * `MARKER_HEAD` bytes: `markerText` writes the key on its second line,
 * before a line per file (1.7 MB on the 1,000-issue bench site, 65 ms to
 * read and parse whole with `readMarker`). A build with nothing to do reads
 * it whole too, but only for the files' paths and sizes (`filesNotAsBuilt`).
 */
export function builtKey(outDir: string): string | undefined {
  // Without blocking, and only a regular file: a named pipe in the marker's place kept every build waiting for a writer.
  const head = readRegularFileHead(join(outDir, SITE_MARKER), MARKER_HEAD);
  return head === undefined ? undefined : KEY_LINE.exec(head)?.[1];
}

/** Bytes of a marker that hold its key line (the first line is ~70, the key line 37). */
const MARKER_HEAD = 512;

/** The key line; its newline is required, so a line cut short (a marker's head, `builtKey`) is no key. */
const KEY_LINE = /^key (\S+)\n/m;

/**
 * The files the marker of the site in `outDir` lists that are not as the
 * build wrote them (`filesNotAsWritten`: deleted, cut short or otherwise
 * changed in size since, by hand or by a deploy tool), as paths relative to
 * `outDir`: none when it has no marker. A build whose key is the site's is
 * up to date only when this is empty (build.ts), and a rebuild writes them
 * again (site-writer.ts `openSite` forgets their keys). On the 1,000-issue
 * bench site (13,927 files, a 2.4 MB marker read whole and scanned by
 * line) checking only that each file was there (`existsSync`) took
 * 70–200 ms here, a `stat` per file 250–350 ms; a build with nothing to do
 * takes ~0.4 s. On a 200-issue corpus (3,439 files; two cores under a load
 * of 15) the best of 15 runs was 15 ms with `existsSync`, 27 ms with a
 * `stat` and 30 ms for the whole of this, the medians 40–44 ms each.
 */
export function filesNotAsBuilt(outDir: string): string[] {
  const text = markerOnDisk(outDir);
  if (text === undefined) return [];
  const body = intactText(text);
  // A marker cut short or edited is itself not as built: what it lists, and the key it shows, are not the site's.
  if (body === undefined) return [SITE_MARKER];
  // Only the paths and sizes: a Map of every file's key, as `readMarker` makes, would cost a build with nothing to do ~15–30 ms more.
  const files: [string, number | undefined][] = [];
  eachLine(body, (line) => {
    const file = line.startsWith('file ') ? fileFields(line) : undefined;
    if (file) files.push([file.path, sizeOf(file.size)]);
  });
  return filesNotAsWritten(outDir, files);
}

/**
 * The lines of a marker above its `end` line when that line holds their
 * SHA-256, else undefined: a marker cut short (a full disk, a copy stopped
 * half way) or edited by hand. Read as it was, a cut-short marker lists
 * only some of the site's files, so the files of an issue unpublished
 * since stayed public, and one whose parts' offsets were edited spliced
 * broken data files (`papers.json`); read as none, the next build writes
 * the site whole, as for a marker emptied. A marker of a build before the
 * `end` line is read so too, once. Hashing the 2.4 MB marker of the
 * 1,000-issue bench site takes a few milliseconds.
 */
function intactText(text: string): string | undefined {
  const last = text.lastIndexOf('\nend ', text.length - 2) + 1;
  if (last === 0) return undefined;
  const body = text.slice(0, last);
  return text.slice(last) === `end ${sha256(body)}\n` ? body : undefined;
}

/**
 * The paths of `files` (relative to `outDir`, each with its size in bytes
 * as written, undefined when unknown: a file another command wrote) that
 * are not there, not a file, or not of that size: `filesNotAsBuilt`, from
 * a marker already read. The size, from one `stat`, and not a hash of the
 * bytes: hashing would read the whole site (hundreds of megabytes on a big
 * archive) on every build, one with nothing to do too, where a `stat`
 * reads nothing. What a size misses is an edit that keeps it (a letter
 * replaced by another); what it catches is what goes wrong on its own: a
 * file emptied (`: > index.html`), cut short by a full disk or a copy
 * stopped half way, or replaced by another.
 */
export function filesNotAsWritten(outDir: string, files: Iterable<readonly [string, number | undefined]>): string[] {
  const changed: string[] = [];
  // By index, not destructured (as below): run once, before V8 compiles it, a destructuring goes through the array's iterator.
  for (const file of files) {
    if (!isFileOfSize(join(outDir, file[0]), file[1])) changed.push(file[0]);
  }
  return changed;
}

/**
 * Whether `file` is a file of `size` bytes (any size when undefined). One
 * that cannot be looked at (a link in a loop, ELOOP; a file where a folder
 * was, ENOTDIR) is not as written either: written again, never a crash.
 */
function isFileOfSize(file: string, size: number | undefined): boolean {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats !== undefined && stats.isFile() && (size === undefined || stats.size === size);
  } catch {
    return false;
  }
}

/** A marker's size field: bytes, or undefined for `-` (or anything else: the file is then only checked to be there). */
function sizeOf(field: string): number | undefined {
  return /^\d+$/.test(field) ? Number(field) : undefined;
}

/** What a site's marker says: the key of the site's inputs and its maker (see `SiteKeys`), each file's key by path, where each data file's parts lie, and each issue's output hash. */
export interface Marker {
  key: string | undefined;
  maker: string | undefined;
  shape: string | undefined;
  files: Map<string, string>;
  /** Each file's size in bytes as the build wrote it, by path; none for a file another command wrote (`FOREIGN_KEY`). */
  sizes: Map<string, number>;
  parts: Map<string, PartIndex>;
  /** The hash of each issue's output the site shows (`IssueSummary.pageHash`), by number: whether it changed since, for the next build's plan (site-plan.ts). */
  outputs: Map<number, string>;
}

/** The marker's text, or undefined when there is none that is a regular file that can be read (a named pipe there is none: read, it would wait for a writer). */
function markerOnDisk(outDir: string): string | undefined {
  return readRegularFile(join(outDir, SITE_MARKER))?.toString('utf8');
}

/**
 * The marker of the site in `outDir`, or undefined when it has none (a
 * folder no build made). Read in one pass over its lines, split at `\n`
 * alone, as `markerText` writes them: a path may hold any other character
 * (a static file named with U+2028 or U+2029, which a `^…$`/`.` pattern
 * takes for a line's end, was read cut short and written again by every
 * rebuild).
 */
export function readMarker(outDir: string): Marker | undefined {
  const read = markerOnDisk(outDir);
  // Still a build's folder, of which nothing is known: written whole.
  return read === undefined ? undefined : markerOf(intactText(read) ?? '');
}

/** What the lines of a marker's text (above its `end` line) say. */
function markerOf(text: string): Marker {
  const marker: Marker = { key: undefined, maker: undefined, shape: undefined, files: new Map(), sizes: new Map(), parts: new Map(), outputs: new Map() };
  eachLine(text, (line) => readLine(marker, line));
  return marker;
}

/** Calls `read` with each line of `text`, split at `\n` alone. */
function eachLine(text: string, read: (line: string) => void): void {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    read(text.slice(start, end === -1 ? text.length : end));
    start = end === -1 ? text.length : end + 1;
  }
}

/** The fields of a `file <key> <size> <path>` line, or undefined when one is missing. */
function fileFields(line: string): { key: string; size: string; path: string } | undefined {
  const found = fields(line.slice('file '.length), 3);
  return found[2] === undefined ? undefined : { key: found[0]!, size: found[1]!, path: found[2] };
}

/** Adds what one line of a marker's text says to `marker` (the first `key`, `maker` and `shape` line counts; a line of no known shape says nothing). */
function readLine(marker: Marker, line: string): void {
  // By the line's first word, the most frequent first (parts, files), without cutting it out: ~36,000 lines on the bench site.
  if (line.startsWith('part ')) {
    const found = fields(line.slice('part '.length), 4);
    const path = found[3];
    if (path === undefined || !DIGITS.test(found[1]!) || !DIGITS.test(found[2]!)) return;
    let index = marker.parts.get(path);
    if (index === undefined) marker.parts.set(path, (index = new Map<string, readonly [number, number]>()));
    index.set(found[0]!, [Number(found[1]), Number(found[2])]);
    return;
  }
  if (line.startsWith('file ')) {
    const file = fileFields(line);
    if (file === undefined) return;
    marker.files.set(file.path, file.key);
    const bytes = sizeOf(file.size);
    if (bytes !== undefined) marker.sizes.set(file.path, bytes);
    return;
  }
  const space = line.indexOf(' ');
  const rest = line.slice(space + 1);
  switch (space === -1 ? '' : line.slice(0, space)) {
    case 'output': {
      const found = fields(rest, 2);
      if (found[1] !== undefined && DIGITS.test(found[1])) marker.outputs.set(Number(found[1]), found[0]!);
      return;
    }
    case 'key':
      if (rest !== '' && !rest.includes(' ')) marker.key ??= rest;
      return;
    case 'maker':
      if (rest !== '') marker.maker ??= rest;
      return;
    case 'shape':
      if (rest !== '' && !rest.includes(' ')) marker.shape ??= rest;
  }
}

const DIGITS = /^\d+$/;

/** The `count` space-separated fields of `rest`, the last one the rest of the line (a path, which may hold spaces); fewer when a field is empty or missing. */
function fields(rest: string, count: number): string[] {
  const found: string[] = [];
  let at = 0;
  for (let i = 1; i < count; i++) {
    const space = rest.indexOf(' ', at);
    if (space <= at) return found;
    found.push(rest.slice(at, space));
    at = space + 1;
  }
  if (at < rest.length) found.push(rest.slice(at));
  return found;
}

/**
 * A marker's text (`readMarker` reads it back): files and parts sorted by
 * path, so the same site gives the same bytes. Through `forEach` and
 * indices, not destructuring: run once per build, before V8 compiles it,
 * destructuring `[offset, length]` went through the array's iterator for
 * each of the bench site's ~21,000 parts (37–48 ms against 13–16 ms, in
 * a process of its own).
 */
export function markerText(marker: Marker): string {
  const lines: string[] = [];
  marker.files.forEach((key, path) => {
    lines.push(`file ${key} ${marker.sizes.get(path) ?? '-'} ${path}\n`);
  });
  lines.sort();
  for (const path of [...marker.parts.keys()].sort()) {
    marker.parts.get(path)!.forEach((range, partKey) => {
      lines.push(`part ${partKey} ${range[0]} ${range[1]} ${path}\n`);
    });
  }
  for (const number of [...marker.outputs.keys()].sort((a, b) => a - b)) lines.push(`output ${marker.outputs.get(number)!} ${number}\n`);
  const head = [marker.key && `key ${marker.key}\n`, marker.maker && `maker ${marker.maker}\n`, marker.shape && `shape ${marker.shape}\n`].filter(Boolean).join('');
  const body = `Written by \`paperboy build\`; the next build replaces this folder.\n${head}${lines.join('')}`;
  return `${body}end ${sha256(body)}\n`;
}
