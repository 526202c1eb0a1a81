import { isUtf8 } from 'node:buffer';
import { PaperboyError } from '../errors.js';
import { emailKey } from '../config/address.js';
import { oneLine } from '../diagnostics/one-line.js';
import { cleanName, emailProblem, nameCleaning, nameProblem, SUPPRESSED_STATUSES, type SubscriberStatus } from './model.js';
import { codePointName } from '../diagnostics/code-point.js';
import { addressHeaders, EMAIL_HEADERS, headerColumns, HEADERLESS, normalizeHeader, repeatedColumn, rowStatus, rowTimes, type Columns } from './csv-header.js';
import { rowName } from './csv-name.js';
import { MAX_ROW_CHARACTERS, readRecords, type RowProblem } from './csv-records.js';
import type { RowTimes } from './csv-times.js';
import { unescapeFormula } from './csv-export.js';
import { checkCsvStart } from './csv-file.js';

/** One good row of a subscriber CSV. */
export interface ImportRow {
  /** The 1-based line the row starts on (a quoted name may span lines). */
  line: number;
  email: string;
  name: string;
  /** From a `status` column (an export read back): only a suppression status, or `pending` (never confirmed), is taken from a file (csv-header.ts `rowStatus`). */
  status: SubscriberStatus | undefined;
  /** The consent record's times the row gives (csv-header.ts `rowTimes`): each one missing is the import's own. */
  times: RowTimes;
}

export interface ParsedCsv {
  rows: ImportRow[];
  problems: RowProblem[];
  /**
   * A later row with an address already seen, at its address's cell:
   * merged into the first (its line given), which takes its suppression
   * (or pending) status if it has none; `unkeptName`, this row's name
   * when it differs from the one kept, the first row's (`nameLine`: the
   * line of the row it came from); `givenName`, this row's name, kept
   * because no row before named the reader.
   */
  duplicates: { line: number; column: number; firstLine: number; email: string; unkeptName?: string; nameLine?: number; givenName?: string }[];
  /** Good rows stored otherwise than written: a name's line breaks and control characters became spaces (`cleanName`), a time no time (`rowTimes`). */
  changed: RowProblem[];
  /** The header's columns no value is read from (csv-header.ts), at the header's line; undefined when it has none, or there is no header. */
  ignored: { line: number; columns: readonly string[] } | undefined;
  /** A column with no name in the header that holds values (nothing is read from it), at its header cell: said, as a named column ignored is. */
  unnamed: RowProblem[];
  /**
   * Rows skipped on purpose, nothing stored from them, each said: a later
   * row that is the header again (two exports joined, `cat a.csv b.csv`),
   * and an address that stands in for a reader who is gone
   * (`standInAddress`).
   */
  passedOver: RowProblem[];
  /** How many of `passedOver` are readers' rows (a stand-in address), not a header again: counted in the import's summary. */
  standIns: number;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Reads a subscriber CSV (RFC 4180 through csv-parse): a UTF-8 BOM is
 * ignored, quoted fields may hold the delimiter or line breaks, the
 * delimiter (`,` `;` tab `|`) is the one that finds the `email` header,
 * or without one the address (`sniffDelimiter`). The header row is
 * optional: without one, the first column is the address and the second
 * the name. Every bad row is reported with its line and the
 * reading goes on; a file without an address column at all is a usage
 * error (CSV_NO_EMAIL_COLUMN, exit 2) naming the header it found, and so
 * is a file without a row (CSV_EMPTY): nothing to import is a mistaken
 * file, never a success. A header alone (an export of no one) is fine.
 */
export function parseSubscriberCsv(input: string | Buffer, file: string, encoding: { validUtf8: boolean } = { validUtf8: true }): ParsedCsv {
  const { body, declared } = withoutSeparatorLine(withoutBom(typeof input === 'string' ? Buffer.from(input) : input));
  // The delimiter is found in the first lines: a row is at most MAX_ROW_CHARACTERS, so no more of the file is decoded for them.
  const head = body.toString('utf8', 0, Math.min(body.length, MAX_ROW_CHARACTERS * 2));
  const [firstLine = '', secondLine] = head.split(/\r\n|\r|\n/, 50).filter((line) => line.trim() !== '');
  const delimiter = declared ?? sniffDelimiter(firstLine, secondLine);
  const { records, problems, cellPoint } = readRecords(body, delimiter);

  if (records.length === 0) {
    throw new PaperboyError('CSV_EMPTY', `${file}: Unexpected empty file, expected a header row naming an \`email\` column and a row for each subscriber`, {
      hint: 'Pass the CSV file of the subscribers, its first row naming the columns, e.g. `email,name`.',
    });
  }
  const header = headerColumns(records[0]!.fields);
  if (!header && emailProblem(records[0]!.fields[0]?.trim() ?? '') !== undefined && !mistypedFirstAddress(records)) {
    const found = records[0]!.fields.map((field) => `\`${field}\``).join(', ');
    const known = addressHeaders()
      .filter((header) => header !== 'email')
      .map((header) => `\`${header}\``)
      .join(', ');
    throw new PaperboyError('CSV_NO_EMAIL_COLUMN', `${file}:${records[0]!.line}:1: Unexpected header ${found}, expected a column named \`email\` or another name of the address, in any case: ${known}`, {
      hint: 'The first row names the columns: `email` or `Email Address` (required), `name` or `First Name` and `Last Name` (optional), separated by commas, e.g. `email,name`. Rename the address\'s column to `email` if its name is none of these.',
    });
  }
  const repeated = header && repeatedColumn(records[0]!.fields);
  if (repeated) {
    const [earlier, later] = repeated;
    const { line, column } = cellPoint(records[0]!, later);
    const cell = (index: number) => `\`${records[0]!.fields[index]!.trim()}\``;
    throw new PaperboyError('CSV_REPEATED_COLUMN', `${file}:${line}:${column}: Unexpected column ${cell(later)} (column ${later + 1}) naming what column ${earlier + 1}, ${cell(earlier)}, already does, expected each column once: paperboy would read column ${earlier + 1} and lose this one's values`, {
      hint: 'Remove or rename one of the two columns, then import the file again.',
    });
  }
  const columns = header ?? HEADERLESS;
  const data = header ? records.slice(1) : records;
  const width = header ? namedWidth(records[0]!.fields) : HEADERLESS_WIDTH;
  const rows: ImportRow[] = [];
  const duplicates: ParsedCsv['duplicates'] = [];
  const changed: RowProblem[] = [];
  const seen = new Map<string, ImportRow>();
  /** The line a merged row's name came from, when not its first row's (which named nobody). */
  const nameLines = new Map<string, number>();
  const passedOver: RowProblem[] = [];
  let standIns = 0;
  const headerCells = header ? records[0]!.fields.map(headerCell) : [];
  for (const record of data) {
    const { fields, line } = record;
    // A row of empty cells (`,,,`: a spreadsheet's blank row, written below the list) holds no one: nothing to import or report.
    if (fields.every((field) => field.trim() === '')) continue;
    if (header && fields.length === headerCells.length && fields.every((field, i) => headerCell(field) === headerCells[i])) {
      passedOver.push({ line, column: 1, message: `Row repeats the header of line ${records[0]!.line} (two files joined, as \`cat a.csv b.csv\` joins them): skipped, nothing read from it` });
      continue;
    }
    const email = unescapeFormula(fields[columns.email]?.trim() ?? '');
    // A byte that is not UTF-8 was read as U+FFFD: the address or name would be stored changed.
    const undecoded = !encoding.validUtf8 && fields.some((field) => field.includes('\uFFFD'));
    const extra = undecoded ? undefined : extraCell(fields, width, columns, delimiter, header !== undefined);
    if (extra !== undefined) {
      problems.push({ ...cellPoint(record, extra.cell), message: extra.message });
      continue;
    }
    const written = rowName(fields, columns, unescapeFormula);
    const read = rowStatus(fields, columns);
    const problem = rowProblem(fields, undecoded, email, written, columns, read);
    if (problem !== undefined) {
      // A cell quoted in it may be a whole line of a hostile file, or hold its line breaks: one line, its middle cut.
      problems.push({ ...cellPoint(record, problem.cell), message: oneLine(problem.message) });
      continue;
    }
    const standIn = standInAddress(email);
    if (standIn !== undefined) {
      passedOver.push({ ...cellPoint(record, columns.email), message: `${email} is ${standIn}: skipped, not imported (no reader receives mail there)` });
      standIns += 1;
      continue;
    }
    const key = emailKey(email);
    const { status } = read;
    const first = seen.get(key);
    if (first !== undefined) {
      // A suppression in any of the rows wins, whatever their order: an unsubscribe always sticks (RELIABILITY 19), with its time; then a row saying the reader never confirmed.
      if (statusRank(status) > statusRank(first.status)) {
        first.status = status;
        const left = rowTimes(fields, columns, status).times.unsubscribedAt;
        if (left !== undefined) first.times = { ...first.times, unsubscribedAt: left };
      }
      const later = cleanName(written);
      const where = { ...cellPoint(record, columns.email), firstLine: first.line, email };
      // A name fills the first row's empty one (no row is then dropped with the reader's name); else it is kept only when it is the same.
      if (first.name === '' && later !== '') {
        first.name = later;
        nameLines.set(key, line);
        duplicates.push({ ...where, givenName: later });
      } else {
        const nameLine = nameLines.get(key);
        duplicates.push({ ...where, ...(later !== '' && later !== first.name ? { unkeptName: later, ...(nameLine === undefined ? {} : { nameLine }) } : {}) });
      }
      continue;
    }
    const name = cleanName(written);
    if (name !== written.trim()) changed.push({ ...cellPoint(record, nameCell(columns)), message: `${email}'s name ${nameChange(written)}: "${name}"` });
    const { times, problems: timeProblems } = rowTimes(fields, columns, status);
    for (const { column, message } of timeProblems) changed.push({ ...cellPoint(record, column), message: oneLine(`${email}'s ${message}`) });
    const row: ImportRow = { line, email, name, status, times };
    seen.set(key, row);
    rows.push(row);
  }
  problems.sort((a, b) => a.line - b.line);
  const ignored = header && header.ignored.length > 0 ? { line: records[0]!.line, columns: header.ignored } : undefined;
  const unnamed = header ? unnamedColumns(records[0]!, data, width).map(({ cell, value, line }) => ({ ...cellPoint(records[0]!, cell), message: oneLine(`Column ${cell + 1} has no name in the header and holds values (\`${value}\` on line ${line}): ignored, expected a header naming it (paperboy reads nothing from a column it cannot name)`) })) : [];
  return { rows, problems, duplicates, changed, ignored, unnamed, passedOver, standIns };
}

/**
 * What an address of an export stands in for, when it is no reader's
 * mailbox but a tool's placeholder: Substack's export keeps a reader who
 * asked Substack to delete their account under a made-up address at
 * `deletion-request.substack.com` (the Ghost migration tool, TryGhost/migrate
 * mg-substack-members-csv, skips them too). Imported, it would be mailed
 * every issue and bounce. Undefined for any other address.
 */
function standInAddress(email: string): string | undefined {
  return /@deletion-request\.substack\.com$/i.test(email) ? "Substack's stand-in for a reader who asked Substack to delete their account" : undefined;
}

/** A header cell as compared with a later row's: a second file's header, joined after the first, starts with its own byte order mark. */
function headerCell(cell: string): string {
  return normalizeHeader(cell.replace(/^\uFEFF/, ''));
}

/**
 * The header's columns (before `width`) with an empty header cell, each
 * with the first value a row holds in it, and that row's line: nothing is
 * read from such a column, so its values would be left out unsaid. A
 * column empty in every row loses nothing and is not named.
 */
function unnamedColumns(header: { fields: readonly string[] }, data: readonly { fields: readonly string[]; line: number }[], width: number): { cell: number; value: string; line: number }[] {
  const found: { cell: number; value: string; line: number }[] = [];
  for (let cell = 0; cell < width; cell++) {
    if (header.fields[cell]!.trim() !== '') continue;
    const record = data.find(({ fields }) => (fields[cell] ?? '').trim() !== '');
    if (record !== undefined) found.push({ cell, value: record.fields[cell]!.trim(), line: record.line });
  }
  return found;
}

/**
 * Why a row is a bad row, at the cell (0-based) that is wrong, or
 * undefined: bytes that are not UTF-8 (the first cell holding one), the
 * address, the name (its column, else the first or last name's), the
 * status or a yes-or-no flag (`read`, rowStatus).
 */
function rowProblem(fields: readonly string[], undecoded: boolean, email: string, name: string, columns: Columns, read: { problem?: string; column?: number }): { cell: number; message: string } | undefined {
  if (undecoded) return { cell: Math.max(0, fields.findIndex((field) => field.includes('\uFFFD'))), message: NOT_UTF8 };
  const address = emailProblem(email);
  if (address !== undefined) return { cell: columns.email, message: address };
  const long = nameProblem(name);
  if (long !== undefined) return { cell: nameCell(columns), message: long };
  return read.problem === undefined ? undefined : { cell: read.column ?? 0, message: read.problem };
}

/** The cell a row's name comes from, for a message about it: `name`, else the first or last name's, else the second (a file without a header). */
function nameCell(columns: Columns): number {
  return columns.name ?? columns.firstName ?? columns.lastName ?? 1;
}

/**
 * How strongly a row's status keeps its reader from being mailed, for
 * merging rows of one address: none (undefined) < `pending` (never
 * confirmed) < a suppression.
 */
function statusRank(status: SubscriberStatus | undefined): number {
  if (status === undefined) return 0;
  return SUPPRESSED_STATUSES.has(status) ? 2 : status === 'pending' ? 1 : 0;
}

/**
 * Whether a file without a header starts with an address mistyped
 * (`jane.example.org,Jane`), not a header naming no `email` column: the
 * first cell looks like an address (an `@` or a dot) and a later row has
 * one where it should be. Read so, the file is imported and the first row
 * reported as any bad row is, rather than the whole file refused.
 */
function mistypedFirstAddress(records: readonly { fields: string[] }[]): boolean {
  const first = records[0]!.fields[0]?.trim() ?? '';
  return /[@.]/.test(first) && records.slice(1).some(({ fields }) => emailProblem(fields[0]?.trim() ?? '') === undefined);
}

/** The columns of a file without a header: the address and the name. */
const HEADERLESS_WIDTH = 2;

/** How many columns a header names: up to its last cell that is not empty (a spreadsheet may save empty ones after it). */
function namedWidth(header: readonly string[]): number {
  let width = header.length;
  while (width > 0 && header[width - 1]!.trim() === '') width--;
  return width;
}

/**
 * The first cell of a row past the `width` columns it is read in that
 * holds something (empty ones lose nothing), and why that is a bad row: it
 * would be imported without it, a name cut at an unquoted comma (`Doe,
 * John` stored as `Doe`). The message shows the field quoted as it likely
 * was meant: the name's column (else the last one) and the cells that
 * spilled out of it, joined again.
 */
function extraCell(fields: readonly string[], width: number, columns: Columns, delimiter: string, hasHeader: boolean): { cell: number; message: string } | undefined {
  let last = fields.length - 1;
  while (last >= width && fields[last]!.trim() === '') last--;
  if (last < width) return undefined;
  const cell = fields.findIndex((field, index) => index >= width && field.trim() !== '');
  const spilled = columns.name ?? columns.lastName ?? columns.firstName ?? width - 1;
  const end = spilled + last - width + 2;
  const meant = fields.slice(spilled, end).join(delimiter);
  const separator = delimiter === '\t' ? 'a tab' : `a \`${delimiter}\``;
  const after = hasHeader ? `the header's ${width} ${width === 1 ? 'column' : 'columns'}` : 'the address and the name (the file has no header row)';
  const joined = [...fields.slice(0, spilled), meant, ...fields.slice(end)];
  const fix = readsAsWell(joined, fields, columns)
    ? `expected a field that holds ${separator} in quotes, as \`"${meant.replaceAll('"', '""')}"\`${hasHeader ? '' : ', or a header row naming the columns'}`
    : `expected ${width} ${width === 1 ? 'cell' : 'cells'}: remove the extra one, or put in quotes a field that holds ${separator}`;
  return { cell, message: oneLine(`Unexpected cell \`${fields[cell]}\` after ${after}: the row would be imported without it, ${fix}`) };
}

/**
 * Whether a row read with two of its cells joined (`joined`: the name's
 * and the one after it, as extraCell would quote them) reads as well as
 * written: no time or status cell the join moves becomes one paperboy
 * cannot read. Else the cell past the header is an extra one, not half of
 * a name (`bob@x.org,Bob,Smith,2023-01-05,extra` under four columns: the
 * join would move `extra` into the time's column).
 */
function readsAsWell(joined: readonly string[], fields: readonly string[], columns: Columns): boolean {
  if (rowTimes(joined, columns, undefined).problems.length > rowTimes(fields, columns, undefined).problems.length) return false;
  return rowStatus(joined, columns).problem === undefined || rowStatus(fields, columns).problem !== undefined;
}

/**
 * `body` without Excel's delimiter line (`sep=;`, a first line Excel
 * writes and reads to say the delimiter), and the delimiter it declares;
 * its line break is kept, so every line after it keeps its number. `body`
 * as it is when it has none (or one declaring a quote or a letter or digit,
 * no delimiter: the header's check then names the line).
 */
function withoutSeparatorLine(body: Buffer): { body: Buffer; declared?: string } {
  // ASCII punctuation, a space or a tab: one byte, so the line's other bytes stay whole.
  const match = /^sep=([\t !#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])(?:\r|\n|$)/i.exec(body.toString('latin1', 0, 6));
  return match === null ? { body } : { body: body.subarray(5), declared: match[1]! };
}

/** `body` without a UTF-8 byte-order mark. */
function withoutBom(body: Buffer): Buffer {
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}

const NOT_UTF8 = 'Unexpected bytes that are not UTF-8 in this row (a file saved as Latin-1 or Windows-1252?), expected the file saved as UTF-8';

/**
 * A subscriber CSV's bytes as UTF-8, and whether they are all UTF-8 (if
 * not, `parseSubscriberCsv` refuses each row holding a byte that was not).
 * A UTF-16 file (Excel's "Unicode Text", tab-separated; `iconv -t
 * UTF-16LE`), known by its byte-order mark or, without one, by
 * `looksUtf16`, is decoded to UTF-8: its lines and its columns (UTF-16
 * code units, as every message counts them) are the same. Throws
 * PaperboyError CSV_NOT_UTF16 (exit 2) for one that is no valid UTF-16
 * (a lone surrogate: no text to read it as).
 */
export function subscriberCsvBytes(bytes: Buffer, file: string): { bytes: Buffer; validUtf8: boolean } {
  const order = checkCsvStart(bytes, file);
  if (order === undefined) return { bytes, validUtf8: isUtf8(bytes) };
  let text: string;
  try {
    // The decoder drops the byte-order mark.
    text = new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new PaperboyError('CSV_NOT_UTF16', `${file}:1:1: Unexpected bytes that are not UTF-16 in a UTF-16 file (${order === 'le' ? 'little' : 'big'}-endian, by its start), expected text`, {
      cause: error,
      hint: 'Save it again as "CSV UTF-8" (Excel) or UTF-8 (any text editor).',
    });
  }
  return { bytes: Buffer.from(text, 'utf8'), validUtf8: true };
}

/**
 * What `cleanName` changed in the name `written`, in words: the first
 * invisible format character it removed, by its code point (a
 * RIGHT-TO-LEFT OVERRIDE shows nothing, and reverses the name), and
 * line breaks or control characters it stored as spaces.
 */
function nameChange(written: string): string {
  const { invisible, bidi, spaced } = nameCleaning(written);
  const said = invisible === undefined ? [] : [`has the invisible format character ${codePointName(invisible)}${bidi ? ' (a bidirectional control: it can show the name reversed)' : ''}, removed`];
  return [...said, ...(spaced || invisible === undefined ? ['has line breaks or control characters, stored as spaces'] : [])].join(', and ');
}

/**
 * The delimiter with which the first line has an `email` header; in a file
 * without a header, the first (in `DELIMITERS`' order) with which the first
 * line begins with an address (`ada@example.org<TAB>Lovelace, Ada` is a
 * tab), or else the second (the first address mistyped:
 * `jane.example.org;Jane`); a comma when none finds one.
 */
function sniffDelimiter(firstLine: string, secondLine = ''): string {
  const cells = (delimiter: string) => firstLine.split(delimiter).map((cell) => normalizeHeader(cell));
  const header = DELIMITERS.find((delimiter) => cells(delimiter).some((cell) => EMAIL_HEADERS.has(cell)));
  const firstCell = (line: string, delimiter: string) => line.split(delimiter)[0]!.trim().replace(/^"|"$/g, '').trim();
  const startsWithAddress = (line: string) => DELIMITERS.find((delimiter) => emailProblem(firstCell(line, delimiter)) === undefined && (line === firstLine || line.includes(delimiter)));
  return header ?? startsWithAddress(firstLine) ?? startsWithAddress(secondLine) ?? ',';
}
