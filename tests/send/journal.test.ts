import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SendJournal } from '../../src/send/journal.js';
import { openStore } from '../../src/store/database.js';
import { journalStates, newsletter, send } from '../helpers/send.js';

const BETTER_SQLITE3 = fileURLToPath(import.meta.resolve('better-sqlite3'));

test('journal: another process holding the database write lock (the server) makes the sender wait, never fail with SQLITE_BUSY', async () => {
  const root = await newsletter(20);
  const dbPath = join(root, '.paperboy', 'paperboy.db');
  // A second process takes the write lock for 1.5 s, as the server answering an unsubscribe would, briefly.
  const holder = spawn(process.execPath, [
    '-e',
    `const D = require(${JSON.stringify(BETTER_SQLITE3)}); const db = new D(${JSON.stringify(dbPath)}); db.pragma('busy_timeout = 10000');
     db.exec('BEGIN IMMEDIATE'); db.prepare("UPDATE subscribers SET name = 'held' WHERE id = 1").run(); process.stdout.write('locked\\n');
     setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);`,
  ]);
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  const result = await send(root);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  const db = openStore(join(root, '.paperboy'));
  assert.equal((db.prepare('SELECT name FROM subscribers WHERE id = 1').get() as { name: string }).name, 'held', "the other writer's change is kept too");
  db.close();
});

test('journal: a path-like issue argument to `sends` is refused (RELIABILITY 24)', async () => {
  const { runCli } = await import('../helpers/cli.js');
  const root = await newsletter(1);
  for (const issue of ['../1', '1/../../x', '%2e%2e%2f', '/etc/passwd']) {
    const result = await runCli(['sends', issue, '--root', root], { cwd: root });
    assert.equal(result.code, 2, issue);
    assert.match(result.stderr, /expected an issue number/);
  }
});

test('journal: each claim walks the state index, never the issue rows already sent (a send to 100,000 slowed from ~1,350 to ~550 msg/s)', async () => {
  const root = await newsletter(3);
  const db = openStore(join(root, '.paperboy'));
  try {
    // The journal's own statements, as it prepares them.
    const prepared: string[] = [];
    const recording = new Proxy(db, {
      get(target, property) {
        if (property === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    new SendJournal(recording, 1);
    const claims = prepared.filter((sql) => /^SELECT .* FROM deliveries .*state = 'queued'/s.test(sql));
    assert.equal(claims.length, 2, 'the queries for fresh and due rows');
    for (const sql of claims) {
      // EXPLAIN does not run the query: any value stands for each parameter.
      const parameters = Array.from(sql.matchAll(/\?/g), () => 1);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
      assert.deepEqual(plan.length, 1, plan.join('; '));
      assert.match(plan[0]!, /USING INDEX deliveries_state \(issue=\? AND state=\?/, sql);
    }
  } finally {
    db.close();
  }
});
