import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, configWith, makeRoot } from '../helpers/fixture.js';
import { newsletter, SECRET } from '../helpers/send.js';

/** The database's bytes and its -wal file's size (0 when there is none): what a command that writes nothing leaves as it was. */
function databaseState(root: string): { bytes: Buffer; wal: number } {
  const file = join(root, '.paperboy', 'paperboy.db');
  return { bytes: readFileSync(file), wal: existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0 };
}

test('send --dry-run writes nothing to the database: its bytes are unchanged, with PAPERBOY_SECRET and with the development secret', async () => {
  for (const env of [{ PAPERBOY_SECRET: SECRET }, {}]) {
    const root = await newsletter(2);
    const before = databaseState(root);
    const result = spawnCli(['send', '1', '--dry-run', '--root', root], { cwd: root, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Dry run: nothing sent, nothing written\./);
    if (!('PAPERBOY_SECRET' in env)) assert.match(result.stdout, /development secret/, 'still says which secret would sign');
    const after = databaseState(root);
    assert.equal(after.wal, 0, 'nothing waits in the -wal file');
    assert.ok(after.bytes.equals(before.bytes), 'the database file is byte for byte as it was');
  }
});

test('send --dry-run goes through while another program holds the database locked: it only reads', async () => {
  const root = await newsletter(2);
  const other = new Database(join(root, '.paperboy', 'paperboy.db'));
  other.exec('BEGIN EXCLUSIVE');
  other.exec('UPDATE subscribers SET name = name');
  try {
    const result = spawnCli(['send', '1', '--dry-run', '--root', root], { cwd: root, env: { PAPERBOY_BUSY_TIMEOUT_MS: '200', PAPERBOY_SECRET: SECRET } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Send to 2 recipients/);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
});

/** A newsletter whose database an older paperboy wrote (the schema before its last `newest - 1` … migrations): `count` active subscribers, checkpointed so that the file holds everything. */
function newsletterWithOldDatabase(count: number, schema: number): string {
  const root = makeRoot({ 'issues/0001-mirages.md': cleanIssue({ status: 'ready' }) }, configWith('listAddress: list@lists.example.org\n'));
  const db = openStore(join(root, '.paperboy'), MIGRATIONS.slice(0, schema));
  const add = db.prepare("INSERT INTO subscribers (email, email_key, name, status, consent_source, consent_at, created_at, updated_at) VALUES (?, ?, '', 'active', 'cli', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
  for (let i = 0; i < count; i++) add.run(`reader${i}@example.org`, `reader${i}@example.org`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return root;
}

/** `send 1 --dry-run` counts the newsletter's 2 recipients and leaves its database file byte for byte as it was, no -wal file beside it. */
function dryRunLeavesDatabase(root: string, what: string): void {
  const before = databaseState(root);
  const result = spawnCli(['send', '1', '--dry-run', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Send to 2 recipients/);
  assert.match(result.stdout, /Dry run: nothing sent, nothing written\./);
  const after = databaseState(root);
  assert.equal(after.wal, 0, `${what}: nothing waits in a -wal file`);
  assert.ok(after.bytes.equals(before.bytes), `${what}: the database file is byte for byte as it was`);
}

test('send --dry-run on a database an older paperboy wrote does not migrate it: its bytes and schema version are unchanged, and it counts the recipients as a send will', async () => {
  for (const schema of [MIGRATIONS.length - 1, 3]) {
    const root = newsletterWithOldDatabase(2, schema);
    dryRunLeavesDatabase(root, `schema ${schema}`);
    const db = new Database(join(root, '.paperboy', 'paperboy.db'), { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), schema);
    db.close();
  }
});

test('send --dry-run on a database of this schema kept in rollback-journal mode (journal_mode=DELETE, as a copy or a tool left it) writes nothing: its bytes and journal mode are unchanged', async () => {
  const root = await newsletter(2);
  const file = join(root, '.paperboy', 'paperboy.db');
  const tool = new Database(file);
  tool.pragma('journal_mode = DELETE');
  tool.close();
  dryRunLeavesDatabase(root, 'rollback-journal mode');
  const db = new Database(file, { readonly: true });
  assert.equal(db.pragma('journal_mode', { simple: true }), 'delete');
  db.close();
});
