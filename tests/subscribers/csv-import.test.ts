import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isPaperboyError } from '../../src/errors.js';
import { parseSubscriberCsv, subscriberCsvBytes } from '../../src/subscribers/csv-import.js';

const parse = (text: string) => parseSubscriberCsv(text, 'list.csv');
const emails = (text: string) => parse(text).rows.map((row) => row.email);

test('csv import: the header is found, email required and name optional, in any order', () => {
  assert.deepEqual(
    parse('name,Email\nAda,ada@example.org\n,bob@example.org\n').rows.map(({ email, name, line }) => ({ email, name, line })),
    [
      { email: 'ada@example.org', name: 'Ada', line: 2 },
      { email: 'bob@example.org', name: '', line: 3 },
    ],
  );
});

test('csv import: without a header the first column is the address, the second the name', () => {
  assert.deepEqual(parse('ada@example.org,Ada\nbob@example.org\n').rows.map((row) => [row.email, row.name]), [
    ['ada@example.org', 'Ada'],
    ['bob@example.org', ''],
  ]);
});

test('csv import: a UTF-8 BOM and CRLF line ends are read as nothing', () => {
  assert.deepEqual(emails('\uFEFFemail,name\r\nada@example.org,Ada\r\n'), ['ada@example.org']);
});

test('csv import: semicolon, tab and pipe files are read by their delimiter', () => {
  for (const delimiter of [';', '\t', '|']) {
    const result = parse(`email${delimiter}name\nada@example.org${delimiter}Lovelace, Ada\n`);
    assert.deepEqual(result.rows.map((row) => [row.email, row.name]), [['ada@example.org', 'Lovelace, Ada']], `delimiter ${JSON.stringify(delimiter)}`);
  }
});

test('csv import: a semicolon, tab or pipe file without a header is read by its delimiter too', () => {
  for (const delimiter of [';', '\t', '|']) {
    const result = parse(`ada@example.org${delimiter}Lovelace, Ada\n"bob@example.org"${delimiter}Bob\n`);
    assert.deepEqual(result.rows.map((row) => [row.email, row.name]), [['ada@example.org', 'Lovelace, Ada'], ['bob@example.org', 'Bob']], `delimiter ${JSON.stringify(delimiter)}`);
    assert.deepEqual(result.problems, []);
  }
  // A comma first: an address followed by a name with a semicolon in it is a comma file.
  assert.deepEqual(parse('ada@example.org,Ada; the first\n').rows.map((row) => row.name), ['Ada; the first']);
});

test('csv import: a file without a header whose first address is mistyped is imported, that row reported at its line, not the whole file refused as a header', () => {
  const parsed = parse('jane.example.org,Jane\nbob@example.org,Bob\ncarol@example.org,Carol\n');
  assert.deepEqual(parsed.rows.map((row) => [row.email, row.line]), [
    ['bob@example.org', 2],
    ['carol@example.org', 3],
  ]);
  assert.deepEqual(parsed.problems.map((problem) => problem.line), [1]);
  assert.match(parsed.problems[0]!.message, /jane\.example\.org/);
  for (const delimiter of [';', '\t', '|']) {
    const other = parse(`jane.example.org${delimiter}Jane\nbob@example.org${delimiter}Bob\n`);
    assert.deepEqual(other.rows.map((row) => [row.email, row.name]), [['bob@example.org', 'Bob']], JSON.stringify(delimiter));
    assert.deepEqual(other.problems.map((problem) => problem.line), [1]);
  }
});

test('csv import: a header without an address column is one error naming what it found (exit 2)', () => {
  assert.throws(
    () => parse('mail_to;full_name\nada@example.org;Ada\n'),
    (error) => isPaperboyError(error) && error.exitCode === 2 && error.message.includes('list.csv:1:1') && error.message.includes('`mail_to`, `full_name`') && /column named `email`/.test(error.message),
  );
});

test('csv import: quoted fields keep commas, quotes and line breaks; line numbers count the broken lines', () => {
  const result = parse('email,name\nada@example.org,"Lovelace, ""Ada""\nCountess"\nbad-address,X\nbob@example.org,Bob\n');
  assert.equal(result.rows[0]!.name, 'Lovelace, "Ada" Countess', 'a line break in a name becomes a space');
  assert.deepEqual(result.problems.map((problem) => problem.line), [4]);
  assert.equal(result.rows[1]!.line, 5);
});

test('csv import: every bad row is reported with its line and reason, and the good rows are kept', () => {
  const result = parse(['email,name', 'ada@example.org,Ada', 'not-an-address,X', ',Nobody', 'a b@example.org,Y', `c@example.org,${'n'.repeat(201)}`, 'd@example.org,D', 'e@exa|mple.org,E'].join('\n'));
  assert.deepEqual(emails(['email,name', 'ada@example.org,Ada', 'd@example.org,D'].join('\n')), ['ada@example.org', 'd@example.org']);
  assert.deepEqual(result.rows.map((row) => row.email), ['ada@example.org', 'd@example.org']);
  assert.deepEqual(
    result.problems.map((problem) => [problem.line, problem.message.split(',')[0]]),
    [
      [3, 'Unexpected email address `not-an-address` (it has no @)'],
      [4, 'Missing email address'],
      [5, 'Unexpected email address `a b@example.org` (it has a space)'],
      [6, 'Unexpected name of 201 characters'],
      [8, 'Unexpected email address `e@exa|mple.org`: its domain'],
    ],
  );
});

test('csv import: an unclosed quote is reported at its line and the rows before and after it are kept', () => {
  const result = parse('email,name\nada@example.org,Ada\n"bob@example.org,Bob\ncarl@example.org,Carl\n');
  assert.deepEqual(result.rows.map((row) => [row.line, row.email]), [
    [2, 'ada@example.org'],
    [4, 'carl@example.org'],
  ]);
  assert.deepEqual(result.problems.map((problem) => problem.line), [3]);
  assert.match(result.problems[0]!.message, /closing `"`/);
});

test('csv import: after a row with a stray quote the next lines are read as rows again, each bad one reported at its own line', () => {
  const closing = parse('email,name\n"x@example.com"y,X\na@example.com,A\nb@example.com,"B\nB"\nc@example.com,C\n');
  assert.deepEqual(closing.rows.map((row) => [row.line, row.email]), [
    [3, 'a@example.com'],
    [4, 'b@example.com'],
    [6, 'c@example.com'],
  ]);
  assert.deepEqual(closing.problems.map((problem) => [problem.line, problem.message.split(',')[0]]), [[2, 'Unexpected character after a closing quote']]);
  const nickname = parse('email,name\na@example.com,"John "Johnny" Smith"\nb@example.com,Bob\n');
  assert.deepEqual(nickname.rows.map((row) => row.email), ['b@example.com']);
  assert.deepEqual(nickname.problems.map((problem) => problem.line), [2]);
  const inField = parse('email,name\na@example.com,Jo"e\nb@example.com,Bob\n');
  assert.deepEqual(inField.rows.map((row) => row.email), ['b@example.com']);
  assert.deepEqual(inField.problems, [{ line: 2, message: 'Unexpected `"` inside a field that does not start with one, expected the whole field quoted (write a quote inside a quoted field as "")' }]);
});

test('csv import: a quoted field the file ends inside is said at the quote that opened it, and says the lines after it are read again as rows only when there are some', () => {
  const last = parse('email,name\nc@example.org,Cat\nd@example.org,"Dan');
  assert.deepEqual(last.rows.map((row) => row.email), ['c@example.org']);
  assert.deepEqual(last.problems, [{ line: 3, column: 15, message: 'Unexpected end of file inside a quoted field, expected a closing `"`' }]);
  const trailingBlank = parse('email,name\nd@example.org,"Dan\n\n');
  assert.deepEqual(trailingBlank.problems, [{ line: 2, column: 15, message: 'Unexpected end of file inside a quoted field, expected a closing `"`' }]);
  const before = parse('email,name\na@example.org,"Ann\nb@example.org,Bob\n');
  assert.deepEqual(before.rows.map((row) => [row.line, row.email]), [[3, 'b@example.org']]);
  assert.deepEqual(before.problems, [{ line: 2, column: 15, message: 'Unexpected end of file inside a quoted field, expected a closing `"` (the lines after this one are read as rows of their own)' }]);
});

test('csv import: a quote a row opens and never closes is said at that quote, naming the later line whose quote ended the field, not as "a character after a closing quote"', () => {
  const result = parse('email,first,last\n"ken@example.org,Ken,Thompson\ndennis@example.org,Dennis,"Ritchie, Jr."\nada@example.org,Ada,Lovelace\n');
  assert.deepEqual(result.rows.map((row) => [row.line, row.email]), [
    [3, 'dennis@example.org'],
    [4, 'ada@example.org'],
  ]);
  assert.deepEqual(result.problems, [
    {
      line: 2,
      column: 1,
      message: 'Unexpected `"` that this line never closes: the quoted field runs on to line 3, where a `"` before `R` ends it, expected a closing `"` on this line, or no quote (the lines after this one are read again as rows of their own)',
    },
  ]);
  // A quote written `""` inside the run-on field is text, not its end; CRLF lines count as one line each.
  const crlf = parse('email,name\r\na@example.org,"Ann ""A"" Lee\r\nb@example.org,B\r\nc@example.org,"C"x\r\n');
  assert.deepEqual(crlf.problems.map(({ line, column, message }) => [line, column, message.split(/[:,]/)[0]]), [
    [2, 15, 'Unexpected `"` that this line never closes'],
    [4, undefined, 'Unexpected character after a closing quote'],
  ]);
  assert.match(crlf.problems[0]!.message, /runs on to line 4, where a `"` before `C` ends it/);
  assert.deepEqual(crlf.rows.map((row) => row.email), ['b@example.org']);
  // A closing quote on the row's own line is said as before.
  assert.match(parse('email,name\n"x@example.com"y,X\n').problems[0]!.message, /^Unexpected character after a closing quote/);
});

test('csv import: good rows mixed with stray quotes, unclosed quotes and bad addresses: every good row is read at its line, every bad one reported at its line', () => {
  // {EMAIL} marks a bad row; a good row's quotes always open a field before text, as a spreadsheet writes them.
  const shapes = ['{email},Ada', '{email},"Lovelace, Ada"', '{email},"The ""Countess"""', '{email},"Ada{break}Lovelace"', '"{email}",Ada', '"{EMAIL}"x,X', '"{EMAIL}" ,X', '{EMAIL},"John "Johnny" Smith"', '{EMAIL},Jo"e', '{EMAIL},"unclosed', 'not-an-address,X'];
  const row = fc.record({ shape: fc.constantFrom(...shapes), blankAfter: fc.boolean() });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, lineBreak, finalBreak) => {
      const lines = ['email,name'];
      const goodRows: [number, string][] = [];
      const badLines: number[] = [];
      rows.forEach(({ shape, blankAfter }, i) => {
        const email = `reader${i}@example.org`;
        if (shape.includes('{email}')) goodRows.push([lines.length + 1, email]);
        else badLines.push(lines.length + 1);
        lines.push(...shape.replace(/\{email\}/i, email).replace('{break}', lineBreak).split(lineBreak));
        if (blankAfter) lines.push('');
      });
      const result = parse(lines.join(lineBreak) + (finalBreak ? lineBreak : ''));
      assert.deepEqual(result.rows.map((parsed) => [parsed.line, parsed.email]), goodRows);
      assert.deepEqual(result.problems.map((problem) => problem.line), badLines);
    }),
    { numRuns: 500 },
  );
});

test('csv import: duplicate addresses (any case) are merged into the first row', () => {
  const result = parse('email\nAda@Example.org\nbob@example.org\nada@example.ORG\n');
  assert.deepEqual(result.rows.map((row) => row.email), ['Ada@Example.org', 'bob@example.org']);
  assert.deepEqual(result.duplicates, [{ line: 4, column: 1, firstLine: 2, email: 'ada@example.ORG' }]);
});

test('csv import: a formula-escaped cell from an export is read back as it was', () => {
  assert.deepEqual(parse("email,name\n'-dash@example.org,'=Ada\n").rows.map((row) => [row.email, row.name]), [['-dash@example.org', '=Ada']]);
});

test('csv import: a status column only ever keeps a reader from being mailed: a suppression, or pending (never confirmed)', () => {
  const result = parse('email,status\na@example.org,active\nb@example.org,unsubscribed\nc@example.org,pending\nd@example.org,gone\n');
  assert.deepEqual(result.rows.map((row) => [row.email, row.status]), [
    ['a@example.org', undefined],
    ['b@example.org', 'unsubscribed'],
    ['c@example.org', 'pending'],
  ]);
  assert.deepEqual(result.problems.map((problem) => problem.line), [5]);
});

test('csv import: the export shapes of Mailchimp, Buttondown, Substack and listmonk give their addresses and names', () => {
  const read = (text: string) => parse(text).rows.map((row) => [row.email, row.name, row.status]);
  // Mailchimp: "Email Address", the name in "First Name" and "Last Name", joined.
  assert.deepEqual(read('Email Address,First Name,Last Name,Address,Phone Number,MEMBER_RATING\nada@example.org,Ada,Lovelace,,,2\nbob@example.org,,Smith,,,2\ncy@example.org,,,,,2\n'), [
    ['ada@example.org', 'Ada Lovelace', undefined],
    ['bob@example.org', 'Smith', undefined],
    ['cy@example.org', '', undefined],
  ]);
  // Buttondown: email_address; Substack: email, name.
  assert.deepEqual(read('id,email_address,notes,tags\n7,ada@example.org,,\n'), [['ada@example.org', '', undefined]]);
  assert.deepEqual(read('email,name,active_subscription\nada@example.org,Ada L,false\n'), [['ada@example.org', 'Ada L', undefined]]);
  // listmonk: its statuses read as paperboy's, a subscriber it does not mail not made active here.
  assert.deepEqual(read('uuid,email,name,attributes,status,created_at\nu1,ada@example.org,Ada,{},enabled,2024\nu2,bob@example.org,Bob,{},blocklisted,2024\nu3,cy@example.org,Cy,{},disabled,2024\n'), [
    ['ada@example.org', 'Ada', undefined],
    ['bob@example.org', 'Bob', 'unsubscribed'],
    ['cy@example.org', 'Cy', 'unsubscribed'],
  ]);
  // A `name` wins over first and last names; an empty one leaves them to give it.
  assert.deepEqual(read('email,name,first_name,last_name\nada@example.org,Ada L.,Ada,Lovelace\nbob@example.org,,Bob,Smith\n'), [
    ['ada@example.org', 'Ada L.', undefined],
    ['bob@example.org', 'Bob Smith', undefined],
  ]);
});

test("csv import: Mailchimp's exports of unsubscribed and cleaned members keep them unsubscribed and bounced, never active", () => {
  const rows = parse('Email Address,First Name,UNSUB_TIME,CLEAN_TIME\nada@example.org,Ada,2024-01-02 10:00:00,\nbob@example.org,Bob,,2024-03-04 11:00:00\ncy@example.org,Cy,,\n').rows;
  assert.deepEqual(rows.map((row) => [row.email, row.status]), [
    ['ada@example.org', 'unsubscribed'],
    ['bob@example.org', 'bounced'],
    ['cy@example.org', undefined],
  ]);
});

test("csv import: Buttondown's export keeps its unsubscribed, removed and spammy subscribers from being mailed, its unactivated ones pending, and its creation date as the consent's", () => {
  const header = 'id,creation_date,email_address,notes,metadata,tags,referrer_url,secondary_id,type';
  const rows = ['left', 'removed', 'spammy', 'regular', 'premium', 'unactivated'].map((type, i) => `${i},2023-01-0${i + 1}T08:00:00Z,${type}@example.org,,{},[],,${i},${type}`);
  const result = parse(`${header}\n${rows.join('\n')}\n`.replace(',left\n', ',unsubscribed\n'));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows.map((row) => [row.email, row.status]), [
    ['left@example.org', 'unsubscribed'],
    ['removed@example.org', 'unsubscribed'],
    ['spammy@example.org', 'unsubscribed'],
    ['regular@example.org', undefined],
    ['premium@example.org', undefined],
    ['unactivated@example.org', 'pending'],
  ]);
  assert.equal(result.rows[0]!.times.consentAt, '2023-01-01T08:00:00.000Z');
  // `type` elsewhere is no status: a file with another address column keeps every row.
  assert.deepEqual(parse('email,type\nada@example.org,personal\n').rows.map((row) => [row.email, row.status]), [['ada@example.org', undefined]]);
});

test("csv import: Buttondown's newer subscriber types are read: churned and upcoming readers mailed, undeliverable ones bounced, complained and blocked ones never mailed, and its unsubscription_date is the time of unsubscribing", () => {
  // The columns of a Buttondown export of 2024 on (its API's `type` enum, buttondown/openapi enums.json).
  const header = 'id,email_address,notes,metadata,tags,creation_date,secondary_id,type,source,referrer_url,unsubscription_date,undeliverability_date';
  const row = (type: string, left = '', gone = '') => `sub_${type},${type}@example.org,,{},[],2023-01-01T08:00:00Z,1,${type},organic,,${left},${gone}`;
  const result = parse(`${header}\n${[row('churned'), row('upcoming'), row('undeliverable', '', '2024-01-01T00:00:00Z'), row('complained'), row('blocked'), row('unsubscribed', '2024-05-05T10:00:00Z')].join('\n')}\n`);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows.map((row) => [row.email, row.status]), [
    ['churned@example.org', undefined],
    ['upcoming@example.org', undefined],
    ['undeliverable@example.org', 'bounced'],
    ['complained@example.org', 'complained'],
    ['blocked@example.org', 'unsubscribed'],
    ['unsubscribed@example.org', 'unsubscribed'],
  ]);
  assert.equal(result.rows[5]!.times.unsubscribedAt, '2024-05-05T10:00:00.000Z');
  // A type it does not know is a bad row naming Buttondown's types, not paperboy's statuses.
  assert.deepEqual(parse(`${header}\n${row('vip')}\n`).problems.map((problem) => problem.message), [
    "Unexpected type `vip`, expected one of Buttondown's types regular, premium, trialed, unpaid, gifted, churning, churned, upcoming, paused, past_due, unactivated, unsubscribed, removed, blocked, spammy, undeliverable, complained (or empty)",
  ]);
});

test("csv import: Buttondown's older exports name the type column subscriber_type, beside an email column: its unsubscribed and unactivated readers are kept from being mailed", () => {
  // The fields of Buttondown's API and export before 2023 (`email`, `subscriber_type`).
  const header = 'creation_date,email,id,metadata,notes,referrer_url,secondary_id,source,subscriber_type,tags';
  const row = (type: string) => `2022-10-24T19:21:28.855Z,${type}@example.org,13399cbd,{},,,20,api,${type},[]`;
  const result = parse(`${header}\n${['regular', 'unsubscribed', 'unactivated', 'spammy'].map(row).join('\n')}\n`);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows.map((row) => [row.email, row.status]), [
    ['regular@example.org', undefined],
    ['unsubscribed@example.org', 'unsubscribed'],
    ['unactivated@example.org', 'pending'],
    ['spammy@example.org', 'unsubscribed'],
  ]);
  const [problem, ...others] = parse(`${header}\n${row('vip')}\n`).problems;
  assert.deepEqual(others, []);
  assert.match(problem!.message, /^Unexpected type `vip`, expected one of Buttondown's types regular, /);
});

test("csv import: Substack's stand-in address for a reader who asked to be deleted (…@deletion-request.substack.com) is skipped and said at its cell, never imported to be mailed", () => {
  // The columns of Substack's export of its sign-ups.
  const result = parse('email,active_subscription,expiry,email_disabled,created_at\nada@example.org,,,false,2020-08-06T10:21:25.605Z\nx8k2j@deletion-request.substack.com,,,false,2020-08-06T10:21:25.605Z\n');
  assert.deepEqual(result.rows.map((row) => row.email), ['ada@example.org']);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.passedOver, [
    { line: 3, column: 1, message: "x8k2j@deletion-request.substack.com is Substack's stand-in for a reader who asked Substack to delete their account: skipped, not imported (no reader receives mail there)" },
  ]);
});

test("csv import: Ghost's subscribed_to_emails and Substack's email_disabled keep a reader who turned emails off unsubscribed; a value that is no yes or no is a bad row", () => {
  const result = parse('email,subscribed_to_emails\nada@example.org,true\nbob@example.org,FALSE\ncy@example.org,\ndee@example.org,maybe\n');
  assert.deepEqual(result.rows.map((row) => [row.email, row.status]), [
    ['ada@example.org', undefined],
    ['bob@example.org', 'unsubscribed'],
    ['cy@example.org', undefined],
  ]);
  assert.deepEqual(result.problems, [{ line: 5, column: 17, message: 'Unexpected `subscribed_to_emails` `maybe`, expected true or false (or empty)' }]);
  assert.deepEqual(parse('email,email_disabled\nada@example.org,false\nbob@example.org,true\n').rows.map((row) => [row.email, row.status]), [
    ['ada@example.org', undefined],
    ['bob@example.org', 'unsubscribed'],
  ]);
  // A stronger suppression the file gives stays: a bounce is not made an unsubscribe.
  assert.deepEqual(parse('email,status,subscribed_to_emails\nada@example.org,bounced,false\n').rows.map((row) => row.status), ['bounced']);
  // The same reader twice, turned off in the second row: the suppression wins (RELIABILITY 19).
  assert.deepEqual(parse('email,email_disabled\nada@example.org,false\nADA@example.org,true\n').rows.map((row) => row.status), ['unsubscribed']);
});

test('csv import: the header columns no value is read from are named once, with the header line; none for a file that has none or no header', () => {
  assert.deepEqual(parse('Email Address,First Name,Last Name,Address,MEMBER_RATING\nada@example.org,Ada,L,,2\nbob@example.org,Bob,S,,2\n').ignored, { line: 1, columns: ['Address', 'MEMBER_RATING'] });
  assert.equal(parse('email,name,status\nada@example.org,Ada,active\n').ignored, undefined);
  assert.equal(parse('ada@example.org,Ada,extra\n').ignored, undefined);
});

test('csv import: a CRLF file with a line break inside a quoted field numbers the rows after it by the lines a text editor shows', () => {
  const result = parse('email,name\r\n"ada@example.org","Lovelace\r\nCountess"\r\nbad-address,X\r\nbob@example.org,Bob\r\n"unclosed,Y\r\n');
  assert.deepEqual(result.rows.map((row) => row.line), [2, 5]);
  assert.deepEqual(result.problems.map((problem) => problem.line), [4, 6]);
});

test('csv import: bytes that are not UTF-8 (a Latin-1 file) are refused row by row, never stored changed; a UTF-16 file that is no valid UTF-16 is one error', () => {
  const latin1 = Buffer.concat([Buffer.from('email\nada@example.org\nlatin'), Buffer.from([0xe9]), Buffer.from('@example.org\nbob@example.org\n')]);
  const { validUtf8 } = subscriberCsvBytes(latin1, 'latin1.csv');
  assert.equal(validUtf8, false);
  const result = parseSubscriberCsv(latin1, 'latin1.csv', { validUtf8 });
  assert.deepEqual(result.rows.map((row) => row.email), ['ada@example.org', 'bob@example.org']);
  assert.deepEqual(result.problems, [{ line: 3, column: 1, message: 'Unexpected bytes that are not UTF-8 in this row (a file saved as Latin-1 or Windows-1252?), expected the file saved as UTF-8' }]);
  // A lone surrogate (D800) is no UTF-16 text.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email\nada@example.org\n', 'utf16le'), Buffer.from([0x00, 0xd8, 0x0a, 0x00])]);
  assert.throws(() => subscriberCsvBytes(utf16, 'utf16.csv'), (error) => isPaperboyError(error) && error.code === 'CSV_NOT_UTF16' && error.exitCode === 2 && /utf16\.csv:1:1: Unexpected bytes that are not UTF-16/.test(error.message));
  // A UTF-8 file may hold U+FFFD itself: it is text, not a decoding failure.
  assert.equal(parseSubscriberCsv('email,name\nada@example.org,\uFFFD\n', 'ok.csv').rows.length, 1);
});

test('csv import: LF lines in a CRLF file (and lone CRs) each end a row, never read into the row before', () => {
  const result = parse('email,name\r\nada@example.org,Ada\nbob@example.org,Bob\rcy@example.org,Cy\r\n');
  assert.deepEqual(result.rows.map((row) => [row.line, row.email, row.name]), [
    [2, 'ada@example.org', 'Ada'],
    [3, 'bob@example.org', 'Bob'],
    [4, 'cy@example.org', 'Cy'],
  ]);
  assert.deepEqual(result.problems, []);
});

test('csv import: a suppression in a later duplicate row is kept in the merged row, whatever the order', () => {
  const later = parse('email,name,status\nx@example.com,X,active\nX@Example.com,X,unsubscribed\n');
  assert.deepEqual(later.rows.map((row) => [row.line, row.email, row.status]), [[2, 'x@example.com', 'unsubscribed']]);
  assert.deepEqual(later.duplicates, [{ line: 3, column: 1, firstLine: 2, email: 'X@Example.com' }]);
  const earlier = parse('email,status\nx@example.com,bounced\nx@example.com,\nx@example.com,complained\n');
  assert.deepEqual(earlier.rows.map((row) => row.status), ['bounced'], 'the first suppression stays');
});

test('csv import: an address that is not ASCII before the @ is a row error saying it needs SMTPUTF8; an internationalized domain is kept', () => {
  const result = parse(['email,name', 'Jöhn@example.com,J', 'leser@bücher.example,L'].join('\n'));
  assert.deepEqual(result.rows.map((row) => row.email), ['leser@bücher.example']);
  assert.deepEqual(
    result.problems.map((problem) => [problem.line, problem.message]),
    [[2, 'Unexpected email address `Jöhn@example.com`: its part before the @, `Jöhn`, is not ASCII, expected ASCII letters, digits and punctuation there: such an address needs SMTPUTF8 (RFC 6531) on every mail server on its way, which paperboy cannot count on']],
  );
});

test('csv import: an address cell holding a line break (a quoted newline) is reported on one line, the break shown as ⏎', () => {
  const result = parse('email\n"split\n@example.org"\nada@example.org\n');
  assert.deepEqual(result.problems, [{ line: 2, column: 1, message: 'Unexpected email address `split⏎@example.org` (it has a line break), expected an address such as reader@example.org' }]);
  assert.deepEqual(result.rows.map((row) => row.email), ['ada@example.org']);
});

test('csv import: a later row of an address that unsubscribed gives the first its status and its time of unsubscribing', () => {
  const result = parse('Email Address,OPTIN_TIME,UNSUB_TIME\nada@example.org,2020-01-01 00:00:00,\nADA@example.org,2021-01-01 00:00:00,2022-05-06 07:08:09\n');
  assert.deepEqual(
    result.rows.map((row) => [row.email, row.status, row.times]),
    [['ada@example.org', 'unsubscribed', { consentAt: '2020-01-01T00:00:00.000Z', unsubscribedAt: '2022-05-06T07:08:09.000Z' }]],
  );
});

test('csv import: a row with more cells than the header (a name holding an unquoted comma) is a bad row at the line and column of its first extra cell, saying how to quote it; the other rows are imported', () => {
  const result = parse('email,name\ncomma2@example.org,Doe, John\nmc2@example.org,Two,extra,more\nada@example.org,Ada\n');
  assert.deepEqual(result.rows.map((row) => [row.email, row.name]), [['ada@example.org', 'Ada']]);
  assert.deepEqual(result.problems, [
    { line: 2, column: 24, message: 'Unexpected cell ` John` after the header\'s 2 columns: the row would be imported without it, expected a field that holds a `,` in quotes, as `"Doe, John"`' },
    { line: 3, column: 21, message: 'Unexpected cell `extra` after the header\'s 2 columns: the row would be imported without it, expected a field that holds a `,` in quotes, as `"Two,extra,more"`' },
  ]);
  // The name's column is the one quoted, wherever it is, a quote in it doubled; the position is the line the cell is on (a quoted name may span two) and its column in characters, not bytes.
  const moved = parse('name,email,status\n"Ö ""Q""\nDö", John,x@example.org,unsubscribed\n');
  assert.deepEqual(moved.problems.map(({ line, column, message }) => [line, column, message.split(', as ')[1]]), [[3, 25, '`"Ö ""Q""⏎Dö, John"`']]);
  // Without a header the row is the address and the name.
  const headerless = parse('ada@example.org\tLovelace\tAda\n');
  assert.deepEqual(headerless.problems.map(({ line, column, message }) => [line, column, message]), [
    [1, 26, 'Unexpected cell `Ada` after the address and the name (the file has no header row): the row would be imported without it, expected a field that holds a tab in quotes, as `"Lovelace\tAda"`, or a header row naming the columns'],
  ]);
  // Empty cells past the header, or under empty header cells a spreadsheet saved, lose nothing.
  assert.deepEqual(emails('email,name,,\nada@example.org,Ada,,\nbob@example.org,Bob, ,\n'), ['ada@example.org', 'bob@example.org']);
  assert.deepEqual(parse('email,name,\nada@example.org,Ada,x\n').problems.map(({ line, column }) => [line, column]), [[2, 21]]);
});

test('csv import: an extra cell after a time column is not offered as half of a name: quoting the name with the time would move the extra cell into the time\'s column', () => {
  const result = parse('Email Address,First Name,Last Name,OPTIN_TIME\nbob@example.org,Bob,Smith,2023-01-05 10:00:00,extra\nann@example.org,Ann,"Lee, Jr.",2023-01-06\n');
  assert.deepEqual(result.problems, [
    { line: 2, column: 47, message: "Unexpected cell `extra` after the header's 4 columns: the row would be imported without it, expected 4 cells: remove the extra one, or put in quotes a field that holds a `,`" },
  ]);
  assert.deepEqual(result.rows.map((row) => [row.email, row.name]), [['ann@example.org', 'Ann Lee, Jr.']]);
  // A name with an unquoted comma before a time column: the join reads well, so it is offered.
  const comma = parse('Email Address,Last Name,OPTIN_TIME\nann@example.org,Lee, Jr.,2023-01-06\n');
  assert.match(comma.problems[0]!.message, /expected a field that holds a `,` in quotes, as `"Lee, Jr\."`$/);
  // A status column too: the join must not move `x` into it.
  const status = parse('email,name,status\nann@example.org,Ann,unsubscribed,x\n');
  assert.match(status.problems[0]!.message, /expected 3 cells: remove the extra one/);
});

test('csv import: a row over 1,000,000 characters is a bad row at its line naming the limit, the rows after it imported; a quote left open over as much says so', () => {
  const long = 'n'.repeat(1_200_000);
  const result = parse(`email,name\nada@example.org,Ada\nbig@example.org,${long}\nbob@example.org,Bob\n`);
  assert.deepEqual(result.rows.map((row) => [row.line, row.email]), [
    [2, 'ada@example.org'],
    [4, 'bob@example.org'],
  ]);
  assert.deepEqual(result.problems, [{ line: 3, message: 'Unexpected row of over 1,000,000 characters, expected at most 1,000,000 (an address, a name of at most 200 characters and a few more columns): the row is not read' }]);
  const open = parse(`email,name\nada@example.org,"Ada\n${'x,y\n'.repeat(300_000)}`);
  assert.deepEqual(open.problems[0], { line: 2, column: 17, message: 'Unexpected quoted field still open after 1,000,000 characters, expected a closing `"` (the lines after this one are read as rows of their own)' });
  assert.equal(open.rows.length, 0);
});

test('csv import: a UTF-16 file without a byte-order mark (NUL bytes in alternate positions) is read as one with it is', () => {
  const text = 'email,name\nada@example.org,Ada\n';
  const big = Buffer.from(text, 'utf16le').swap16();
  for (const [bytes, what, decoded] of [[Buffer.from(text, 'utf16le'), 'little-endian', text], [big, 'big-endian', text], [Buffer.from('email\n', 'utf16le'), 'an address column alone', 'email\n']] as const) {
    assert.deepEqual(subscriberCsvBytes(bytes, 'utf16.csv'), { bytes: Buffer.from(decoded), validUtf8: true }, what);
  }
  assert.deepEqual(subscriberCsvBytes(Buffer.from(text), 'ok.csv'), { bytes: Buffer.from(text), validUtf8: true });
});

test('csv import: a time written in a form paperboy reads but not in the calendar (February 30th) is said to be no date of the calendar, not a form paperboy does not read', () => {
  const result = parse('email,consent_at\nada@example.org,2023-02-30 10:00:00\nbob@example.org,yesterday\n');
  assert.deepEqual(result.changed.map(({ line, message }) => [line, message]), [
    [2, "ada@example.org's `consent_at` `2023-02-30 10:00:00` is written as a time paperboy reads but is no date and time of the calendar, stored as the time of this import"],
    [3, "bob@example.org's `consent_at` `yesterday` is no time paperboy reads (2021-03-04 10:11:12, read as UTC, or ISO 8601), stored as the time of this import"],
  ]);
});

test('csv import: a huge or multi-line cell in the status, yes-or-no or time column is quoted on one line, its middle cut, as an address is', () => {
  const huge = 'x'.repeat(200_000);
  const result = parse(`email,status,subscribed_to_emails,consent_at\nada@example.org,,${huge},\nbob@example.org,"act\nive",,\ncy@example.org,,,"${huge}"\n`);
  assert.equal(result.problems.length, 2);
  for (const { message } of result.problems) {
    assert.ok(message.length < 300, `${message.length} characters`);
    assert.doesNotMatch(message, /\n/);
  }
  assert.match(result.problems[0]!.message, /^Unexpected `subscribed_to_emails` `x+…x+`, expected true or false/);
  assert.match(result.problems[1]!.message, /^Unexpected status `act⏎ive`/);
  assert.equal(result.changed.length, 1);
  assert.ok(result.changed[0]!.message.length < 400, `${result.changed[0]!.message.length} characters`);
});

test('csv import: the exports of Mailchimp and Brevo in German, French, Spanish, Italian and Portuguese, and Dutch headers, give their addresses and names, first and last names joined', () => {
  const read = (text: string) => parse(text).rows.map((row) => [row.email, row.name]);
  // Mailchimp's default fields in an account of each language.
  assert.deepEqual(read('E-Mail-Adresse,Vorname,Nachname,MEMBER_RATING\nada@example.org,Ada,Lovelace,2\n'), [['ada@example.org', 'Ada Lovelace']]);
  assert.deepEqual(read('Adresse e-mail,Prénom,Nom\nada@example.org,Ada,Lovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  assert.deepEqual(read('Dirección de correo electrónico;Nombre;Apellido\nada@example.org;Ada;Lovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  assert.deepEqual(read('Indirizzo email,Nome,Cognome\nada@example.org,Ada,Lovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  assert.deepEqual(read('Endereço de e-mail,Nome,Sobrenome\nada@example.org,Ada,Lovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  // Brevo's attributes in a French account, upper case and without accents.
  assert.deepEqual(read('EMAIL;PRENOM;NOM\nada@example.org;Ada;Lovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  // Other spellings: a French `Courriel`, a Spanish address without its accent, Dutch.
  assert.deepEqual(read('Courriel,Nom complet\nada@example.org,Ada Lovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  assert.deepEqual(read('Correo electronico,Nombre,Apellidos\nada@example.org,Ada,Lovelace Byron\n'), [['ada@example.org', 'Ada Lovelace Byron']]);
  assert.deepEqual(read('E-mailadres\tVoornaam\tAchternaam\nada@example.org\tAda\tLovelace\n'), [['ada@example.org', 'Ada Lovelace']]);
  assert.equal(parse('E-Mail-Adresse,Vorname,Nachname\nada@example.org,Ada,Lovelace\n').ignored, undefined);
});

test('csv import: a column named as a name alone is the part its header lacks (German Vorname and Name, MailerLite name and last_name), else the whole name, never said twice', () => {
  const read = (text: string) => parse(text).rows.map((row) => row.name);
  assert.deepEqual(read('E-Mail,Vorname,Name\nada@example.org,Ada,Lovelace\nbo@example.org,,Smith\ncy@example.org,Cy,\n'), ['Ada Lovelace', 'Smith', 'Cy']);
  assert.deepEqual(read('email,name,last_name\nada@example.org,Ada,Lovelace\n'), ['Ada Lovelace']);
  assert.deepEqual(read('E-Mail-Adresse,Name\nada@example.org,Ada Lovelace\n'), ['Ada Lovelace']);
  assert.deepEqual(read('Courriel,Nom\nada@example.org,Ada Lovelace\n'), ['Ada Lovelace']);
  // The name-alone column already holding the whole name: as written, not "Ada Ada Lovelace".
  assert.deepEqual(read('email,first name,name\nada@example.org,Ada,Ada Lovelace\n'), ['Ada Lovelace']);
  assert.deepEqual(read('email,name,last name\nada@example.org,Ada Lovelace,Lovelace\n'), ['Ada Lovelace']);
  // Beside a whole name's column and both parts', it is a column paperboy does not read, said as such.
  assert.deepEqual(parse('email,full name,first name,last name,Nom\nada@example.org,Ada L,Ada,L,X\n').ignored, { line: 1, columns: ['Nom'] });
});

test("csv import: a Dutch list's tussenvoegsel column joins the name between first and last name, as Dutch writes it (Jan van der Berg), and is not said to be ignored", () => {
  const read = (text: string) => parse(text).rows.map((row) => row.name);
  const file = 'E-mailadres;Voornaam;Tussenvoegsel;Achternaam\njan@example.nl;Jan;van der;Berg\npiet@example.nl;Piet;;Jansen\nanne@example.nl;;van;Dijk\nkees@example.nl;Kees;de;de Vries\n';
  // Without a first name it starts with a capital (Taalunie); a last name that holds it already is as written.
  assert.deepEqual(read(file), ['Jan van der Berg', 'Piet Jansen', 'Van Dijk', 'Kees de Vries']);
  assert.equal(parse(file).ignored, undefined);
  // Its other spellings, in any case and column order; beside MailerLite's `name` (the first name) and `last_name` too.
  for (const header of ['tussenvoegsels', 'TUSSENVOEGSEL', 'Voorvoegsel', 'voorvoegsels', 'Tussenvoegsel(s)', 'Voorvoegsel achternaam']) {
    assert.deepEqual(read(`email,Achternaam,${header},Voornaam\njan@example.nl,Berg,van der,Jan\n`), ['Jan van der Berg'], header);
  }
  assert.deepEqual(read('email,name,tussenvoegsel,last_name\njan@example.nl,Jan,van der,Berg\n'), ['Jan van der Berg']);
  // A whole name's column, when filled, is the name; an apostrophe's word keeps its case ('t Hart).
  assert.deepEqual(read("email,naam,voornaam,tussenvoegsel,achternaam\njan@example.nl,J. v.d. Berg,Jan,van der,Berg\nt@example.nl,,,'t,Hart\n"), ['J. v.d. Berg', "'t Hart"]);
  // Without a last name it is no name: left out of a row, and a header without a last name's column reads nothing from it.
  assert.deepEqual(read('email,voornaam,tussenvoegsel,achternaam\njan@example.nl,Jan,van,\n'), ['Jan']);
  assert.deepEqual(parse('email,naam,tussenvoegsel\njan@example.nl,Jan van Dijk,van\n').ignored, { line: 1, columns: ['tussenvoegsel'] });
  // Two tussenvoegsel columns: which one is the reader's would be a guess.
  assert.throws(() => parse('email,tussenvoegsel,voornaam,Tussenvoegsel\njan@example.nl,van,Jan,van\n'), (error) => isPaperboyError(error) && error.code === 'CSV_REPEATED_COLUMN');
});

test("csv import: English `Middle Name` and `Prefix` columns are not a tussenvoegsel: a given name a reader may not go by, a title before the first name; each is said to be ignored", () => {
  const parsed = parse('email,First Name,Middle Name,Last Name,Prefix\nada@example.org,Ada,Augusta,Lovelace,Countess\n');
  assert.deepEqual(parsed.rows.map((row) => row.name), ['Ada Lovelace']);
  assert.deepEqual(parsed.ignored, { line: 1, columns: ['Middle Name', 'Prefix'] });
});

test('csv import: a header with no address column paperboy knows is refused naming the address headers it knows', () => {
  assert.throws(
    () => parse('Adresse du lecteur,Prénom\nada@example.org,Ada\n'),
    (error) => isPaperboyError(error) && error.exitCode === 2 && error.message.includes('`Adresse du lecteur`, `Prénom`') && ['`Email Address`', '`E-Mail-Adresse`', '`Courriel`', '`Correo electrónico`', '`Indirizzo email`', '`E-mailadres`'].every((name) => error.message.includes(name)),
  );
});

test('csv import: bidirectional controls (U+202A–U+202E, U+2066–U+2069) and other invisible format characters in a name are removed, each row saying which code point at its name cell; ZWJ and ZWNJ stay', () => {
  const result = parse('email,name\neve@example.org,\u202eevE\u202c\nzw@example.org,Zo\u00eb\u200bZ\niso@example.org,\u2067Ada\u2069\nfa@example.org,\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\nfam@example.org,\ud83d\udc69\u200d\ud83d\udc67\n');
  assert.deepEqual(
    result.rows.map(({ email, name }) => [email, name]),
    [
      ['eve@example.org', 'evE'],
      ['zw@example.org', 'Zo\u00ebZ'],
      ['iso@example.org', 'Ada'],
      ['fa@example.org', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'],
      ['fam@example.org', '\ud83d\udc69\u200d\ud83d\udc67'],
    ],
  );
  assert.deepEqual(
    result.changed.map(({ line, column, message }) => [line, column, message]),
    [
      [2, 17, 'eve@example.org\'s name has the invisible format character U+202E (a bidirectional control: it can show the name reversed), removed: "evE"'],
      [3, 16, 'zw@example.org\'s name has the invisible format character U+200B, removed: "Zo\u00ebZ"'],
      [4, 17, 'iso@example.org\'s name has the invisible format character U+2067 (a bidirectional control: it can show the name reversed), removed: "Ada"'],
    ],
  );
});
