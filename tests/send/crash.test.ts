import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { newsletter, SECRET } from '../helpers/send.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { BIN } from '../helpers/cli.js';

/**
 * The compiled CLI as a real process (so it can be killed), talking to the
 * test's own smtp-server: spawned, never spawnSync, so the server keeps
 * answering while the child runs.
 */

function startSend(root: string, server: TestSmtpServer, args: string[] = []) {
  const child = spawn(process.execPath, [BIN, 'send', '1', '--yes', '--rate', '0', '--concurrency', '3', '--root', root, ...args], {
    env: { PATH: process.env.PATH, SMTP_URL: server.url, PAPERBOY_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
  return { child, exited, output: () => output };
}

interface Row {
  email: string;
  state: string;
  message_id: string;
}

function journal(root: string): Row[] {
  const db = openStore(join(root, '.paperboy'));
  const rows = db.prepare('SELECT email, state, message_id FROM deliveries WHERE issue = 1').all() as Row[];
  db.close();
  return rows;
}

/** A small seeded generator (mulberry32), so a failing seed can be run again. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const seed of [1, 2, 3, 4]) {
  test(`crash: SIGKILL at a random moment (seed ${seed}), then the same command: at most one unknown per connection, nobody sent twice but unknown ones, everyone reached with --retry-unknown`, async () => {
    const random = seeded(seed);
    const root = await newsletter(150);
    const server = await startSmtpServer();
    try {
      const first = startSend(root, server);
      // Kill once a random number of messages has arrived (or after the start-up, for the low draws).
      const target = Math.floor(random() * 140);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (server.received.length >= target) {
            clearInterval(poll);
            resolve();
          }
        }, 2);
        void first.exited.then(() => {
          clearInterval(poll);
          resolve();
        });
      });
      first.child.kill('SIGKILL');
      await first.exited;

      const afterKill = new Map(journal(root).map((row) => [row.email, row.state]));
      const sentBeforeResume = new Set([...afterKill].filter(([, state]) => state === 'sent').map(([email]) => email));
      for (const email of sentBeforeResume) assert.ok(server.received.some((m) => m.to === email), `${email} is sent in the journal and arrived`);
      const inFlight = [...afterKill.values()].filter((state) => state === 'sending').length;
      assert.ok(inFlight <= 3, `at most one message per connection in flight (RELIABILITY 9): ${inFlight}`);

      const second = startSend(root, server);
      assert.ok([0, 1].includes((await second.exited)!), second.output());
      const unknown = new Set(journal(root).filter((row) => row.state === 'unknown').map((row) => row.email));
      assert.equal(unknown.size, inFlight, 'exactly the rows left in flight are unknown');

      const third = startSend(root, server, ['--retry-unknown']);
      assert.equal(await third.exited, 0, third.output());

      const rows = journal(root);
      assert.ok(rows.every((row) => row.state === 'sent'), 'every recipient sent');
      const idOf = new Map(rows.map((row) => [row.email, row.message_id]));
      const copies = new Map<string, number>();
      for (const message of server.received) {
        assert.equal(message.messageId, idOf.get(message.to), 'the Message-ID the journal holds for that recipient');
        copies.set(message.to, (copies.get(message.to) ?? 0) + 1);
      }
      assert.equal(copies.size, 150, 'everyone received the issue');
      for (const [email, count] of copies) {
        if (count > 1) assert.ok(unknown.has(email), `${email} got ${count} copies but was never unknown`);
        assert.ok(count <= 2);
      }
    } finally {
      await server.close();
    }
  });
}

test('two sends of one issue at once: one copy per recipient', async () => {
  const root = await newsletter(60);
  const server = await startSmtpServer();
  try {
    const [a, b] = [startSend(root, server), startSend(root, server)];
    const codes = await Promise.all([a.exited, b.exited]);
    assert.ok(codes.includes(0), `${a.output()}\n${b.output()}`);
    const loser = codes[0] === 0 ? b : a;
    if (codes[0] !== codes[1]) assert.match(loser.output(), /another paperboy send of it is running|Nothing to send/);
    assert.equal(server.received.length, 60);
    assert.equal(new Set(server.received.map((m) => m.to)).size, 60);
  } finally {
    await server.close();
  }
});

test('SIGINT pauses cleanly: messages in flight finish and are recorded, exit 130, the same command resumes without a duplicate', async () => {
  const root = await newsletter(120);
  const server = await startSmtpServer();
  try {
    const first = startSend(root, server);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (server.received.length >= 20) {
          clearInterval(poll);
          resolve();
        }
      }, 2);
    });
    first.child.kill('SIGINT');
    assert.equal(await first.exited, 130, first.output());
    assert.match(first.output(), /Interrupted/);
    const states = journal(root).map((row) => row.state);
    assert.ok(!states.includes('sending'), 'nothing left in flight');
    assert.ok(!states.includes('unknown'));
    const second = startSend(root, server);
    assert.equal(await second.exited, 0, second.output());
    assert.equal(server.received.length, 120);
    assert.equal(new Set(server.received.map((m) => m.to)).size, 120);
  } finally {
    await server.close();
  }
});

test('SIGTERM stops a send as Ctrl-C does: the messages the server is taking finish and are recorded sent, exit 143, the same command resumes without a duplicate', async () => {
  const root = await newsletter(30);
  let dataStarted = 0;
  // Each message taken slowly, so several are in flight when the signal comes.
  const server = await startSmtpServer({ data: () => (dataStarted++, { acceptAfterMs: 400 }) });
  try {
    const first = startSend(root, server);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (dataStarted >= 5) {
          clearInterval(poll);
          resolve();
        }
      }, 2);
    });
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 143, first.output());
    assert.match(first.output(), /Interrupted/);
    const rows = journal(root);
    assert.ok(rows.every((row) => row.state === 'sent' || row.state === 'queued'), `nothing left sending or unknown: ${JSON.stringify([...new Set(rows.map((row) => row.state))])}`);
    const sent = rows.filter((row) => row.state === 'sent').map((row) => row.email).sort();
    assert.deepEqual(server.received.map((m) => m.to).sort(), sent, 'every message the server took is recorded sent');
    assert.ok(sent.length >= 5, `the messages in flight finished (${sent.length})`);
    const second = startSend(root, server);
    assert.equal(await second.exited, 0, second.output());
    assert.equal(server.received.length, 30);
    assert.equal(new Set(server.received.map((m) => m.to)).size, 30);
  } finally {
    await server.close();
  }
});
