import { CsvError, parse } from 'csv-parse/sync';

/** A record as csv-parse read it, with the 1-based line it starts on and the byte offset of its first character. */
export interface CsvRecord {
  fields: string[];
  line: number;
  start: number;
}

/** A row refused, at the 1-based line (and column, when not 1) of what is wrong. */
export interface RowProblem {
  line: number;
  column?: number;
  message: string;
}

/**
 * The most characters a row may hold (csv-parse's `max_record_size`: the
 * fields read, plus the bytes of the one being read). A subscriber's row is
 * an address (at most 254), a name (at most 200) and a few more columns;
 * without a cap one long line (a quote left open over a large file, a
 * binary file) grew csv-parse's buffer, doubling, to several times its
 * size, and past V8's limits a fatal out-of-memory crash. So a row is read
 * with at most about a megabyte held for it.
 */
export const MAX_ROW_CHARACTERS = 1_000_000;

/**
 * Every line break a text editor shows ends a record: csv-parse would
 * otherwise keep to the first kind it meets, and an LF line in a CRLF file
 * (rows appended by another program) would be read into the row before it.
 */
const LINE_BREAKS = ['\r\n', '\n', '\r'];

/**
 * The records of a CSV file (`body`: its bytes, without a BOM), each at the
 * line it starts on, and the rows csv-parse refused (a stray quote, a row
 * over MAX_ROW_CHARACTERS), each at its own line. csv-parse cannot go on
 * after such a row by itself: with `skip_records_with_error` it stays inside
 * the quoted field and reads the rows after it as part of the bad one,
 * dropping good rows. So each refusal starts a fresh parser at the line
 * after the bad row's first line: every line then ends up in a record or
 * reported, and a bad row costs one re-read of the text after it.
 * `cellPoint` gives where a record's cell starts, for a message about it.
 */
export function readRecords(body: Buffer, delimiter: string): { records: CsvRecord[]; problems: RowProblem[]; cellPoint: (record: CsvRecord, cell: number) => { line: number; column: number } } {
  const lineStarts = lineStartsOf(body);
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
        max_record_size: MAX_ROW_CHARACTERS,
        on_record: (fields: string[], context) => {
          const start = recordStart(body, end);
          records.push({ fields, line: lineOf(lineStarts, start), start });
          end = from + context.bytes;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const start = recordStart(body, end);
      const line = lineOf(lineStarts, start);
      const next = lineStarts[line] ?? body.length;
      const runOn = error.code === 'CSV_INVALID_CLOSING_QUOTE' ? quoteRunningOn(body, start, next, lineStarts) : undefined;
      const open = unclosedQuote(body, start, next);
      // A field left open to the end of the file or past the row's limit is said at the quote that opened it; anything else csv-parse refuses, at the row's start.
      const leftOpen = open !== undefined && (error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE');
      const column = leftOpen ? body.toString('utf8', lineStarts[line - 1], open).length + 1 : undefined;
      const message = csvErrorMessage(error, open !== undefined, recordStart(body, next) < body.length);
      problems.push(runOn ?? { line, ...(column === undefined || column === 1 ? {} : { column }), message });
      from = next;
    }
  }
  const cellPoint = (record: CsvRecord, cell: number) => {
    const offset = cellStart(body, record.start, cell, delimiter);
    const line = lineOf(lineStarts, offset);
    // Columns count characters (UTF-16 code units, as every diagnostic's), not bytes.
    return { line, column: body.toString('utf8', lineStarts[line - 1], offset).length + 1 };
  };
  return { records, problems, cellPoint };
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

/**
 * The byte offset at which cell `cell` (0-based) of the record starting at
 * `start` begins: after that many delimiters outside quotes. The record
 * parsed, so its quotes pair up (`""` inside a quoted field toggles twice).
 */
function cellStart(body: Buffer, start: number, cell: number, delimiter: string): number {
  if (cell === 0) return start;
  const separator = delimiter.charCodeAt(0);
  let quoted = false;
  let seen = 0;
  for (let i = start; i < body.length && seen < cell; i++) {
    if (body[i] === QUOTE) quoted = !quoted;
    else if (!quoted && body[i] === separator && ++seen === cell) return i + 1;
    // A row too short to have that cell: where it would be, at the end of its line, not in the rows after it.
    else if (!quoted && (body[i] === LF || body[i] === CR)) return i;
  }
  return body.length;
}

/** The offset of the quote that the bytes from `start` to `end` (a row's first line) open and leave open, undefined when every quote there closes. */
function unclosedQuote(body: Buffer, start: number, end: number): number | undefined {
  let open: number | undefined;
  for (let i = start; i < end; i++) {
    if (body[i] !== QUOTE) continue;
    if (open === undefined) open = i;
    // `""` inside a quoted field is a quote of its text.
    else if (body[i + 1] === QUOTE) i++;
    else open = undefined;
  }
  return open;
}

/**
 * The row starting at `start` (its first line ending at `next`) as its
 * writer most likely got it wrong when csv-parse refuses a closing quote on
 * a later line: a quote this line opens and never closes (`"ken@x.org,Ken`),
 * so the field ran on into the next rows until another row's quote
 * (`"Ritchie, Jr."`) ended it before a letter. Said at the opening quote,
 * naming the line where the field was ended; undefined when the quote that
 * failed closes on the row's own line (`"x@y.org"z`, said as csv-parse says).
 */
function quoteRunningOn(body: Buffer, start: number, next: number, lineStarts: readonly number[]): RowProblem | undefined {
  const open = unclosedQuote(body, start, next);
  if (open === undefined) return undefined;
  let close = open + 1;
  // `""` inside a quoted field is a quote of its text, not its end.
  while (close < body.length && (body[close] !== QUOTE || body[close + 1] === QUOTE)) close += body[close] === QUOTE ? 2 : 1;
  if (close >= body.length || close < next) return undefined;
  const line = lineOf(lineStarts, start);
  const column = body.toString('utf8', lineStarts[line - 1], open).length + 1;
  const closingLine = lineOf(lineStarts, close);
  const after = body.toString('utf8', close + 1, Math.min(body.length, close + 5))[0] ?? '';
  return {
    line,
    column,
    message: `Unexpected \`"\` that this line never closes: the quoted field runs on to line ${closingLine}, where a \`"\` before \`${after}\` ends it, expected a closing \`"\` on this line, or no quote (the lines after this one are read again as rows of their own)`,
  };
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;

/**
 * A refusal of csv-parse's in words (`openQuote`: the row's first line
 * leaves a quote open; `rowsAfter`: lines that are not blank follow it,
 * read again as rows, which the message says only when there are some).
 */
function csvErrorMessage(error: CsvError, openQuote: boolean, rowsAfter: boolean): string {
  const readAgain = rowsAfter ? ' (the lines after this one are read as rows of their own)' : '';
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return `Unexpected end of file inside a quoted field, expected a closing \`"\`${readAgain}`;
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return 'Unexpected character after a closing quote, expected a delimiter or the end of the line (write a quote inside a quoted field as "")';
  if (error.code === 'INVALID_OPENING_QUOTE') return 'Unexpected `"` inside a field that does not start with one, expected the whole field quoted (write a quote inside a quoted field as "")';
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    const limit = MAX_ROW_CHARACTERS.toLocaleString('en-US');
    return openQuote
      ? `Unexpected quoted field still open after ${limit} characters, expected a closing \`"\`${readAgain}`
      : `Unexpected row of over ${limit} characters, expected at most ${limit} (an address, a name of at most 200 characters and a few more columns): the row is not read`;
  }
  // csv-parse counts lines from where the fresh parser started, not from the top of the file.
  return `Unexpected CSV: ${error.message.replace(/,? at line \d+/g, '')}`;
}
