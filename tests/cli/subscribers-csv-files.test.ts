import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';
import { zipOf } from '../helpers/zip.js';

/*
 * The files a subscriber list arrives in, as spreadsheets and other tools
 * write them: what is read, what is refused at FILE:LINE:COLUMN, and that
 * nothing accepted is silently lost.
 */

const cli = (root: string, ...argv: string[]) => runCli(['subscribers', ...argv, '--root', root], { cwd: root });

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

test('subscribers export: written as UTF-8 with a BOM, as papers.csv is (Excel reads a CSV without one as Windows-1252), on stdout and --out; the export imports back, accented names intact', async () => {
  const root = makeRoot({});
  await cli(root, 'add', 'zoe@example.org', '--name', 'Zoë Ångström');
  const stdout = (await cli(root, 'export')).stdout;
  assert.ok(stdout.startsWith('\ufeffemail,name,status,'), JSON.stringify(stdout.slice(0, 20)));
  assert.equal((await cli(root, 'export', '--out', 'list.csv')).code, 0);
  const written = readFileSync(join(root, 'list.csv'));
  assert.deepEqual(written.subarray(0, 3), BOM);
  assert.equal(written.indexOf(BOM, 3), -1, 'one BOM, at the start only');

  const other = makeRoot({ 'list.csv': written });
  const imported = await cli(other, 'import', 'list.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stderr, '');
  assert.equal((await cli(other, 'list')).stdout, 'zoe@example.org\tZoë Ångström\tactive\n');
});

/** Excel's "Unicode Text": UTF-16 with its byte-order mark, tab-separated. */
const unicodeText = (text: string, order: 'le' | 'be') => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return order === 'le' ? le : le.swap16();
};

test('subscribers import: a UTF-16 file with its byte-order mark (Excel\'s "Unicode Text", little- or big-endian) is read, accented names intact, a bad row at the line:column its text shows', async () => {
  for (const order of ['le', 'be'] as const) {
    const root = makeRoot({ 'list.txt': unicodeText('Email Address\tFirst Name\tLast Name\r\nzoe@example.org\tZoë\tÅngström\r\nnot-an-address\tX\tY\r\n李@example.org\t李\t明\r\nbob@example.org\tBob\tO\'Neil\r\n', order) });
    const imported = await cli(root, 'import', 'list.txt');
    assert.equal(imported.code, 1, order);
    assert.equal(
      imported.stderr,
      'list.txt:3:1  error  Unexpected email address `not-an-address` (it has no @), expected an address such as reader@example.org\n' +
        'list.txt:4:1  error  Unexpected email address `李@example.org`: its part before the @, `李`, is not ASCII, expected ASCII letters, digits and punctuation there: such an address needs SMTPUTF8 (RFC 6531) on every mail server on its way, which paperboy cannot count on\n',
      order,
    );
    assert.match(imported.stdout, /: 2 added, .*, 2 bad rows$/m);
    assert.equal((await cli(root, 'list')).stdout, "zoe@example.org\tZoë Ångström\tactive\nbob@example.org\tBob O'Neil\tactive\n", order);
  }
});

test('subscribers import: Excel\'s `sep=;` first line sets the delimiter and is no header; the lines after it keep their numbers', async () => {
  const root = makeRoot({ 'list.csv': '\ufeffsep=;\r\nemail;name\r\nada@example.org;Lovelace, Ada\r\nbad;X\r\n' });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 1, imported.stderr);
  assert.match(imported.stderr, /^list\.csv:4:1 {2}error {2}Unexpected email address `bad` \(it has no @\)/);
  assert.equal((await cli(root, 'list')).stdout, 'ada@example.org\tLovelace, Ada\tactive\n');
  const tab = makeRoot({ 'list.csv': 'SEP=\t\nemail\tname\nbob@example.org\tBob, Jr.\n' });
  assert.equal((await cli(tab, 'import', 'list.csv')).code, 0);
  assert.equal((await cli(tab, 'list')).stdout, 'bob@example.org\tBob, Jr.\tactive\n');
});

test('subscribers import: a header naming a column paperboy reads twice (two `email`s, `email` and `E-mail`, two `name`s) is refused at the second\'s line:column (exit 2), nothing imported; columns it does not read may repeat', async () => {
  for (const [header, column, later] of [
    ['email,name,email', 12, '`email` (column 3) naming what column 1, `email`,'],
    ['Name,E-mail,email', 13, '`email` (column 3) naming what column 2, `E-mail`,'],
    ['email,name,Name', 12, '`Name` (column 3) naming what column 2, `name`,'],
  ] as const) {
    const root = makeRoot({ 'list.csv': `${header}\nada@example.org,Ada,ada2@example.org\n` });
    const imported = await cli(root, 'import', 'list.csv');
    assert.equal(imported.code, 2, header);
    assert.equal(imported.stderr.split('\n')[0], `paperboy: list.csv:1:${column}: Unexpected column ${later} already does, expected each column once: paperboy would read column ${later.includes('column 1,') ? 1 : 2} and lose this one's values`, header);
    assert.equal((await cli(root, 'count')).stdout, '0\n', header);
  }
  const root = makeRoot({ 'list.csv': 'email,notes,notes\nada@example.org,a,b\n' });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 0);
  assert.match(imported.stderr, /^list\.csv:1:1 {2}warning {2}Columns `notes`, `notes` ignored/);
});

test('subscribers import: a column with no name in the header that holds values is a warning at its header cell naming a value and its line; the rows are imported (exit 0)', async () => {
  const root = makeRoot({ 'list.csv': 'email,,name,\nada@example.org,,Ada\nbob@example.org,VIP,Bob\n' });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stderr, 'list.csv:1:7  warning  Column 2 has no name in the header and holds values (`VIP` on line 3): ignored, expected a header naming it (paperboy reads nothing from a column it cannot name)\n');
  assert.equal((await cli(root, 'count')).stdout, '2\n');
  const quiet = makeRoot({ 'list.csv': 'email,,name\nada@example.org,,Ada\n' });
  assert.equal((await cli(quiet, 'import', 'list.csv')).stderr, '', 'an unnamed column empty in every row loses nothing');
});

test('subscribers export: a long list goes out in chunks of about 64 KB, not a write a row (200,000 rows to --out took 34 s), the bytes as before', async () => {
  const rows = Array.from({ length: 5_000 }, (_, i) => `reader${i}@example.org,"Réader, ${i}"`);
  const root = makeRoot({ 'list.csv': `email,name\n${rows.join('\n')}\n` });
  assert.equal((await cli(root, 'import', 'list.csv')).code, 0);
  const writes: string[] = [];
  const io = { stdout: { write: (text: string) => writes.push(text), isTTY: false }, stderr: { write: () => true, isTTY: false }, cwd: root, env: {} };
  assert.equal(await main(['subscribers', 'export', '--root', root], io), 0);
  assert.ok(writes.length <= 20, `${writes.length} writes`);
  const lines = writes.join('').split('\n');
  assert.equal(lines.length, 5_002);
  assert.ok(lines[5_000]!.startsWith('reader4999@example.org,"Réader, 4999",active,import:list.csv,'), lines[5_000]);
});

test('subscribers import: a spreadsheet saved as a workbook (.xlsx, .ods: a ZIP archive; Excel 97–2003 .xls) under a .csv name is refused as such at 1:1 saying how to save it as CSV (exit 2), its binary never shown', async () => {
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('\u0000\u0001[Content_Types].xml', 'latin1')]);
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(32)]);
  for (const [bytes, kind] of [[zip, 'ZIP archive \\(an Excel \\.xlsx, Numbers or OpenDocument \\.ods workbook\\?\\)'], [xls, 'Excel 97–2003 workbook \\(\\.xls\\)']] as const) {
    const root = makeRoot({ 'readers.csv': bytes });
    const imported = await cli(root, 'import', 'readers.csv');
    assert.equal(imported.code, 2);
    assert.match(imported.stderr, new RegExp(`^paperboy: readers\\.csv:1:1: Unexpected ${kind}, expected a CSV file\\n {2}Save it as CSV: in Excel, File > Save As > "CSV UTF-8 \\(Comma delimited\\)"`));
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(imported.stderr, /[\u0000-\u0008\u000e-\u001f]/, 'no control character of the file is printed');
  }
});

test("subscribers import: an export that comes zipped (Mailchimp's audience export, a CSV file each of its subscribed, unsubscribed and cleaned members) is refused naming a CSV file in it and saying to unzip it and import each (exit 2), not taken for a workbook to save as CSV", async () => {
  const zip = zipOf({
    'members_export_0a1b2c/': '',
    'members_export_0a1b2c/subscribed_members_export_0a1b2c.csv': 'Email Address,First Name,Last Name\nada@example.org,Ada,Lovelace\n',
    'members_export_0a1b2c/unsubscribed_members_export_0a1b2c.csv': 'Email Address,First Name,Last Name,UNSUB_TIME\nbob@example.org,Bob,Smith,2023-05-05 05:05:05\n',
  });
  const root = makeRoot({ 'members export.zip': zip });
  const imported = await cli(root, 'import', 'members export.zip');
  assert.equal(imported.code, 2);
  assert.equal(
    imported.stderr,
    "paperboy: members export.zip:1:1: Unexpected ZIP archive of CSV files (`members_export_0a1b2c/subscribed_members_export_0a1b2c.csv` in it), expected a CSV file: an export that comes zipped, as Mailchimp's audience export holds its subscribed, unsubscribed and cleaned members in a CSV file each\n" +
      '  Unzip it and import each CSV file in it, the unsubscribed and cleaned ones too (they keep those readers from being mailed): `unzip \'members export.zip\' -d export && for f in export/*.csv; do paperboy subscribers import "$f"; done`.\n',
  );
  assert.equal((await cli(root, 'count')).stdout, '0\n');
});

test('subscribers import: two exports joined (`cat a.csv b.csv`, the second header with its BOM) import both lists; the repeated header is skipped with a warning at its line, not a bad row', async () => {
  const first = makeRoot({});
  await cli(first, 'add', 'ada@example.org', '--name', 'Ada Lovelace');
  const second = makeRoot({});
  await cli(second, 'add', 'zoe@example.org', '--name', 'Zoë Ångström');
  const joined = Buffer.concat([Buffer.from((await cli(first, 'export')).stdout), Buffer.from((await cli(second, 'export')).stdout)]);
  assert.ok(joined.indexOf(BOM, 3) > 3, 'the second export starts with its own BOM');

  const other = makeRoot({ 'joined.csv': joined });
  const imported = await cli(other, 'import', 'joined.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stderr, 'joined.csv:3:1  warning  Row repeats the header of line 1 (two files joined, as `cat a.csv b.csv` joins them): skipped, nothing read from it\n');
  assert.match(imported.stdout, /: 2 added, .*, 0 bad rows$/m);
  assert.equal((await cli(other, 'list')).stdout, 'ada@example.org\tAda Lovelace\tactive\nzoe@example.org\tZoë Ångström\tactive\n');
});

test("subscribers import: the summary counts a Substack export's stand-in addresses of deleted readers as passed over, so that its figures add up to the file's rows; a joined header is no reader and not counted", async () => {
  const header = 'email,active_subscription,expiry,email_disabled,created_at';
  const row = (email: string) => `${email},,,false,2020-08-06T10:21:25.605Z`;
  const root = makeRoot({ 'substack.csv': `${header}\n${row('ada@example.org')}\n${row('x8k2j@deletion-request.substack.com')}\n${row('q9@deletion-request.substack.com')}\n${header}\n${row('bob@example.org')}\n` });
  const imported = await cli(root, 'import', 'substack.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stderr.split('\n').filter((line) => line.includes('warning') && line.includes('skipped')).length, 3);
  assert.match(imported.stdout, /^Imported substack\.csv: 2 added, 0 activated, .*, 0 skipped \(unsubscribed, bounced or complained\), 2 passed over \(no reader's mailbox\), 0 duplicate rows merged, 0 bad rows$/m);
  // A file with none says nothing of it: the line scripts read is as it was.
  const plain = makeRoot({ 'plain.csv': `${header}\n${row('cy@example.org')}\n` });
  assert.doesNotMatch((await cli(plain, 'import', 'plain.csv')).stdout, /passed over/);
});

test('subscribers import: an address pasted with what surrounds it (a name and angle brackets, mailto:, a list\'s semicolon, a zero-width space, a spreadsheet\'s leading apostrophe) is a bad row naming the address to write; invisible characters are shown by their code point', async () => {
  const root = makeRoot({ 'list.csv': "email,name\n\"Alice Smith <alice@example.org>\",Alice\nmailto:bob@example.org,Bob\ncarol@example.org;,Carol\ne\u200bve@example.org,Eve\n'frank@example.org,Frank\no'brien@example.org,Pat\n" });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 1);
  assert.equal(
    imported.stderr,
    'list.csv:2:1  error  Unexpected email address `Alice Smith <alice@example.org>` (it has a space), expected the address alone, `alice@example.org`\n' +
      'list.csv:3:1  error  Unexpected email address `mailto:bob@example.org` (it has `:`), expected the address alone, `bob@example.org`\n' +
      'list.csv:4:1  error  Unexpected email address `carol@example.org;` (it has `;`), expected the address alone, `carol@example.org`\n' +
      'list.csv:5:1  error  Unexpected email address `e<U+200B>ve@example.org` (it has the invisible character U+200B), expected the address alone, `eve@example.org`\n' +
      "list.csv:6:1  error  Unexpected email address `'frank@example.org` (it begins with `'`, a spreadsheet's mark for text), expected the address alone, `frank@example.org`\n",
  );
  assert.equal((await cli(root, 'list')).stdout, "o'brien@example.org\tPat\tactive\n");
});

test('subscribers import: a spreadsheet\'s blank rows (every cell empty, `,,,`), between and below the readers, are no bad rows: nothing is read from them, exit 0', async () => {
  const root = makeRoot({ 'list.csv': 'email,name,status,notes\r\nada@example.org,Ada,,\r\n,,,\r\n , ,,\r\nzoe@example.org,Zoë,,\r\n,,,\r\n,,,\r\n' });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /: 2 added, .*, 0 bad rows$/m);
  assert.equal((await cli(root, 'list')).stdout, 'ada@example.org\tAda\tactive\nzoe@example.org\tZoë\tactive\n');
});

test("subscribers import: a Dutch list (Excel's semicolons, BOM and CRLF) with a `Tussenvoegsel` column stores Jan van der Berg, the column read, not said to be ignored", async () => {
  const root = makeRoot({ 'leden.csv': '\ufeffE-mailadres;Voornaam;Tussenvoegsel;Achternaam;Plaats\r\njan@example.nl;Jan;van der;Berg;Utrecht\r\nanne@example.nl;;van;Dijk;Delft\r\npiet@example.nl;Piet;;Jansen;Gouda\r\n' });
  const imported = await cli(root, 'import', 'leden.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /^leden\.csv:1:1 {2}warning {2}Column `Plaats` ignored: /);
  assert.equal((await cli(root, 'list')).stdout, 'jan@example.nl\tJan van der Berg\tactive\nanne@example.nl\tVan Dijk\tactive\npiet@example.nl\tPiet Jansen\tactive\n');
});
