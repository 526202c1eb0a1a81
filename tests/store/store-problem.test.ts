import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { spawnCli } from '../helpers/cli.js';
import { exited, serve } from '../helpers/serve.js';
import { newsletter, SECRET } from '../helpers/send.js';

/** A short busy timeout for the child (tests only, store/database.ts): the lock below outlasts it at once. */
const SHORT_WAIT = { PAPERBOY_BUSY_TIMEOUT_MS: '200' };

/** Runs `during` while a second connection (another program, as an SQLite browser with changes not saved) holds the database's write lock. */
async function whileLocked<T>(root: string, during: () => T | Promise<T>): Promise<T> {
  const other = new Database(join(root, '.paperboy', 'paperboy.db'));
  other.exec('BEGIN EXCLUSIVE');
  other.exec('UPDATE subscribers SET name = name');
  try {
    return await during();
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
}

test('a database locked by another program: subscribers add/remove/reactivate and send say so (exit 2), no stack, never "internal error"', async () => {
  const root = await newsletter(2);
  const commands = [
    ['subscribers', 'add', 'x@example.org'],
    ['subscribers', 'remove', 'reader1@example.org'],
    ['subscribers', 'reactivate', 'reader1@example.org'],
    ['send', '1', '--yes'],
  ];
  for (const argv of commands) {
    const result = await whileLocked(root, () => spawnCli([...argv, '--root', root], { cwd: root, env: { ...SHORT_WAIT, PAPERBOY_SECRET: SECRET } }));
    const said = `${argv.join(' ')}: ${result.stderr}`;
    assert.equal(result.code, 2, said);
    assert.match(result.stderr, /^paperboy: Cannot (write .* to|use) the database \S+paperboy\.db: database is locked \(SQLITE_BUSY\)$/m, said);
    assert.match(result.stderr, /Another program holds the database locked .* then run the command again/, said);
    assert.doesNotMatch(result.stderr, /internal error|SqliteError|\n {4}at /, said);
  }
  const add = await whileLocked(root, () => spawnCli(['subscribers', 'add', 'x@example.org', '--root', root], { cwd: root, env: SHORT_WAIT }));
  assert.match(add.stderr, /Cannot write the subscriber x@example\.org to the database .*Nothing of it was written/s, 'the command that knows what it writes names it');
  const after = spawnCli(['subscribers', 'list', '--root', root], { cwd: root });
  assert.equal(after.stdout, 'reader0@example.org\tReader 0\tactive\nreader1@example.org\tReader 1\tactive\n', 'nothing changed');
});

test('serve: a subscribe while another program holds the database locked is answered 503 with Retry-After within about a second, its cause on stderr', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  const server = await serve(root);
  try {
    await whileLocked(root, async () => {
      const started = Date.now();
      const answer = await fetch(new URL('subscribe', server.url), { method: 'POST', body: new URLSearchParams({ email: 'ada@example.org' }), headers: { Accept: 'application/json' } });
      const took = Date.now() - started;
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '5');
      assert.match(((await answer.json()) as { error: string }).error, /nothing was changed\. Please try again in a moment/);
      assert.ok(took < 5_000, `answered after ${took} ms, not the 10 s a command waits`);
    });
    assert.match(server.stderr(), /^paperboy: POST \/subscribe: refused \(503\): Cannot use the database \S+paperboy\.db: database is locked \(SQLITE_BUSY\)\. Another program holds/m);
    assert.doesNotMatch(server.stderr(), /SqliteError|\n {4}at /);
    const again = await fetch(new URL('subscribe', server.url), { method: 'POST', body: new URLSearchParams({ email: 'ada@example.org' }) });
    assert.equal(again.status, 202, 'once the lock is gone, the same request goes through');
  } finally {
    const exit = exited(server.child);
    server.child.kill('SIGTERM');
    await exit;
  }
});
