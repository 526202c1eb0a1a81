import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { PaperboyError } from '../errors.js';
import { emailKey } from '../config/address.js';
import { cleanName, emailProblem, nameProblem, type SubscriberStatus } from './model.js';
import { EMAIL_HEADERS, headerColumns, HEADERLESS, normalizeHeader, rowName, rowStatus, rowTimes } from './csv-header.js';
import type { RowTimes } from './csv-times.js';
import { unescapeFormula } from './csv-export.js';

/** One good row of a subscriber CSV. */
export interface ImportRow {
  /** The 1-based line the row starts on (a quoted name may span lines). */
  line: number;
  email: string;
  name: string;
  /** From a `status` column (an export read back): only a suppression status is taken from a file. */
  status: SubscriberStatus | undefined;
  /** The consent record's times the row gives (csv-header.ts `rowTimes`): each one missing is the import's own. */
  times: RowTimes;
}

interface RowProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  rows: ImportRow[];
  problems: RowProblem[];
  /** A later row with an address already seen: merged into the first (its line given), which takes its suppression status if it has none. */
  duplicates: { line: number; firstLine: number; email: string }[];
  /** Good rows stored otherwise than written: a name's line breaks and control characters became spaces (`cleanName`), a time no time (`rowTimes`). */
  changed: RowProblem[];
  /** The header's columns no value is read from (csv-header.ts), at the header's line; undefined when it has none, or there is no header. */
  ignored: { line: number; columns: readonly string[] } | undefined;
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
export function parseSubscriberCsv(text: string, file: string, encoding: { validUtf8: boolean } = { validUtf8: true }): ParsedCsv {
  const body = text.replace(/^\uFEFF/, '');
  const [firstLine = '', secondLine] = body.split(/\r\n|\r|\n/, 50).filter((line) => line.trim() !== '');
  const delimiter = sniffDelimiter(firstLine, secondLine);
  const { records, problems } = readRecords(Buffer.from(body), delimiter);

  if (records.length === 0) {
    throw new PaperboyError('CSV_EMPTY', `${file}: Unexpected empty file, expected a header row naming an \`email\` column and a row for each subscriber`, {
      hint: 'Pass the CSV file of the subscribers, its first row naming the columns, e.g. `email,name`.',
    });
  }
  const header = headerColumns(records[0]!.fields);
  if (!header && emailProblem(records[0]!.fields[0]?.trim() ?? '') !== undefined && !mistypedFirstAddress(records)) {
    const found = records[0]!.fields.map((field) => `\`${field}\``).join(', ');
    throw new PaperboyError('CSV_NO_EMAIL_COLUMN', `${file}:${records[0]!.line}:1: Unexpected header ${found}, expected a column named \`email\``, {
      hint: 'The first row names the columns: `email` or `Email Address` (required), `name` or `First Name` and `Last Name` (optional), separated by commas, e.g. `email,name`.',
    });
  }
  const columns = header ?? HEADERLESS;
  const data = header ? records.slice(1) : records;
  const rows: ImportRow[] = [];
  const duplicates: ParsedCsv['duplicates'] = [];
  const changed: RowProblem[] = [];
  const seen = new Map<string, ImportRow>();
  for (const { fields, line } of data) {
    const email = unescapeFormula(fields[columns.email]?.trim() ?? '');
    // A byte that is not UTF-8 was read as U+FFFD: the address or name would be stored changed.
    const undecoded = !encoding.validUtf8 && fields.some((field) => field.includes('\uFFFD'));
    const written = rowName(fields, columns, unescapeFormula);
    const read = rowStatus(fields, columns);
    const problem = undecoded ? NOT_UTF8 : (emailProblem(email) ?? nameProblem(written) ?? read.problem);
    if (problem !== undefined) {
      problems.push({ line, message: problem });
      continue;
    }
    const key = emailKey(email);
    const { status } = read;
    const first = seen.get(key);
    if (first !== undefined) {
      // A suppression in any of the rows wins, whatever their order: an unsubscribe always sticks (RELIABILITY 19), with its time.
      if (first.status === undefined && status !== undefined) {
        first.status = status;
        const left = rowTimes(fields, columns, status).times.unsubscribedAt;
        if (left !== undefined) first.times = { ...first.times, unsubscribedAt: left };
      }
      duplicates.push({ line, firstLine: first.line, email });
      continue;
    }
    const name = cleanName(written);
    if (name !== written.trim()) changed.push({ line, message: `${email}'s name has line breaks or control characters, stored as spaces: "${name}"` });
    const { times, problems: timeProblems } = rowTimes(fields, columns, status);
    for (const message of timeProblems) changed.push({ line, message: `${email}'s ${message}` });
    const row: ImportRow = { line, email, name, status, times };
    seen.set(key, row);
    rows.push(row);
  }
  problems.sort((a, b) => a.line - b.line);
  const ignored = header && header.ignored.length > 0 ? { line: records[0]!.line, columns: header.ignored } : undefined;
  return { rows, problems, duplicates, changed, ignored };
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

const NOT_UTF8 = 'Unexpected bytes that are not UTF-8 in this row (a file saved as Latin-1 or Windows-1252?), expected the file saved as UTF-8';

/**
 * A subscriber CSV's bytes as text, and whether they were all UTF-8 (if
 * not, `parseSubscriberCsv` refuses each row holding a byte that was not).
 * Throws PaperboyError CSV_NOT_UTF8 (exit 2) for a UTF-16 file (its
 * byte-order mark), which would read as no header at all.
 */
export function decodeSubscriberCsv(bytes: Buffer, file: string): { text: string; validUtf8: boolean } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new PaperboyError('CSV_NOT_UTF8', `${file}:1:1: Unexpected UTF-16 text, expected a CSV file saved as UTF-8`, {
      hint: 'Save it again as "CSV UTF-8" (Excel) or UTF-8 (any text editor).',
    });
  }
  return { text: bytes.toString('utf8'), validUtf8: isUtf8(bytes) };
}

/** A record as csv-parse read it, with the 1-based line it starts on. */
interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Every line break a text editor shows ends a record: csv-parse would
 * otherwise keep to the first kind it meets, and an LF line in a CRLF file
 * (rows appended by another program) would be read into the row before it.
 */
const LINE_BREAKS = ['\r\n', '\n', '\r'];

/**
 * The records of a CSV file, each at the line it starts on, and the rows
 * csv-parse refused (a stray quote), each at its own line. csv-parse cannot
 * go on after such a row by itself: with `skip_records_with_error` it stays
 * inside the quoted field and reads the rows after it as part of the bad
 * one, dropping good rows. So each refusal starts a fresh parser at the
 * line after the bad row's first line: every line then ends up in a record
 * or reported, and a bad row costs one re-read of the text after it.
 */
function readRecords(body: Buffer, delimiter: string): { records: CsvRecord[]; problems: RowProblem[] } {
  const lineStarts = lineStartsOf(body);
  const lineAt = (offset: number) => lineOf(lineStarts, recordStart(body, offset));
  const records: CsvRecord[] = [];
  const problems: RowProblem[] = [];
  let from = 0;
  while (from < body.length) {
    // Where the last record read ended: the next one (good or bad) starts after the empty lines that follow.
    let end = from;
    try {
      parse(body.subarray(from), {
        delimiter,
        record_delimiter: LINE_BREAKS,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (fields: string[], context) => {
          records.push({ fields, line: lineAt(end) });
          end = from + context.bytes;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const line = lineAt(end);
      problems.push({ line, message: csvErrorMessage(error) });
      from = lineStarts[line] ?? body.length;
    }
  }
  return { records, problems };
}

/** The byte offset each line starts at (index 0 is line 1): after each of LINE_BREAKS. */
function lineStartsOf(body: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === LF || (body[i] === CR && body[i + 1] !== LF)) starts.push(i + 1);
  }
  return starts;
}

/** The offset of the first byte at or after `offset` that is no line break: skipped empty lines are no record. */
function recordStart(body: Buffer, offset: number): number {
  let start = offset;
  while (body[start] === CR || body[start] === LF) start++;
  return start;
}

/** The 1-based line holding the byte at `offset`. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * The delimiter with which the first line has an `email` header; in a file
 * without a header, the first (in `DELIMITERS`' order) with which the first
 * line begins with an address (`ada@example.org<TAB>Lovelace, Ada` is a
 * tab), or else the second (the first address mistyped:
 * `jane.example.org;Jane`); a comma when none finds one.
 */
function sniffDelimiter(firstLine: string, secondLine = ''): (typeof DELIMITERS)[number] {
  const cells = (delimiter: string) => firstLine.split(delimiter).map((cell) => normalizeHeader(cell));
  const header = DELIMITERS.find((delimiter) => cells(delimiter).some((cell) => EMAIL_HEADERS.has(cell)));
  const firstCell = (line: string, delimiter: string) => line.split(delimiter)[0]!.trim().replace(/^"|"$/g, '').trim();
  const startsWithAddress = (line: string) => DELIMITERS.find((delimiter) => emailProblem(firstCell(line, delimiter)) === undefined && (line === firstLine || line.includes(delimiter)));
  return header ?? startsWithAddress(firstLine) ?? startsWithAddress(secondLine) ?? ',';
}

function csvErrorMessage(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'Unexpected end of file inside a quoted field, expected a closing `"` (the lines after this one are read as rows of their own)';
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return 'Unexpected character after a closing quote, expected a delimiter or the end of the line (write a quote inside a quoted field as "")';
  if (error.code === 'INVALID_OPENING_QUOTE') return 'Unexpected `"` inside a field that does not start with one, expected the whole field quoted (write a quote inside a quoted field as "")';
  // csv-parse counts lines from where the fresh parser started, not from the top of the file.
  return `Unexpected CSV: ${error.message.replace(/,? at line \d+/g, '')}`;
}
