import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { spawnCli } from '../helpers/cli.js';
import { newsletter, SECRET } from '../helpers/send.js';

test('send: a journal write that fails as a message goes out is named as the journal\'s, never as "Cannot write …/outbox/….eml" (the file was written)', async () => {
  const root = await newsletter(3);
  const db = new Database(join(root, '.paperboy', 'paperboy.db'));
  // The journal's write of reader1's row as `sending` fails, as it does when another program holds the database.
  db.exec(`CREATE TRIGGER journal_fails BEFORE UPDATE OF state ON deliveries WHEN NEW.state = 'sending' AND NEW.email = 'reader1@example.org' BEGIN SELECT RAISE(ABORT, 'database is locked'); END`);
  db.close();
  const sent = spawnCli(['send', '1', '--yes', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  const report = spawnCli(['sends', '1', '--root', root], { cwd: root });
  const said = `${sent.stdout}${sent.stderr}${report.stdout}${report.stderr}`;
  assert.notEqual(sent.code, 0, said);
  assert.doesNotMatch(said, /Cannot write \S+\.eml/, said);
  assert.match(said, /the send journal could not record the message as going out: database is locked/, said);
});
