import { PaperboyError } from '../errors.js';
import { shellWord } from '../shell-word.js';

/**
 * The most bytes `subscribers import` reads of a CSV: 256 MiB, some three
 * million rows of an address, a name and a date (a 300,000-row export is
 * about 20 MB). Held whole while parsed; a larger file (or a stream that
 * does not end) is refused as it is read, before memory runs out.
 */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

/** The name messages give the standard input (`subscribers import -`), as ESLint names it. */
export const STDIN_NAME = '<stdin>';

/**
 * The bytes of a subscriber CSV read from `chunks` (a file's or the
 * standard input's stream), named `file` in messages. Its start is
 * checked as soon as `CSV_HEAD_BYTES` are read (or it ends), so that a
 * binary file or `/dev/zero` is refused after 64 KiB, not 2 GiB
 * (`checkCsvStart`). Throws PaperboyError CSV_TOO_LARGE (exit 2) once it
 * is over `MAX_CSV_BYTES`, the rest unread; the stream's own error
 * (ENOENT, EACCES, EISDIR…) as it comes.
 */
export async function readSubscriberCsv(chunks: AsyncIterable<Buffer | string>, file: string): Promise<Buffer> {
  const read: Buffer[] = [];
  let total = 0;
  let checked = false;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    read.push(bytes);
    total += bytes.length;
    if (total > MAX_CSV_BYTES) {
      throw new PaperboyError('CSV_TOO_LARGE', `${file}: Unexpected CSV file of over ${MAX_CSV_BYTES / 1024 / 1024} MiB, expected at most ${MAX_CSV_BYTES / 1024 / 1024} MiB`, {
        hint: 'Split it into smaller files (each keeping the header line) and import each in turn; or check that it is the CSV meant.',
      });
    }
    if (!checked && total >= CSV_HEAD_BYTES) {
      checkCsvStart(Buffer.concat(read), file);
      checked = true;
    }
  }
  const bytes = Buffer.concat(read);
  if (!checked) checkCsvStart(bytes, file);
  return bytes;
}

/**
 * The byte order of a CSV whose first bytes are `head` when it is UTF-16
 * (its byte-order mark, or `looksUtf16`), else undefined: UTF-8. Throws
 * PaperboyError (exit 2), at the file's line and column, for a start that
 * is no CSV: CSV_ZIPPED for a ZIP archive holding CSV files (an export
 * that comes zipped, `zippedCsv`), CSV_WORKBOOK for a spreadsheet saved as
 * itself, CSV_NOT_TEXT
 * for a NUL byte in UTF-8 in its first line (within `CSV_HEAD_BYTES`: a
 * binary file, `/dev/zero`), which no text holds; checked on the first
 * bytes of a stream (`readSubscriberCsv`), before the rest is read. A NUL in a
 * later row is reported at that row as any control character is
 * (`parseSubscriberCsv`), the other rows imported.
 */
export function checkCsvStart(head: Buffer, file: string): 'le' | 'be' | undefined {
  const workbook = WORKBOOKS.find(({ magic }) => head.subarray(0, magic.length).equals(magic));
  const csvInside = workbook === WORKBOOKS[0] ? zippedCsv(head) : undefined;
  if (csvInside !== undefined) {
    throw new PaperboyError('CSV_ZIPPED', `${file}:1:1: Unexpected ZIP archive of CSV files (\`${csvInside.slice(0, 120)}\` in it), expected a CSV file: an export that comes zipped, as Mailchimp's audience export holds its subscribed, unsubscribed and cleaned members in a CSV file each`, {
      hint: `Unzip it and import each CSV file in it, the unsubscribed and cleaned ones too (they keep those readers from being mailed): \`unzip ${file === STDIN_NAME ? 'EXPORT.zip' : shellWord(file)} -d export && for f in export/*.csv; do paperboy subscribers import "$f"; done\`.`,
    });
  }
  if (workbook !== undefined) {
    throw new PaperboyError('CSV_WORKBOOK', `${file}:1:1: Unexpected ${workbook.kind}, expected a CSV file`, {
      hint: 'Save it as CSV: in Excel, File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice or Numbers, export as CSV in UTF-8.',
    });
  }
  const order = head[0] === 0xff && head[1] === 0xfe ? 'le' : head[0] === 0xfe && head[1] === 0xff ? 'be' : looksUtf16(head);
  const lineEnd = head.indexOf(0x0a);
  const firstLine = head.subarray(0, Math.min(CSV_HEAD_BYTES, lineEnd === -1 ? head.length : lineEnd));
  const nul = order === undefined ? firstLine.indexOf(0) : -1;
  if (nul !== -1) {
    // Columns count UTF-16 code units, as every message of the import does.
    const column = firstLine.subarray(0, nul).toString('utf8').length + 1;
    throw new PaperboyError('CSV_NOT_TEXT', `${file}:1:${column}: Unexpected NUL byte (0x00), expected a CSV file of text: this is a binary file, or a stream of zeros`, {
      hint: 'Name the CSV file itself (exported as "CSV UTF-8" from a spreadsheet or a mailing-list service).',
    });
  }
  return order;
}

/**
 * Spreadsheets saved as themselves, by their first bytes, not a CSV their
 * name may still end in: read as text, a workbook's binary was shown as
 * its "header" (control characters and all) and refused as naming no
 * `email` column, which said nothing of what to do.
 */
const WORKBOOKS: readonly { magic: Buffer; kind: string }[] = [
  // A ZIP archive's local file header (APPNOTE.TXT 4.3.7): Office Open XML and OpenDocument files are ZIP archives.
  { magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]), kind: 'ZIP archive (an Excel .xlsx, Numbers or OpenDocument .ods workbook?)' },
  // The Compound File Binary format's signature ([MS-CFB] 2.2): Excel 97–2003's .xls.
  { magic: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), kind: 'Excel 97–2003 workbook (.xls)' },
];

/**
 * The name of a CSV file in a ZIP archive whose first bytes are `head`, or
 * undefined: its entries read one local file header after another
 * (APPNOTE.TXT 4.3.7: the sizes at offset 18, the name's length at 26, the
 * extra field's at 28, the name from 30), as far as `head` holds them and
 * their sizes are written there (a header whose sizes follow its data,
 * flag bit 3, ends the walk). A workbook's entries are XML
 * (`[Content_Types].xml`, `mimetype`, `content.xml`), never a `.csv`.
 */
function zippedCsv(head: Buffer): string | undefined {
  let offset = 0;
  while (offset + 30 <= head.length && head.readUInt32LE(offset) === 0x04034b50) {
    const nameEnd = offset + 30 + head.readUInt16LE(offset + 26);
    if (nameEnd > head.length) return undefined;
    const name = head.toString('utf8', offset + 30, nameEnd);
    if (/\.csv$/i.test(name)) return name;
    const size = head.readUInt32LE(offset + 18);
    if ((head.readUInt16LE(offset + 6) & 0x08) !== 0 && size === 0) return undefined;
    offset = nameEnd + head.readUInt16LE(offset + 28) + size;
  }
  return undefined;
}

/** How much of a CSV's start `checkCsvStart` looks at for a NUL byte, at most: 64 KiB. */
const CSV_HEAD_BYTES = 65_536;

/** How much of a file's start `looksUtf16` reads: a header row is shorter. */
const UTF16_SAMPLE_BYTES = 512;

/**
 * The byte order of a file without a byte-order mark that is UTF-16, or
 * undefined: its first line (up to UTF16_SAMPLE_BYTES) has NUL bytes in
 * alternate positions, the high bytes of its ASCII characters
 * (`e\0m\0a\0i\0l\0` little-endian, `\0e\0m…` big-endian), at least
 * half of its two-byte units so, and none in the other positions. UTF-8
 * text has no NUL byte at all.
 */
function looksUtf16(bytes: Buffer): 'le' | 'be' | undefined {
  const sample = bytes.subarray(0, UTF16_SAMPLE_BYTES);
  const lineEnd = sample.indexOf(0x0a);
  const line = lineEnd === -1 ? sample : sample.subarray(0, lineEnd);
  const units = Math.floor(line.length / 2);
  const nuls = [0, 0];
  for (let i = 0; i < units * 2; i++) if (line[i] === 0) nuls[i % 2]!++;
  const [even, odd] = nuls as [number, number];
  if (units < 2) return undefined;
  if (even === 0 && odd * 2 >= units) return 'le';
  return odd === 0 && even * 2 >= units ? 'be' : undefined;
}
