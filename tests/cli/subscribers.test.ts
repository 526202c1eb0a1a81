import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';

const cli = (root: string, ...argv: string[]) => runCli(['subscribers', ...argv, '--root', root], { cwd: root });

test('subscribers add, count, list, remove: the store from the command line', async () => {
  const root = makeRoot({});
  assert.equal((await cli(root, 'add', 'Ada@Example.org', '--name', 'Ada')).stdout, 'Added Ada@Example.org (active)\n');
  assert.equal((await cli(root, 'add', 'ada@example.ORG')).stdout, 'Already subscribed: Ada@Example.org (active)\n', 'unique case-insensitively, stored as given');
  await cli(root, 'add', 'bob@example.org');
  assert.equal((await cli(root, 'count')).stdout, '2\n');
  assert.equal((await cli(root, 'list')).stdout, 'Ada@Example.org\tAda\tactive\nbob@example.org\t\tactive\n');
  const removed = await cli(root, 'remove', 'BOB@example.org');
  assert.equal(removed.code, 0);
  assert.equal((await cli(root, 'count')).stdout, '1\n');
  assert.equal((await cli(root, 'count', '--status', 'unsubscribed')).stdout, '1\n');
});

test('subscribers add: a reader already on the list given another --name has the name corrected, the status and consent unchanged; the same name, or none given, changes nothing', async () => {
  const root = makeRoot({});
  await cli(root, 'add', 'hans@example.de');
  assert.equal((await cli(root, 'add', 'hans@example.de', '--name', 'Hans Schmidt')).stdout, 'Already subscribed: hans@example.de (active); name now "Hans Schmidt" (was none)\n');
  assert.equal((await cli(root, 'add', 'HANS@example.de', '--name', 'Hans Schmidt')).stdout, 'Already subscribed: hans@example.de (active)\n');
  assert.equal((await cli(root, 'add', 'hans@example.de')).stdout, 'Already subscribed: hans@example.de (active)\n');
  assert.equal((await cli(root, 'list')).stdout, 'hans@example.de\tHans Schmidt\tactive\n');
  const exported = (await cli(root, 'export')).stdout;
  assert.match(exported, /^hans@example\.de,Hans Schmidt,active,cli,/m);
});

test('subscribers add: an address that unsubscribed is never re-activated (exit 1)', async () => {
  const root = makeRoot({});
  await cli(root, 'add', 'ada@example.org');
  await cli(root, 'remove', 'ada@example.org');
  const again = await cli(root, 'add', 'ada@example.org');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /ada@example.org is unsubscribed: not added again/);
  assert.equal((await cli(root, 'count')).stdout, '0\n');
});

test('subscribers add/import: another spelling of an internationalised address is the same subscriber, never made active again', async () => {
  const root = makeRoot({ 'list.csv': 'email\nLESER@XN--BCHER-KVA.EXAMPLE\nleser@bu\u0308cher.example\nfull@ｅxample.org\n' });
  await cli(root, 'add', 'leser@bücher.example');
  await cli(root, 'add', 'full@example.org');
  await cli(root, 'remove', 'leser@bücher.example');
  const again = await cli(root, 'add', 'LESER@XN--BCHER-KVA.EXAMPLE');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is unsubscribed: not added again/);
  const imported = await cli(root, 'import', 'list.csv');
  assert.match(imported.stdout, /0 added, .* 1 unchanged, 1 skipped .*, 1 duplicate row merged/);
  assert.equal((await cli(root, 'list')).stdout, 'leser@bücher.example\t\tunsubscribed\nfull@example.org\t\tactive\n');
});

test('subscribers add/import: a malformed address says what is wrong with it (no @, a space, no ending to its domain, a comma), not only that it is one', async () => {
  const root = makeRoot({ 'list.csv': 'email\ndave@example\nok@exa mple.org\n"lee,ann@example.org"\n' });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 1);
  assert.equal(
    imported.stderr,
    'list.csv:2:1  error  Unexpected email address `dave@example` (its domain `example` has no ending such as .org), expected an address such as reader@example.org\n' +
      'list.csv:3:1  error  Unexpected email address `ok@exa mple.org` (it has a space), expected an address such as reader@example.org\n' +
      'list.csv:4:1  error  Unexpected email address `lee,ann@example.org` (it has `,`), expected an address such as reader@example.org\n',
  );
  const added = await cli(root, 'add', 'jane.example.org');
  assert.equal(added.code, 2);
  assert.match(added.stderr, /^paperboy: Unexpected email address `jane\.example\.org` \(it has no @\), expected an address such as reader@example\.org$/m);
});

test('subscribers add/remove: a malformed address or an unknown one says so', async () => {
  const root = makeRoot({});
  const bad = await cli(root, 'add', 'not an address');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Unexpected email address `not an address`/);
  const utf8 = await cli(root, 'add', 'Jöhn@example.com');
  assert.equal(utf8.code, 2, 'a local part beyond ASCII needs SMTPUTF8');
  assert.match(utf8.stderr, /Unexpected email address `Jöhn@example\.com`: its part before the @, `Jöhn`, is not ASCII/);
  const missing = await cli(root, 'remove', 'nobody@example.org');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No subscriber has the address nobody@example.org/);
  const status = await cli(root, 'list', '--status', 'gone');
  assert.equal(status.code, 2);
  const longName = await cli(root, 'add', 'long@example.org', '--name', 'N'.repeat(250));
  assert.equal(longName.code, 2, 'the name limit of import applies to add too');
  assert.match(longName.stderr, /--name: Unexpected name of 250 characters, expected at most 200/);
  assert.equal((await cli(root, 'count')).stdout, '0\n');
});

test('subscribers remove keeps the consent record (RELIABILITY 20)', async () => {
  const root = makeRoot({});
  await cli(root, 'add', 'ada@example.org');
  await cli(root, 'remove', 'ada@example.org');
  const db = openStore(join(root, '.paperboy'));
  const row = db.prepare('SELECT status, consent_source, consent_at, confirmed_at, unsubscribed_at FROM subscribers').get() as Record<string, string | null>;
  db.close();
  assert.equal(row.status, 'unsubscribed');
  assert.equal(row.consent_source, 'cli');
  assert.ok(row.consent_at && row.confirmed_at && row.unsubscribed_at);
});

test('subscribers import: bad rows reported with file:line, good rows imported, exit 1', async () => {
  const root = makeRoot({ 'list.csv': 'email,name\nada@example.org,Ada\nnope,X\nbob@example.org,Bob\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^list\.csv:3:1 {2}error {2}Unexpected email address `nope`/m);
  assert.match(result.stdout, /2 added/);
  assert.equal((await cli(root, 'count')).stdout, '2\n');
});

test('subscribers import: errors and warnings are listed in the file\'s line order, a warning of line 2 before an error of line 3, each at the column of its cell', async () => {
  const root = makeRoot({ 'list.csv': 'email,consent_at\nada@example.org,yesterday\njane.example.org,2021-01-01\nbob@example.org,2021-02-30\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 1, result.stderr);
  assert.deepEqual(
    result.stderr.trim().split('\n').map((line) => line.split(/ {2}/).slice(0, 2)),
    [
      ['list.csv:2:17', 'warning'],
      ['list.csv:3:1', 'error'],
      ['list.csv:4:17', 'warning'],
    ],
  );
});

test('subscribers import: each bad row is reported at the line and column of its wrong cell, and each duplicate row at its line, naming the row it is merged into and a name it does not keep', async () => {
  // A spreadsheet's export: a BOM, CRLF, the name first and quoted with its comma, the address second.
  const file = '\ufeffname,email,status\r\n"Doe, Jane",jane.example.org,\r\n"Smith, Bob",bob@example.org,\r\nRobert Smith,BOB@example.org,\r\nShort\r\n"Lee, Ann",ann@example.org,gone\r\n"Smith, Bob",bob@example.org,\r\n';
  const root = makeRoot({ 'readers.csv': file });
  const result = await cli(root, 'import', 'readers.csv');
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    'readers.csv:2:13  error  Unexpected email address `jane.example.org` (it has no @), expected an address such as reader@example.org\n' +
      "readers.csv:4:14  merged  BOB@example.org is on line 3 too: this row is merged into it; its name `Robert Smith` is not kept (line 3's is)\n" +
      'readers.csv:5:6  error  Missing email address\n' +
      "readers.csv:6:28  error  Unexpected status `gone`, expected one of pending, active, unsubscribed, bounced, complained, listmonk's enabled, disabled, blocklisted (or empty)\n" +
      'readers.csv:7:14  merged  bob@example.org is on line 3 too: this row is merged into it\n',
  );
  assert.match(result.stdout, /: 1 added, .* 2 duplicate rows merged, 3 bad rows\n$/);
  assert.equal((await cli(root, 'list')).stdout, 'bob@example.org\tSmith, Bob\tactive\n');
});

test('subscribers import: a duplicate row naming a reader its first row left unnamed gives the reader that name, said at its line; a later different name is not kept, naming the line whose name is', async () => {
  const root = makeRoot({ 'readers.csv': 'email,name\nann@example.org,\nAnn@example.org,Ann Lee\nann@example.org,Annie\nann@example.org,Ann Lee\n' });
  const result = await cli(root, 'import', 'readers.csv');
  assert.equal(result.code, 0);
  assert.equal(
    result.stderr,
    'readers.csv:3:1  merged  Ann@example.org is on line 2 too: this row is merged into it, and gives it its name `Ann Lee` (line 2 has none)\n' +
      "readers.csv:4:1  merged  ann@example.org is on line 2 too: this row is merged into it; its name `Annie` is not kept (line 3's is)\n" +
      'readers.csv:5:1  merged  ann@example.org is on line 2 too: this row is merged into it\n',
  );
  assert.equal((await cli(root, 'list')).stdout, 'ann@example.org\tAnn Lee\tactive\n');
});

test('subscribers import: a name cut by an unquoted comma is a bad row at FILE:LINE:COLUMN of the cell that would be lost, the other rows imported (exit 1)', async () => {
  const root = makeRoot({ 'c.csv': 'email,name\ncomma2@example.org,Doe, John\nada@example.org,"Lovelace, Ada"\n' });
  const result = await cli(root, 'import', 'c.csv');
  assert.equal(result.code, 1);
  assert.equal(result.stderr, 'c.csv:2:24  error  Unexpected cell ` John` after the header\'s 2 columns: the row would be imported without it, expected a field that holds a `,` in quotes, as `"Doe, John"`\n');
  assert.match(result.stdout, /1 added, .* 1 bad row$/m);
  assert.equal((await cli(root, 'list')).stdout, 'ada@example.org\tLovelace, Ada\tactive\n');
});

test('subscribers import: a Mailchimp export gets its names from First Name and Last Name, and the columns it ignores are said once on stderr (exit 0)', async () => {
  const root = makeRoot({ 'list.csv': 'Email Address,First Name,Last Name,Phone Number,TAGS\nada@example.org,Ada,Lovelace,,\nbob@example.org,Bob,Smith,,\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stderr,
    "list.csv:1:1  warning  Columns `Phone Number`, `TAGS` ignored: paperboy reads the address (`email`, `Email Address`, `E-Mail-Adresse`, `Courriel`, …), the name (`name`, or `First Name` and `Last Name`, `Vorname` and `Nachname`, `Prénom` and `Nom`, …), a status (`status`, Mailchimp's `UNSUB_TIME`, `CLEAN_TIME`, Ghost's `subscribed_to_emails`, Substack's `email_disabled`) and the consent's times (`consent_at`, `confirmed_at`, `unsubscribed_at`, Mailchimp's `OPTIN_TIME`, `CONFIRM_TIME`, listmonk's `created_at`, `updated_at`)\n",
  );
  assert.match((await cli(root, 'list')).stdout, /^ada@example\.org\tAda Lovelace\tactive\nbob@example\.org\tBob Smith\tactive$/m);
});

test('subscribers import: a German Mailchimp export (E-Mail-Adresse, Vorname, Nachname) and a French Brevo one (EMAIL;PRENOM;NOM) import their readers with their whole names', async () => {
  const root = makeRoot({ 'de.csv': 'E-Mail-Adresse,Vorname,Nachname\nada@example.org,Ada,Lovelace\n', 'fr.csv': 'EMAIL;PRENOM;NOM\nbob@example.org;Bob;Smith\n' });
  for (const file of ['de.csv', 'fr.csv']) {
    const result = await cli(root, 'import', file);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
  }
  assert.match((await cli(root, 'list')).stdout, /^ada@example\.org\tAda Lovelace\tactive\nbob@example\.org\tBob Smith\tactive$/m);
});

test('subscribers import: a Ghost or Substack export keeps the readers who turned its emails off from being mailed', async () => {
  // Ghost's members export (its columns as TryGhost/Ghost members-csv writes them) and Substack's `email_disabled`.
  const ghost = 'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,products\n1,ada@example.org,Ada,,true,false,,2023-01-05T10:00:00.000Z,,,\n2,bob@example.org,Bob,,false,false,,2023-02-05T10:00:00.000Z,,,\n';
  const substack = 'email,active_subscription,expiry,plan,email_disabled,created_at\ncy@example.org,false,,free,false,2023-03-01\ndee@example.org,false,,free,true,2023-03-02\n';
  const root = makeRoot({ 'ghost.csv': ghost, 'substack.csv': substack });
  const imported = await cli(root, 'import', 'ghost.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /1 added, .*1 marked unsubscribed/);
  assert.equal((await cli(root, 'import', 'substack.csv')).code, 0);
  assert.equal((await cli(root, 'list')).stdout, 'ada@example.org\tAda\tactive\nbob@example.org\tBob\tunsubscribed\ncy@example.org\t\tactive\ndee@example.org\t\tunsubscribed\n');
  assert.equal((await cli(root, 'count')).stdout, '2\n');
});

/** `subscribers export` as rows: address → [status, consent_at, confirmed_at, unsubscribed_at]. */
async function consentRecords(root: string): Promise<Map<string, string[]>> {
  const rows = parse((await cli(root, 'export')).stdout, { columns: true, bom: true }) as Record<string, string>[];
  return new Map(rows.map((row) => [row.email!, [row.status!, row.consent_at!, row.confirmed_at!, row.unsubscribed_at!]]));
}

test("subscribers import: the consent record keeps the file's times (Mailchimp's OPTIN_TIME, CONFIRM_TIME, UNSUB_TIME, listmonk's created_at and updated_at, paperboy's own export read back)", async () => {
  const root = makeRoot({
    'mailchimp.csv': [
      'Email Address,First Name,Last Name,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,UNSUB_TIME,CLEAN_TIME',
      'ada@example.org,Ada,Lovelace,2021-03-04 10:11:12,,2021-03-04 10:15:00,,,',
      'bob@example.org,Bob,Smith,2020-01-02 03:04:05,,2020-01-02 03:05:00,,2023-05-06 07:08:09,',
      'cy@example.org,Cy,Jones,2020-01-02 03:04:05,,,,,2023-06-01 01:02:03',
      'single@example.org,Single,,2019-12-31 23:00:00,,,,,',
    ].join('\n'),
    'listmonk.csv': [
      'uuid,email,name,attributes,status,created_at,updated_at',
      'u1,dee@example.org,Dee,{},enabled,2020-07-27 13:05:32.163924 +0530 IST,2021-01-01 00:00:00 +0000 UTC',
      'u2,eve@example.org,Eve,{},blocklisted,2020-07-27 13:05:32 +0000 UTC,2022-02-02 02:02:02 +0000 UTC',
    ].join('\n'),
  });
  assert.equal((await cli(root, 'import', 'mailchimp.csv')).code, 0);
  assert.equal((await cli(root, 'import', 'listmonk.csv')).code, 0);
  const records = await consentRecords(root);
  assert.deepEqual(records.get('ada@example.org'), ['active', '2021-03-04T10:11:12.000Z', '2021-03-04T10:15:00.000Z', ''], "Mailchimp's times are UTC");
  assert.deepEqual(records.get('bob@example.org'), ['unsubscribed', '2020-01-02T03:04:05.000Z', '2020-01-02T03:05:00.000Z', '2023-05-06T07:08:09.000Z']);
  assert.deepEqual(records.get('cy@example.org'), ['bounced', '2020-01-02T03:04:05.000Z', '', ''], 'the store keeps no time of a bounce');
  assert.deepEqual(records.get('single@example.org'), ['active', '2019-12-31T23:00:00.000Z', '2019-12-31T23:00:00.000Z', ''], 'a single opt-in is confirmed when given');
  assert.deepEqual(records.get('dee@example.org'), ['active', '2020-07-27T07:35:32.163Z', '2020-07-27T07:35:32.163Z', ''], "listmonk's offset is applied");
  assert.deepEqual(records.get('eve@example.org'), ['unsubscribed', '2020-07-27T13:05:32.000Z', '', '2022-02-02T02:02:02.000Z'], 'the last change of a row listmonk no longer mails');

  // An export read back into another newsletter keeps every time (the consent source names the file it came from).
  const exported = (await cli(root, 'export')).stdout;
  const other = makeRoot({ 'backup.csv': exported });
  assert.equal((await cli(other, 'import', 'backup.csv')).code, 0);
  assert.deepEqual(await consentRecords(other), records);
});

test('subscribers import: a time paperboy cannot read is a warning at its line, the import\'s time stored and the row imported (exit 0)', async () => {
  const root = makeRoot({ 'list.csv': 'email,consent_at\nada@example.org,yesterday\nbob@example.org,2021-02-30 10:00:00\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^list\.csv:2:17 {2}warning {2}ada@example\.org's `consent_at` `yesterday` is no time paperboy reads \(2021-03-04 10:11:12, read as UTC, or ISO 8601\), stored as the time of this import$/m);
  assert.match(result.stderr, /^list\.csv:3:17 {2}warning {2}bob@example\.org's `consent_at` `2021-02-30 10:00:00` is written as a time paperboy reads but is no date and time of the calendar, stored as the time of this import$/m);
  const records = await consentRecords(root);
  assert.ok(Date.now() - Date.parse(records.get('ada@example.org')![1]!) < 60_000);
});

test('subscribers import: an unreadable confirmation time is read as empty, and the warning says what is stored: the consent time of an active row, none of one that left, the import\'s time without a consent time', async () => {
  const root = makeRoot({
    'mailchimp.csv': [
      'Email Address,OPTIN_TIME,CONFIRM_TIME,UNSUB_TIME',
      'ada@example.org,2022-03-05 10:00:00,not a time,',
      'bob@example.org,2022-03-05 10:00:00,not a time,2023-01-01 00:00:00',
      'cy@example.org,,not a time,',
      'dee@example.org,2022-03-05 10:00:00,,soon',
    ].join('\n'),
  });
  const result = await cli(root, 'import', 'mailchimp.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^mailchimp\.csv:2:37 {2}warning {2}ada@example\.org's `CONFIRM_TIME` `not a time` is no time paperboy reads \(2021-03-04 10:11:12, read as UTC, or ISO 8601\), stored as the consent time \(`OPTIN_TIME`\), as for a row without one$/m);
  assert.match(result.stderr, /^mailchimp\.csv:3:37 {2}warning {2}bob@example\.org's `CONFIRM_TIME` `not a time` is no time .*, no time of confirming stored \(the row is unsubscribed\)$/m);
  assert.match(result.stderr, /^mailchimp\.csv:4:17 {2}warning {2}cy@example\.org's `CONFIRM_TIME` `not a time` is no time .*, stored as the time of this import$/m);
  assert.match(result.stderr, /^mailchimp\.csv:5:38 {2}warning {2}dee@example\.org's `UNSUB_TIME` `soon` is no time .*, stored as the time of this import$/m);
  const records = await consentRecords(root);
  assert.deepEqual(records.get('ada@example.org'), ['active', '2022-03-05T10:00:00.000Z', '2022-03-05T10:00:00.000Z', '']);
  assert.deepEqual(records.get('bob@example.org'), ['unsubscribed', '2022-03-05T10:00:00.000Z', '', '2023-01-01T00:00:00.000Z']);
  assert.ok(Date.now() - Date.parse(records.get('dee@example.org')![3]!) < 60_000, 'a filled-in UNSUB_TIME unsubscribes, at the import when unreadable');
  const [, cyConsent, cyConfirmed] = records.get('cy@example.org')!;
  assert.ok(Date.now() - Date.parse(cyConfirmed!) < 60_000 && cyConfirmed === cyConsent, 'without a consent time, both are the import\'s');
});

test('subscribers import: the same file again says why each row is skipped (already so in the list, as the row says, or left since), and the summary\'s nouns agree with their counts', async () => {
  const root = makeRoot({
    'mailchimp.csv': 'Email Address,UNSUB_TIME,CLEAN_TIME\nada@example.org,,\nbob@example.org,2023-05-06 07:08:09,\ncy@example.org,,2023-06-01 01:02:03\nada@example.org,,\nnope,,\n',
    'readers.csv': 'email\nbob@example.org\n',
    'bounced.csv': 'email,status\nbob@example.org,bounced\n',
  });
  const first = await cli(root, 'import', 'mailchimp.csv');
  assert.match(first.stdout, /, 1 duplicate row merged, 1 bad row\n$/);
  const again = await cli(root, 'import', 'mailchimp.csv');
  assert.match(again.stderr, /^mailchimp\.csv:3:1 {2}skipped {2}bob@example\.org is already unsubscribed in the list, as this row says: left as it is$/m);
  assert.match(again.stderr, /^mailchimp\.csv:4:1 {2}skipped {2}cy@example\.org is already bounced in the list, as this row says: left as it is$/m);
  assert.match(again.stdout, /: 0 added, 0 activated, 0 marked unsubscribed, bounced or complained, 1 unchanged, 2 skipped \(unsubscribed, bounced or complained\), 1 duplicate row merged, 1 bad row\n$/);
  assert.match((await cli(root, 'import', 'readers.csv')).stderr, /skipped {2}bob@example\.org is unsubscribed: not made active again$/m);
  assert.match((await cli(root, 'import', 'bounced.csv')).stderr, /skipped {2}bob@example\.org is unsubscribed in the list \(this row says bounced\): left as it is$/m);
  assert.match((await cli(root, 'import', 'readers.csv')).stdout, /, 0 duplicate rows merged, 0 bad rows\n$/);
});

test('subscribers import: a name stored otherwise than written (a line break, a tab) is a warning at its line, the row imported (exit 0)', async () => {
  const root = makeRoot({ 'list.csv': 'email,name\nada@example.org,"Ada\nLovelace"\nbob@example.org,Bob\ncarl@example.org,Carl\tMarx\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stderr,
    'list.csv:2:17  warning  ada@example.org\'s name has line breaks or control characters, stored as spaces: "Ada Lovelace"\n' +
      'list.csv:5:18  warning  carl@example.org\'s name has line breaks or control characters, stored as spaces: "Carl Marx"\n',
  );
  assert.match(result.stdout, /3 added/);
  assert.match((await cli(root, 'list')).stdout, /^ada@example\.org\tAda Lovelace\tactive$/m);
});

test('subscribers import: a name\'s C1 control characters (U+0080–U+009F: a terminal\'s CSI, OSC, ST) are stored as spaces, as C0 ones are, and said; `list` and `export` never write one', async () => {
  const root = makeRoot({ 'list.csv': 'email,name\nada@example.org,"Ada\u009b2JLovelace"\nbob@example.org,"Bob\u009d0;owned\u009c"\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stderr,
    'list.csv:2:17  warning  ada@example.org\'s name has line breaks or control characters, stored as spaces: "Ada 2JLovelace"\n' +
      'list.csv:3:17  warning  bob@example.org\'s name has line breaks or control characters, stored as spaces: "Bob 0;owned"\n',
  );
  const listed = (await cli(root, 'list')).stdout;
  assert.equal(listed, 'ada@example.org\tAda 2JLovelace\tactive\nbob@example.org\tBob 0;owned\tactive\n');
  assert.doesNotMatch((await cli(root, 'export')).stdout, /[\u0080-\u009f]/);
});

test('subscribers import: the report never writes a control character of the file to the terminal (an ESC or a C1 CSI in an address, a status, a column\'s name): each is shown as U+FFFD, as an error of any command is', async () => {
  const root = makeRoot({ 'list.csv': 'email,name,status,x\u001b]0;t\u0007\nev\u001b[31mil@example.org,A,,\nok@example.org,B,\u001b[2Jx,\nc1@example.org,C,\u009b2J,\n' });
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 1);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  assert.doesNotMatch(result.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u, JSON.stringify(result.stderr));
  assert.match(result.stderr, /^list\.csv:1:1 {2}warning {2}Column `x\ufffd{6}` ignored/m);
  assert.match(result.stderr, /^list\.csv:2:1 {2}error {2}Unexpected email address `ev\ufffd{5}il@example\.org` \(it has a control character\)/m);
  assert.match(result.stderr, /^list\.csv:3:18 {2}error {2}Unexpected status `\ufffd{4}x`/m);
  assert.match(result.stderr, /^list\.csv:4:18 {2}error {2}Unexpected status `\ufffd{3}`/m);
});

test('subscribers import: messages name the file as typed; the consent records it relative to the root when inside it, else absolute', async () => {
  const root = makeRoot({ 'lists/readers.csv': 'email\nada@example.org\n', 'issues/.keep': '' });
  const outside = join(makeRoot({ 'far.csv': 'email\nbob@example.org\nnope\n' }), 'far.csv');
  const fromIssues = await runCli(['subscribers', 'import', '../lists/readers.csv', '--root', root], { cwd: join(root, 'issues') });
  assert.equal(fromIssues.code, 0, fromIssues.stderr);
  assert.match(fromIssues.stdout, /^Imported \.\.\/lists\/readers\.csv: 1 added/);
  const far = await runCli(['subscribers', 'import', outside, '--root', root], { cwd: join(root, 'issues') });
  assert.match(far.stdout, new RegExp(`^Imported ${outside.replace(/[.]/g, '\\.')}: 1 added`));
  assert.match(far.stderr, new RegExp(`^${outside.replace(/[.]/g, '\\.')}:3:1 {2}error`, 'm'));
  const rows = parse((await cli(root, 'export')).stdout, { columns: true, bom: true }) as Record<string, string>[];
  assert.deepEqual(
    rows.map((row) => [row.email, row.consent_source]),
    [
      ['ada@example.org', 'import:lists/readers.csv'],
      ['bob@example.org', `import:${outside}`],
    ],
  );
  const empty = await runCli(['subscribers', 'import', '/dev/null', '--root', root], { cwd: join(root, 'issues') });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /^paperboy: \/dev\/null: Unexpected empty file, expected a header row naming an `email` column and a row for each subscriber\n/);
});

test('subscribers import --help says that - reads the CSV from the standard input, as docs/commands.md does', async () => {
  const help = await runCli(['subscribers', 'import', '--help'], { cwd: makeRoot({}) });
  assert.match(help.stdout, /^ {2}file +the CSV file \(-: the standard input\)$/m);
});

test('subscribers import -: the CSV is read from the standard input, named <stdin> in messages and /dev/stdin in the consent records', () => {
  const root = makeRoot({ 'issues/.keep': '' });
  const piped = spawnCli(['subscribers', 'import', '-', '--root', root], { cwd: root, input: 'email,name\nada@example.org,Ada\nnope\n' });
  assert.equal(piped.code, 1, piped.stderr);
  assert.match(piped.stdout, /^Imported <stdin>: 1 added/);
  assert.match(piped.stderr, /^<stdin>:3:1 {2}error {2}/m);
  const exported = spawnCli(['subscribers', 'export', '--root', root], { cwd: root });
  const rows = parse(exported.stdout, { columns: true, bom: true }) as Record<string, string>[];
  assert.deepEqual(
    rows.map((row) => [row.email, row.name, row.consent_source]),
    [['ada@example.org', 'Ada', 'import:/dev/stdin']],
  );
});

test('subscribers import: an empty file, or one of blank lines, is refused (exit 2) as a file without an address column is; a header alone imports no one', async () => {
  const root = makeRoot({ 'empty.csv': '', 'blank.csv': '\ufeff\r\n\n', 'header.csv': 'email,name\n', 'names.csv': 'name\nAda\n' });
  for (const file of ['empty.csv', 'blank.csv']) {
    const result = await cli(root, 'import', file);
    assert.equal(result.code, 2, file);
    assert.match(result.stderr, new RegExp(`^paperboy: ${file.replace('.', '\\.')}: Unexpected empty file`), file);
  }
  assert.equal((await cli(root, 'import', 'names.csv')).code, 2);
  const header = await cli(root, 'import', 'header.csv');
  assert.equal(header.code, 0, header.stderr);
  assert.match(header.stdout, /0 added/);
});

test('subscribers import: a file that cannot be read says why in words and what to do (exit 2)', async () => {
  const root = makeRoot({ 'lists/.keep': '' });
  const cases: [file: string, message: RegExp][] = [
    ['missing.csv', /^paperboy: Cannot read missing\.csv: no such file or folder \(ENOENT\)\n {2}Check the path: nothing by that name is there\.\n/],
    ['lists', /^paperboy: Cannot read lists: it is a folder, not a file \(EISDIR\)\n {2}Name a file, not a folder\.\n/],
  ];
  for (const [file, message] of cases) {
    const result = await cli(root, 'import', file);
    assert.equal(result.code, 2, file);
    assert.match(result.stderr, message);
  }
});

test('subscribers reactivate: a bounced address becomes active again; one that unsubscribed or complained never does', async () => {
  const root = makeRoot({});
  for (const email of ['ada@example.org', 'bob@example.org', 'carl@example.org']) await cli(root, 'add', email);
  await cli(root, 'remove', 'ada@example.org');
  const db = openStore(join(root, '.paperboy'));
  const store = new SubscriberStore(db);
  store.markBounced(store.find('bob@example.org')!.id);
  db.prepare("UPDATE subscribers SET status = 'complained' WHERE email = 'carl@example.org'").run();
  db.close();
  const added = await cli(root, 'add', 'bob@example.org');
  assert.equal(added.code, 1);
  assert.match(added.stderr, /bob@example\.org is bounced: not added again \(if the mailbox takes mail again, `paperboy subscribers reactivate bob@example\.org`\)/);
  const reactivated = await cli(root, 'reactivate', 'BOB@example.org');
  assert.equal(reactivated.code, 0, reactivated.stderr);
  assert.equal(reactivated.stdout, 'Reactivated bob@example.org (active: the next send mails it)\n');
  assert.equal((await cli(root, 'list', '--status', 'active')).stdout, 'bob@example.org\t\tactive\n');
  const twice = await cli(root, 'reactivate', 'bob@example.org');
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /bob@example\.org is already active; only a bounced address is reactivated/);
  const unsubscribed = await cli(root, 'reactivate', 'ada@example.org');
  assert.equal(unsubscribed.code, 1);
  assert.match(unsubscribed.stderr, /ada@example\.org unsubscribed: only the reader can subscribe again/);
  const complained = await cli(root, 'reactivate', 'carl@example.org');
  assert.equal(complained.code, 1);
  assert.match(complained.stderr, /carl@example\.org complained of spam/);
  assert.match((await cli(root, 'reactivate', 'nobody@example.org')).stderr, /No subscriber has the address nobody@example\.org/);
  assert.equal((await cli(root, 'reactivate', 'not an address')).code, 2);
  const consent = parse((await cli(root, 'export', '--status', 'active')).stdout, { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(consent[0]!.consent_source, 'cli', 'the consent record is the one the address had');
});

test('subscribers import: never re-activates an unsubscribed, bounced or complained address; reports it as skipped', async () => {
  const root = makeRoot({ 'list.csv': 'email\nada@example.org\nbob@example.org\ncarl@example.org\ndora@example.org\n' });
  for (const email of ['ada@example.org', 'bob@example.org', 'carl@example.org']) await cli(root, 'add', email);
  await cli(root, 'remove', 'ada@example.org');
  const db = openStore(join(root, '.paperboy'));
  db.prepare("UPDATE subscribers SET status = 'bounced' WHERE email = 'bob@example.org'").run();
  db.prepare("UPDATE subscribers SET status = 'complained' WHERE email = 'carl@example.org'").run();
  db.close();
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 0);
  assert.match(result.stderr, /list\.csv:2:1 {2}skipped {2}ada@example.org is unsubscribed/);
  assert.match(result.stderr, /list\.csv:3:1 {2}skipped {2}bob@example.org is bounced/);
  assert.match(result.stderr, /list\.csv:4:1 {2}skipped {2}carl@example.org is complained/);
  assert.match(result.stdout, /1 added, .* 3 skipped/);
  assert.equal((await cli(root, 'list', '--status', 'active')).stdout, 'dora@example.org\t\tactive\n');
});

test('subscribers import: a later duplicate row that unsubscribed leaves the address unsubscribed', async () => {
  const root = makeRoot({ 'd.csv': 'email,name,status\nx@example.com,X,active\nX@Example.com,X,unsubscribed\n' });
  const result = await cli(root, 'import', 'd.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /0 added, 0 activated, 1 marked unsubscribed, bounced or complained, .* 1 duplicate row merged/);
  assert.equal((await cli(root, 'list')).stdout, 'x@example.com\tX\tunsubscribed\n');
});

test('subscribers import: a new address the file marks unsubscribed or bounced is counted as marked, not added', async () => {
  const root = makeRoot({ 'supp.csv': 'email,status\nsupp1@example.org,unsubscribed\nsupp2@example.org,bounced\nnew@example.org,\n' });
  const result = await cli(root, 'import', 'supp.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /: 1 added, 0 activated, 2 marked unsubscribed, bounced or complained, 0 unchanged/);
  assert.equal((await cli(root, 'count')).stdout, '1\n');
});

test('subscribers import: a reader the file says never confirmed (paperboy\'s own `pending`, Buttondown\'s `unactivated`) is stored pending, never made active, and so not mailed', async () => {
  // A reader typed into the form by someone else stays pending: its export read into another newsletter must not confirm for them.
  const source = makeRoot({});
  const db = openStore(join(source, '.paperboy'));
  new SubscriberStore(db).add({ email: 'typed-by-someone@example.org', name: 'Never Confirmed', status: 'pending', consentSource: 'form' });
  db.close();
  await cli(source, 'add', 'ada@example.org');
  const exported = (await cli(source, 'export')).stdout;
  const other = makeRoot({
    'export.csv': exported,
    'buttondown.csv': 'id,creation_date,email_address,type\n1,2024-01-02T08:00:00Z,unconfirmed@example.org,unactivated\n2,2024-01-02T08:00:00Z,regular@example.org,regular\n',
    'both.csv': 'email,status\nlisted@example.org,\nlisted@example.org,pending\n',
  });
  const imported = await cli(other, 'import', 'export.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /: 1 added, 1 left pending \(never confirmed: not mailed until they subscribe through the form\), 0 activated/);
  assert.match((await cli(other, 'import', 'buttondown.csv')).stdout, /: 1 added, 1 left pending/);
  assert.match((await cli(other, 'import', 'both.csv')).stdout, /: 0 added, 1 left pending .* 1 duplicate row merged/, 'a row of the address saying pending wins over one saying nothing');
  assert.equal(
    (await cli(other, 'list')).stdout,
    'typed-by-someone@example.org\tNever Confirmed\tpending\nada@example.org\t\tactive\nunconfirmed@example.org\t\tpending\nregular@example.org\t\tactive\nlisted@example.org\t\tpending\n',
  );
  assert.equal((await cli(other, 'count')).stdout, '2\n', 'only the two confirmed readers receive the next issue');
  const records = parse((await cli(other, 'export')).stdout, { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(records.find((row) => row.email === 'typed-by-someone@example.org')!.confirmed_at, '', 'no time of confirming is made up');
  // The file again: a pending address it says is pending stays so (not "activated"), an active one stays active.
  const again = await cli(other, 'import', 'export.csv');
  assert.match(again.stdout, /: 0 added, 0 activated, 0 marked unsubscribed, bounced or complained, 2 unchanged/);
  assert.equal((await cli(other, 'count')).stdout, '2\n');
  // A row without a status still activates a pending address (the editor's word for consent), as before.
  writeFileSync(join(other, 'plain.csv'), 'email\nunconfirmed@example.org\n');
  assert.match((await cli(other, 'import', 'plain.csv')).stdout, /: 0 added, 1 activated/);
});

test('subscribers import: idempotent — the same file twice changes nothing the second time', async () => {
  const root = makeRoot({ 'list.csv': 'email,name\nada@example.org,Ada\nbob@example.org,Bob\nADA@example.org,dup\n' });
  const first = await cli(root, 'import', 'list.csv');
  assert.match(first.stdout, /2 added, 0 activated, 0 marked .*, 0 unchanged, 0 skipped .*, 1 duplicate row merged, 0 bad rows/);
  const before = (await cli(root, 'export')).stdout;
  const second = await cli(root, 'import', 'list.csv');
  assert.match(second.stdout, /0 added, 0 activated, 0 marked .*, 2 unchanged/);
  assert.equal((await cli(root, 'export')).stdout, before);
});

test('subscribers import: one transaction — a failure half-way leaves the list as it was', async () => {
  const root = makeRoot({ 'list.csv': 'email\na@example.org\nb@example.org\nc@example.org\n' });
  const db = openStore(join(root, '.paperboy'));
  // The third insert fails inside the import's transaction.
  db.exec(`CREATE TRIGGER fail_on_c BEFORE INSERT ON subscribers WHEN NEW.email = 'c@example.org' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  db.close();
  const result = await cli(root, 'import', 'list.csv');
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Cannot write the import of list\.csv to the database: disk full/);
  assert.equal((await cli(root, 'count')).stdout, '0\n');
});

test('subscribers export: CSV with status and consent record, formula cells escaped, and it imports back without a warning that its consent_source column is ignored (the import names the file as the source, by design)', async () => {
  const root = makeRoot({});
  await cli(root, 'add', '=cmd@example.org', '--name', '+SUM(A1)');
  await cli(root, 'add', 'ada@example.org', '--name', 'Lovelace, Ada');
  await cli(root, 'remove', 'ada@example.org');
  const exported = (await cli(root, 'export')).stdout;
  const rows = parse(exported, { columns: true, bom: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!), ['email', 'name', 'status', 'consent_source', 'consent_at', 'confirmed_at', 'unsubscribed_at']);
  assert.equal(rows[0]!.email, "'=cmd@example.org");
  assert.equal(rows[0]!.name, "'+SUM(A1)");
  assert.equal(rows[1]!.name, 'Lovelace, Ada');
  assert.equal(rows[1]!.status, 'unsubscribed');

  const other = makeRoot({ 'export.csv': exported });
  const imported = await cli(other, 'import', 'export.csv');
  assert.equal(imported.stderr, '', 'every column of its own export is one paperboy knows');
  assert.equal((await cli(other, 'list')).stdout, '=cmd@example.org\t+SUM(A1)\tactive\nada@example.org\tLovelace, Ada\tunsubscribed\n', 'the suppression travels with the list');
  const out = await cli(other, 'export', '--out', 'again.csv');
  assert.equal(out.code, 0);
  assert.equal(readFileSync(join(other, 'again.csv'), 'utf8').split('\n')[1]!.split(',')[0], "'=cmd@example.org");
});

test('subscribers import: 100,000 rows in one go', async () => {
  const lines = ['email,name'];
  for (let i = 0; i < 100_000; i++) lines.push(`reader${i}@example.org,Reader ${i}`);
  const root = makeRoot({});
  writeFileSync(join(root, 'big.csv'), `${lines.join('\n')}\n`);
  const result = await cli(root, 'import', 'big.csv');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /100000 added/);
  assert.equal((await cli(root, 'count')).stdout, '100000\n');
});

test('subscribers takes --root before its subcommand too, as every command takes it; one given after the subcommand wins', async () => {
  const root = makeRoot({});
  const elsewhere = makeRoot({});
  const before = await runCli(['subscribers', '--root', root, 'add', 'ada@example.org'], { cwd: elsewhere });
  assert.equal(before.code, 0, before.stderr);
  assert.equal((await runCli(['subscribers', '--root', root, 'list'], { cwd: elsewhere })).stdout, 'ada@example.org\t\tactive\n');
  assert.equal((await runCli(['subscribers', '--root', root, 'count', '--root', elsewhere], { cwd: root })).stdout, '0\n');
});

test('--root given before `subscribers` and again before its subcommand: the one given last wins, as after the subcommand', async () => {
  const root = makeRoot({});
  const elsewhere = makeRoot({});
  assert.equal((await runCli(['subscribers', '--root', root, 'add', 'ada@example.org'], { cwd: elsewhere })).code, 0);
  const nearer = await runCli(['--root', elsewhere, 'subscribers', '--root', root, 'count'], { cwd: elsewhere });
  assert.deepEqual([nearer.code, nearer.stdout, nearer.stderr], [0, '1\n', '']);
  const farther = await runCli(['--root', root, 'subscribers', '--root', elsewhere, 'count'], { cwd: root });
  assert.deepEqual([farther.code, farther.stdout, farther.stderr], [0, '0\n', '']);
  const last = await runCli(['--root', elsewhere, 'subscribers', '--root', elsewhere, 'count', '--root', root], { cwd: elsewhere });
  assert.deepEqual([last.code, last.stdout, last.stderr], [0, '1\n', '']);
});

test('paperboy --help names every subscribers subcommand in its summary', async () => {
  const root = makeRoot({});
  const help = (await runCli(['subscribers', '--help'], { cwd: root })).stdout;
  const subcommands = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]!).filter((name) => name !== 'help');
  assert.ok(subcommands.length >= 8, help);
  const summary = /^ {2}subscribers(?: \[options\])?(?: \[command\])?\s+(.+(?:\n {20,}.+)*)/m.exec((await runCli(['--help'], { cwd: root })).stdout)![1]!.replace(/\s+/g, ' ');
  for (const name of subcommands) assert.ok(summary.includes(name), `the summary "${summary}" leaves out ${name}`);
});
