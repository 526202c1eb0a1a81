import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError } from '../../src/errors.js';
import { DATABASE_FILE, openStore } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'paperboy-store-')), '.paperboy');

test('store: created under dataDir in WAL mode, synchronous FULL, with a busy timeout', () => {
  const db = openStore(dataDir());
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2);
  assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  db.close();
});

test('store: migrations run once; opening again keeps the data', () => {
  const dir = dataDir();
  const first = openStore(dir);
  first.prepare("INSERT INTO settings (name, value) VALUES ('x', 'y')").run();
  first.close();
  const second = openStore(dir);
  assert.equal((second.prepare("SELECT value FROM settings WHERE name = 'x'").get() as { value: string }).value, 'y');
  second.close();
});

test('store: a later migration is applied to a database at an earlier version', () => {
  const dir = dataDir();
  openStore(dir, [{ description: 'a', sql: 'CREATE TABLE a (x)' }]).close();
  const db = openStore(dir, [
    { description: 'a', sql: 'CREATE TABLE a (x)' },
    { description: 'b', sql: 'CREATE TABLE b (y)' },
  ]);
  assert.equal(db.pragma('user_version', { simple: true }), 2);
  db.prepare('INSERT INTO b (y) VALUES (1)').run();
  db.close();
});

test('store: a send journal written before sends recorded their issue is kept whole, its issue unknown (read by number alone)', () => {
  const dir = dataDir();
  const before = openStore(dir, MIGRATIONS.slice(0, MIGRATIONS.findIndex((migration) => migration.description.startsWith('a send records which issue it is of'))));
  before.prepare("INSERT INTO send_runs (issue, mode, created_at) VALUES (5, 'subscribers', '2023-05-29T08:00:00.000Z')").run();
  before.prepare("INSERT INTO deliveries (issue, recipient_key, email, state, message_id, queued_at, updated_at) VALUES (5, 'a@example.org', 'a@example.org', 'sent', '<m@x>', 't', 't')").run();
  before.close();
  const db = openStore(dir);
  assert.deepEqual(db.prepare('SELECT issue, mode, issue_title, issue_date FROM send_runs').all(), [{ issue: 5, mode: 'subscribers', issue_title: null, issue_date: null }]);
  assert.deepEqual(db.prepare('SELECT email, state, message_id FROM deliveries').all(), [{ email: 'a@example.org', state: 'sent', message_id: '<m@x>' }]);
  db.close();
});

test('store: a database from a newer paperboy is refused, not written, naming its file', () => {
  const dir = dataDir();
  openStore(dir, [
    { description: 'a', sql: 'CREATE TABLE a (x)' },
    { description: 'b', sql: 'CREATE TABLE b (y)' },
  ]).close();
  assert.throws(
    () => openStore(dir, [{ description: 'a', sql: 'CREATE TABLE a (x)' }]),
    (error) => isPaperboyError(error) && error.exitCode === 2 && error.message === `Unexpected database schema version 2 in ${join(dir, DATABASE_FILE)}, expected at most 1 (this paperboy's)`,
  );
});

test('store: a file that is not a database is a clear error naming it (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-store-'));
  writeFileSync(join(dir, DATABASE_FILE), 'this is not sqlite '.repeat(100));
  assert.throws(
    () => openStore(dir),
    (error) => isPaperboyError(error) && error.code === 'STORE_UNAVAILABLE' && error.message.includes(join(dir, DATABASE_FILE)),
  );
});
