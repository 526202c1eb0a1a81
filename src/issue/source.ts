import { isUtf8 } from 'node:buffer';
import type { Stats } from 'node:fs';
import { FILE_CHANGED, PaperboyError } from '../errors.js';
import { fileReadProblem, specialFileKind, type FileProblem } from '../file-problem.js';
import { MAX_FILE_BYTES } from './limits.js';
import { sha256 } from '../sha256.js';
import { readFileAtMost } from '../regular-file.js';

/**
 * One issue file as read from disk, normalized so that every later stage sees
 * the same text whatever the editor saved: a UTF-8 BOM is dropped and CRLF
 * (or a lone CR) becomes LF (a CRLF file must lint exactly like its LF twin).
 * The text as written is kept so `--fix` changes only the bytes it fixes.
 */
export interface IssueSource {
  path: string;
  /** The normalized text (no BOM, LF line endings). */
  text: string;
  /** The text with its line endings as on disk (no BOM); the same string as `text` when it has no CR. */
  written: string;
  /** sha256 of the bytes on disk: the key of every per-file cache. */
  hash: string;
  bom: boolean;
  /** The line ending of most lines: the one a fix that adds a line writes. */
  eol: '\n' | '\r\n';
  /** Why the file could not be read as text; `text` is then empty. */
  unreadable?: SourceProblem;
  /**
   * Drops the text decoded from the file: asked for again, it is read again
   * from disk, and throws FILE_CHANGED (exit 1) if the bytes are no longer
   * those `hash` names. For a build, which holds every issue's source and
   * needs each text once: the texts of 1,000 issues are 34 MB of strings
   * (a 17 KB file of UTF-8 with a few non-ASCII characters is a 34 KB
   * two-byte string), which each of its processes otherwise kept to its end.
   */
  release?(): void;
}

interface SourceProblem {
  /** `limit`: larger than `MAX_FILE_BYTES`; `io`: not a regular file, or unreadable. */
  kind: 'encoding' | 'binary' | 'io' | 'limit';
  message: string;
  /** Set when the path is no regular file (a folder, a named pipe, a device): not an issue file, whatever its name (`new` gives its name's number). */
  notAFile?: true;
  /** Of an `io` problem: its cause in words and what to do, for a message that names the file its own way (workspace.ts). */
  cause?: FileProblem;
  /** Offset into the raw bytes where the problem was found. */
  byteOffset?: number;
  line?: number;
  column?: number;
}

/**
 * Reads an issue file: only a regular file (a symlink to one is followed),
 * and never more than `MAX_FILE_BYTES`, so a FIFO, a device such as
 * `/dev/zero` or a huge file is reported (`unreadable`) instead of read
 * without end. The file is opened without blocking and checked through its
 * descriptor, so it cannot be swapped between the check and the read.
 *
 * The reads are synchronous: a regular file of at most 10 MB is read in
 * milliseconds, and five round trips through libuv's thread pool per file
 * (open, stat, two reads, close) made reading 1,000 issues take 0.5 s here
 * instead of 0.05 s. The promise stays, so callers need not change if this
 * ever has to read from somewhere slow.
 */
export async function readIssueSource(path: string): Promise<IssueSource> {
  return readIssueSourceNow(path);
}

/** `readIssueSource`, without the promise. */
function readIssueSourceNow(path: string): IssueSource {
  let bytes: Buffer;
  try {
    const read = readFileAtMost(path, MAX_FILE_BYTES);
    const refusal = refusalOf(path, read.info);
    if (refusal) return unreadable(path, '', refusal);
    bytes = read.bytes!;
  } catch (error) {
    const cause = fileReadProblem(error, path);
    return unreadable(path, '', { kind: 'io', message: `Cannot read the file: ${cause.reason}`, cause });
  }
  // A file that grew past the limit after it was measured.
  if (bytes.length > MAX_FILE_BYTES) return unreadable(path, '', tooLarge(undefined));
  return decodeIssueSource(path, bytes);
}

/**
 * Why a file that `stat` describes is not read: too large, or not a
 * regular file (a named pipe would keep the read waiting for a writer).
 */
function refusalOf(path: string, info: Stats): SourceProblem | undefined {
  if (info.isFile()) return info.size > MAX_FILE_BYTES ? tooLarge(info.size) : undefined;
  const message = (kind: string) => `Unexpected ${kind} \`${path}\`, expected an issue file (a regular file)`;
  if (info.isDirectory()) {
    return {
      kind: 'io',
      notAFile: true,
      message: message('directory'),
      cause: { reason: 'a folder, not a file', fix: folderFix(path) },
    };
  }
  const kind = specialFileKind(info);
  return {
    kind: 'io',
    notAFile: true,
    message: message(kind),
    cause: { reason: `a ${kind}, not a regular file`, fix: `Save the issue as a regular file in its place: paperboy does not read from a ${kind}, which could keep it waiting.` },
  };
}

/**
 * What to do about a folder read as an issue: one named `….md` in the
 * issues folder is taken for an issue (every `.md` there is), so renaming
 * it helps; any other folder was named on the command line, and renaming
 * it would change nothing.
 */
function folderFix(path: string): string {
  return path.endsWith('.md')
    ? 'Name the issue file, or rename the folder so its name does not end in `.md` (every `.md` in the issues folder is read as an issue).'
    : 'Name an issue file (or pass the issue\'s number), not a folder.';
}

/** `size`: bytes, when known (a file that grew while read is only known to be too large). */
function tooLarge(size: number | undefined): SourceProblem {
  const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  const found = size === undefined ? `over ${megabytes(MAX_FILE_BYTES)}` : `of ${megabytes(size)}`;
  return { kind: 'limit', message: `Unexpected file ${found}, expected at most ${megabytes(MAX_FILE_BYTES)} (paperboy's limit for an issue): split the issue or shorten it` };
}

export function decodeIssueSource(path: string, bytes: Uint8Array): IssueSource {
  const hash = sha256(bytes);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return unreadable(path, hash, {
      kind: 'binary',
      message: 'Unexpected binary content (a NUL byte), expected a UTF-8 text file',
      byteOffset: nul,
      ...linePosition(bytes, nul),
    });
  }
  // isUtf8 checks at several times TextDecoder's fatal mode's speed (~200 MB/s here).
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    return unreadable(path, hash, {
      kind: 'encoding',
      message: 'Unexpected invalid UTF-8 byte sequence, expected a UTF-8 text file',
      byteOffset: at,
      ...linePosition(bytes, at),
    });
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  // CR and LF are single bytes in UTF-8, never part of another character: counted on the bytes.
  const crlf = buffer.includes(CR) ? count(buffer, '\r\n') : 0;
  const eol = crlf > 0 && crlf > count(buffer, '\n') - crlf ? '\r\n' : '\n';
  return lazilyDecoded(path, hash, bom, eol, buffer);
}

const CR = 0x0d;

function count(buffer: Buffer, needle: string): number {
  let found = 0;
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + needle.length)) found++;
  return found;
}

/**
 * A source whose text is decoded from `bytes` (valid UTF-8) when first read.
 * Most runs read a thousand files for their hashes and need the text of a
 * few (the facts of the others come from the facts cache): Node 20 decodes
 * non-ASCII UTF-8 at ~100 MB/s, and the strings, kept with their files,
 * were collected again and again. Decoding them all was ~85 ms of a
 * one-edit build of 1,000 issues, with ~170 ms of garbage collection in a
 * build with nothing to do.
 */
function lazilyDecoded(path: string, hash: string, bom: boolean, eol: IssueSource['eol'], bytes: Buffer | undefined): IssueSource {
  let written: string | undefined;
  let text: string | undefined;
  // Once released: the file read again, checked against `hash`, when its text is asked for.
  let reread: IssueSource | undefined;
  const decodeWritten = () => {
    if (written === undefined) {
      written = bytes!.toString('utf8', bom ? 3 : 0);
      bytes = undefined;
    }
    return written;
  };
  return {
    path,
    hash,
    bom,
    eol,
    get written() {
      return reread ? reread.written : decodeWritten();
    },
    get text() {
      if (reread) return reread.text;
      if (text === undefined) {
        const raw = decodeWritten();
        text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
      }
      return text;
    },
    release() {
      if (reread) return reread.release!();
      written = text = bytes = undefined;
      reread = knownIssueSource(path, hash, () => undefined);
    },
  };
}

/**
 * The source of a file whose hash is known without reading it (stored with
 * the file's identity, known-hashes.ts) and whose bytes are text: nothing
 * is read until the text, the BOM or the line ending is asked for (a build
 * after one edit needs the text of that file alone; the facts of the others
 * are cached by their hash). Throws FILE_CHANGED (exit 1) when
 * the bytes read then are not the ones `hash` names, after calling
 * `changed` (which makes the next run read the file anew).
 */
export function knownIssueSource(path: string, hash: string, changed: () => void): IssueSource {
  let read: IssueSource | PaperboyError | undefined;
  const source = (): IssueSource => {
    if (read === undefined) {
      const now = readIssueSourceNow(path);
      read = now.hash === hash ? now : new PaperboyError(FILE_CHANGED, `${path} changed or was removed while paperboy read it`, { exitCode: 1, hint: 'Run the command again once the file is saved.' });
      if (read instanceof PaperboyError) changed();
    }
    // Every time: none of the other bytes may pass for the ones `hash` names.
    if (read instanceof PaperboyError) throw read;
    return read;
  };
  return {
    path,
    hash,
    get text() {
      return source().text;
    },
    get written() {
      return source().written;
    },
    get bom() {
      return source().bom;
    },
    get eol() {
      return source().eol;
    },
    release() {
      if (!(read instanceof PaperboyError)) read = undefined;
    },
  };
}

/** A replacement of `range` (offsets in a source's normalized `text`) by `text` (LF line breaks). */
export interface TextEdit {
  range: [start: number, end: number];
  text: string;
}

/**
 * A replacement in the file's text as written (`written`: its own line
 * endings, no BOM), as ESLint's `fix.range` indexes a file (its SourceCode
 * drops a BOM and keeps CRLF): an editor applies it to the file as it is.
 */
export type WrittenEdit = TextEdit;

/**
 * Moves edits of `source.text` to `source.written`: a range past each CRLF
 * before it (one character of `text`, two on disk), and a line break an
 * edit adds written with the file's prevailing ending. Characters outside
 * the ranges keep their own endings, so a file with mixed line endings
 * keeps each line's.
 */
export function writtenEdits(source: IssueSource): (edit: TextEdit) => WrittenEdit {
  // The offset in `text` of each line feed that is a CRLF's on disk, in order; found for the first edit.
  let crlfs: number[] | undefined;
  return (edit) => {
    crlfs ??= crlfLineFeeds(source.written);
    // Without a CRLF, `written` is `text` (a lone CR is one character in both) and the prevailing ending is LF.
    if (crlfs.length === 0) return edit;
    const toWritten = (offset: number) => offset + countBelow(crlfs!, offset);
    return { range: [toWritten(edit.range[0]), toWritten(edit.range[1])], text: edit.text.replace(/\n/g, source.eol) };
  };
}

function crlfLineFeeds(written: string): number[] {
  const found: number[] = [];
  // The k-th CRLF (from 0) at `index` on disk: its line feed is at index - k in `text`.
  for (let index = written.indexOf('\r\n'); index !== -1; index = written.indexOf('\r\n', index + 2)) found.push(index - found.length);
  return found;
}

/** How many of `sorted` are below `limit` (a binary search: a fix per line of a long file stays fast). */
function countBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The file's new contents after `edits` (sorted, not overlapping), with the
 * BOM it had: every character outside the edited ranges is kept as written.
 */
export function editIssueFile(source: IssueSource, edits: readonly WrittenEdit[]): string {
  return (source.bom ? '\ufeff' : '') + applyEdits(source.written, edits);
}

/** `text` with `edits` (sorted, not overlapping, in offsets of `text`) applied; text outside them is kept as it is. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let output = '';
  let cursor = 0;
  for (const edit of edits) {
    output += text.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  return output + text.slice(cursor);
}

function unreadable(path: string, hash: string, problem: SourceProblem): IssueSource {
  return { path, text: '', written: '', hash, bom: false, eol: '\n', unreadable: problem };
}

/**
 * The line and column (1-based) of byte `offset`, as the decoded text's
 * positions and an editor number them: a line ends at LF, CRLF or a lone
 * CR (as `text` reads them), a column counts UTF-16 code units, and the BOM
 * that starts a file is no character of its first line (an editor hides it).
 */
function linePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = Math.min(offset, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  for (let i = lineStart; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === CR && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters; the bytes before the problem on its line are valid UTF-8.
  const column = Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8').length + 1;
  return { line, column };
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence.
 * Written by hand because TextDecoder rejects a file without saying where,
 * and the editor needs a line and column.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const sequence = bytes.subarray(i, i + length);
    if (length > 1 && !isWellFormed(sequence)) return i;
    i += length;
  }
  return bytes.length;
}

function isWellFormed(sequence: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sequence);
    return true;
  } catch {
    return false;
  }
}
