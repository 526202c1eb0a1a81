import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SendJournal } from '../../src/send/journal.js';
import { processStart } from '../../src/send/process-start.js';
import { openStore } from '../../src/store/database.js';
import { ISSUE_1, journalStates, newsletter, send } from '../helpers/send.js';

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

test('journal: a path-like issue argument to `sends` is read as an issue file, as `send` reads it, never as the name of a journal (RELIABILITY 24)', async () => {
  const { runCli } = await import('../helpers/cli.js');
  const root = await newsletter(1);
  for (const [issue, code] of [['../1', 2], ['1/../../x', 2], ['%2e%2e%2f', 2], ['/etc/passwd', 1]] as const) {
    const result = await runCli(['sends', issue, '--root', root], { cwd: root });
    assert.equal(result.code, code, issue);
    assert.ok(result.stderr.startsWith(`paperboy: Cannot read issue ${issue}: `), result.stderr);
    assert.equal(result.stdout, '', 'no journal shown');
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

/** Issue 1's send started, its lock held by `pid` on this host, that process started at `started`, and `sending` rows left. */
function lockedBy(root: string, pid: number, started: string | undefined, sending = 0): void {
  const db = openStore(join(root, '.paperboy'));
  new SendJournal(db, 1).freeze('subscribers', undefined, (email) => `<1.${email}@test>`, new Date(), ISSUE_1);
  db.prepare('UPDATE send_runs SET lock_pid = ?, lock_host = ?, lock_at = ?, lock_started = ?').run(pid, hostname(), new Date().toISOString(), started ?? null);
  db.prepare(`UPDATE deliveries SET state = 'sending' WHERE recipient_key IN (SELECT recipient_key FROM deliveries ORDER BY recipient_key LIMIT ?)`).run(sending);
  db.close();
}

/** A live process that is no paperboy send, for the length of `body`. */
async function withOtherProcess(body: (pid: number) => Promise<void>): Promise<void> {
  const other = spawn('sleep', ['60']);
  await once(other, 'spawn');
  try {
    await body(other.pid!);
  } finally {
    other.kill();
  }
}

test('journal: a lock whose pid runs but started at another time (the id reused after a reboot or in a restarted container) is stale: the next send takes it over', async () => {
  await withOtherProcess(async (pid) => {
    const root = await newsletter(3);
    lockedBy(root, pid, 'an-earlier-boot:4242');
    const result = await send(root);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  });
});

test('journal: a lock held by a process that runs and started when the lock says refuses the send (exit 1), naming it', async () => {
  await withOtherProcess(async (pid) => {
    const root = await newsletter(3);
    lockedBy(root, pid, processStart(pid));
    const result = await send(root);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`another paperboy send of it is running \\(pid ${pid} on `));
    assert.deepEqual([...new Set(journalStates(root).values())], ['queued']);
  });
});

test('journal: a send refused for another send running names the time of that send\'s last write in the local time zone, as the progress lines give theirs, not in UTC', async () => {
  const zone = process.env.TZ;
  // 5 h 45 min off UTC: a time shown in UTC differs in its hours and minutes.
  process.env.TZ = 'Asia/Kathmandu';
  try {
    await withOtherProcess(async (pid) => {
      const root = await newsletter(3);
      lockedBy(root, pid, processStart(pid));
      const db = openStore(join(root, '.paperboy'));
      const { at } = db.prepare('SELECT lock_at AS at FROM send_runs WHERE issue = 1').get() as { at: string };
      db.close();
      const result = await send(root);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`\\(pid ${pid} on [^,]+, last write at ${new Date(at).toLocaleTimeString('en-GB')}, local time\\)`), result.stderr);
    });
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test('journal: a send of an issue another send is running stops with that one\'s pid (exit 1) before printing a plan, without speaking of its rows in flight as a stopped run\'s, dry run included', async () => {
  await withOtherProcess(async (pid) => {
    const root = await newsletter(4);
    lockedBy(root, pid, processStart(pid), 2);
    for (const dryRun of [false, true]) {
      const result = await send(root, { dryRun });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`another paperboy send of it is running \\(pid ${pid} on `));
      assert.doesNotMatch(result.stdout, /Resume|stopped run/);
    }
    assert.equal([...journalStates(root).values()].filter((state) => state === 'sending').length, 2, 'the running send\'s rows are left to it');
  });
});
