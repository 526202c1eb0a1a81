import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { CONFIG_YAML, makeRoot } from '../helpers/fixture.js';

const cli = (root: string, ...argv: string[]) => runCli(['subscribers', ...argv, '--root', root], { cwd: root });

/** A local part of `n` characters: RFC 5321 §4.5.3.1.1 allows 64. */
const local = (n: number) => 'r'.repeat(n);

test('subscribers add: a local part over 64 characters (RFC 5321 §4.5.3.1.1) is refused naming the limit (exit 2); one of 64 is added', async () => {
  const root = makeRoot({});
  const refused = await cli(root, 'add', `${local(65)}@example.org`);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^paperboy: Unexpected email address `r{65}@example\.org`: its part before the @ has 65 characters, expected at most 64 \(RFC 5321 §4\.5\.3\.1\.1: mail servers may refuse a longer one\)$/m);
  for (const n of [100, 250 - 12]) assert.equal((await cli(root, 'add', `${local(n)}@example.org`)).code, 2, `${n} characters`);
  assert.equal((await cli(root, 'add', `${local(64)}@example.org`)).code, 0);
  assert.equal((await cli(root, 'count')).stdout, '1\n');
});

test('subscribers import: a row whose local part is over 64 characters is a bad row at line:column of its address, naming the limit; the rows after it imported (exit 1)', async () => {
  const root = makeRoot({ 'list.csv': `name,email\nAda,ada@example.org\nLong,${local(70)}@example.org\nBob,bob@example.org\n` });
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 1);
  // The address quoted in the message is cut in its middle (one line: `oneLine`).
  assert.match(imported.stderr, /^list\.csv:3:6 {2}error {2}Unexpected email address `r+…r+@example\.org`: its part before the @ has 70 characters, expected at most 64 \(RFC 5321 §4\.5\.3\.1\.1: mail servers may refuse a longer one\)\n$/);
  assert.match(imported.stdout, /: 2 added, .*, 1 bad row$/m);
  assert.equal((await cli(root, 'list')).stdout, 'ada@example.org\tAda\tactive\nbob@example.org\tBob\tactive\n');
});

test('subscribers add: an address over 254 characters once its internationalized domain is written as RCPT TO carries it (A-labels) is refused (RFC 5321 §4.5.3.1.3)', async () => {
  const root = makeRoot({});
  // 60 + 1 + three 55-character U-labels (each an A-label of about 62) + `.example`: 236 characters as typed, over 254 as sent.
  const label = 'ü'.repeat(1) + 'b'.repeat(54);
  const address = `${local(60)}@${[label, label, label].join('.')}.example`;
  const refused = await cli(root, 'add', address);
  assert.equal(refused.code, 2, refused.stdout);
  assert.match(refused.stderr, /with its domain as mail servers read it \(`xn--/);
  assert.match(refused.stderr, /expected at most 254 \(RFC 5321 §4\.5\.3\.1\.3\)$/m);
});

test('subscribers remove: an address stored before the local-part limit (65 characters) can still be removed', async () => {
  const root = makeRoot({});
  assert.equal((await cli(root, 'add', 'ada@example.org')).code, 0);
  const db = openStore(`${root}/.paperboy`);
  const long = `${local(65)}@example.org`;
  db.prepare(`UPDATE subscribers SET email = ?, email_key = ?`).run(long, long);
  db.close();
  const removed = await cli(root, 'remove', long);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal((await cli(root, 'count', '--status', 'unsubscribed')).stdout, '1\n');
});

test('send --test: a proof address whose local part is over 64 characters is a usage error naming the limit (exit 2), nothing sent', () => {
  const root = makeRoot({});
  const result = spawnCli(['send', '1', '--test', `${local(65)}@example.org`, '--root', root], { cwd: root, env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: --test: Unexpected email address `r{65}@example\.org`: its part before the @ has 65 characters, expected at most 64 \(RFC 5321 §4\.5\.3\.1\.1/m);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
});

test('config: a `from` whose local part is over 64 characters is refused at its line:column naming the limit (exit 2)', () => {
  const root = makeRoot({}, CONFIG_YAML.replace('news@example.org', `${local(65)}@example.org`));
  const result = spawnCli(['subscribers', 'count', '--root', root], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /paperboy\.config\.yaml:3:\d+.*its part before the @ has 65 characters, expected at most 64 \(RFC 5321 §4\.5\.3\.1\.1/);
});

test('subscribers add and import refuse an address whose top-level domain is all digits (`x@x.123`, `v@123.456.789.0`), as the config refuses `from`: add exits 2, an import row is a bad row at its address', async () => {
  const root = makeRoot({ 'list.csv': 'email,name\nada@example.org,Ada\nv@123.456.789.0,V\n' });
  const added = await cli(root, 'add', 'x@x.123');
  assert.equal(added.code, 2);
  assert.match(added.stderr, /^paperboy: Unexpected email address `x@x\.123` \(its domain `x\.123` ends in `\.123`, and no top-level domain is all digits\), expected an address such as reader@example\.org$/m);
  const imported = await cli(root, 'import', 'list.csv');
  assert.equal(imported.code, 1);
  assert.equal(imported.stderr, 'list.csv:3:1  error  Unexpected email address `v@123.456.789.0` (its domain `123.456.789.0` ends in `.0`, and no top-level domain is all digits), expected an address such as reader@example.org\n');
  assert.equal((await cli(root, 'list')).stdout, 'ada@example.org\tAda\tactive\n');
});
