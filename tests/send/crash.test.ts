import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { newsletter, SECRET } from '../helpers/send.js';
import { receivedAtLeast, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { BIN } from '../helpers/cli.js';

/**
 * The compiled CLI as a real process (so it can be killed), talking to the
 * test's own smtp-server: spawned, never spawnSync, so the server keeps
 * answering while the child runs.
 */

/** No rate limit, three connections: the flags of a send unless a test gives its own. */
const FAST = ['--rate', '0', '--concurrency', '3'];

/** `paperboy send 1 --yes` through `server`, or into the outbox without one. */
function startSend(root: string, server: TestSmtpServer | undefined, args: string[] = FAST) {
  const child = spawn(process.execPath, [BIN, 'send', '1', '--yes', '--root', root, ...args], {
    env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, ...(server ? { SMTP_URL: server.url } : {}) },
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
      await receivedAtLeast(server, target, first.exited);
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

      const third = startSend(root, server, [...FAST, '--retry-unknown']);
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

/** Resolves once `ready` holds (polled every 2 ms), or the send has exited. */
function until(ready: () => boolean, send: ReturnType<typeof startSend>): Promise<void> {
  return new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        resolve();
      }
    }, 2);
    void send.exited.then(() => {
      clearInterval(poll);
      resolve();
    });
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Kills the send with SIGKILL and waits for it to be gone. */
async function kill(send: ReturnType<typeof startSend>): Promise<void> {
  send.child.kill('SIGKILL');
  await send.exited;
}

/** Rows in doubt (`sending` after a kill, or `unknown`) are only those whose message reached the relay's DATA, at most one a connection. */
function assertInDoubtOnlyIfBegun(rows: readonly Row[], server: TestSmtpServer, connections: number): void {
  const begun = new Set(server.dataBegun);
  const inDoubt = rows.filter((row) => row.state === 'sending' || row.state === 'unknown');
  for (const row of inDoubt) assert.ok(begun.has(row.email), `${row.email} is ${row.state}, yet the relay never had a DATA for it: it cannot have arrived`);
  assert.ok(rows.filter((row) => row.state === 'sending').length <= connections, 'at most one message a connection in doubt (RELIABILITY 9)');
}

/** How many copies each recipient received. */
function copiesByRecipient(server: TestSmtpServer): Map<string, number> {
  const copies = new Map<string, number>();
  for (const message of server.received) copies.set(message.to, (copies.get(message.to) ?? 0) + 1);
  return copies;
}

test('crash: a send killed while its next recipients wait for the rate limit leaves none of them in doubt: the messages the relay took are journaled sent at once, the rest stay queued, and the same command sends each of those one copy', async () => {
  const root = await newsletter(40);
  const server = await startSmtpServer();
  try {
    const first = startSend(root, server, ['--rate', '2', '--concurrency', '5']);
    await until(() => server.received.length >= 3, first);
    // Well past a result's group commit (20 ms), well before the next message's turn (one every 500 ms).
    await delay(250);
    await kill(first);
    const afterKill = journal(root);
    const state = new Map(afterKill.map((row) => [row.email, row.state]));
    assert.ok(server.received.length >= 3);
    for (const { to } of server.received) assert.equal(state.get(to), 'sent', `${to}: the relay took it, and its 250 is in the journal`);
    assertInDoubtOnlyIfBegun(afterKill, server, 5);

    const second = startSend(root, server, ['--rate', '0', '--concurrency', '5']);
    assert.equal(await second.exited, 0, second.output());
    assert.doesNotMatch(second.output(), /unknown/);
    const rows = journal(root);
    assert.ok(rows.every((row) => row.state === 'sent'), 'every recipient sent, none unknown');
    const copies = copiesByRecipient(server);
    assert.equal(copies.size, 40, 'nobody skipped');
    for (const [email, count] of copies) assert.equal(count, 1, `${email} got ${count} copies`);
  } finally {
    await server.close();
  }
});

for (const seed of [11, 12, 13]) {
  test(`crash: a rate-limited send killed at three random moments (seed ${seed}), then the same command: only recipients whose message reached the relay's DATA are unknown, everyone else gets exactly one copy`, async () => {
    const random = seeded(seed);
    const root = await newsletter(60);
    const server = await startSmtpServer();
    try {
      for (let round = 0; round < 3; round++) {
        const run = startSend(root, server, ['--rate', '40', '--concurrency', '3']);
        // After a random number of messages more, then a random moment of the next one's way (its rate slot, its connection, its DATA).
        const target = server.received.length + 1 + Math.floor(random() * 12);
        await until(() => server.received.length >= target, run);
        await delay(random() * 40);
        await kill(run);
        assertInDoubtOnlyIfBegun(journal(root), server, 3);
      }
      const last = startSend(root, server);
      assert.ok([0, 1].includes((await last.exited)!), last.output());
      const rows = journal(root);
      assertInDoubtOnlyIfBegun(rows, server, 3);
      const copies = copiesByRecipient(server);
      for (const row of rows) {
        const count = copies.get(row.email) ?? 0;
        if (row.state === 'unknown') assert.ok(count <= 1, `${row.email} is unknown and got ${count} copies`);
        else {
          assert.equal(row.state, 'sent', row.email);
          assert.equal(count, 1, `${row.email} is sent and got ${count} copies`);
        }
      }
    } finally {
      await server.close();
    }
  });
}

test('crash: an outbox send killed three times resumes from its files: a message whose file is in place is sent, one without is written now, none unknown, one file a recipient', async () => {
  const root = await newsletter(40);
  const outbox = join(root, '.paperboy', 'outbox', '1');
  const files = () => {
    try {
      return readdirSync(outbox).filter((name) => name.endsWith('.eml'));
    } catch {
      return [];
    }
  };
  for (let round = 1; round <= 3; round++) {
    const run = startSend(root, undefined, ['--rate', '10', '--concurrency', '5']);
    await until(() => files().length >= round * 6, run);
    await delay(round * 30);
    await kill(run);
  }
  const last = startSend(root, undefined, ['--rate', '0', '--concurrency', '5']);
  assert.equal(await last.exited, 0, last.output());
  assert.doesNotMatch(last.output(), /unknown/);
  const rows = journal(root);
  assert.ok(rows.every((row) => row.state === 'sent'), JSON.stringify(rows.filter((row) => row.state !== 'sent')));
  assert.equal(files().length, 40, 'one file a recipient');
  const ids = new Set(files().map((name) => /^Message-ID:\s*(<[^>]+>)/im.exec(readFileSync(join(outbox, name), 'latin1'))?.[1]));
  assert.deepEqual([...ids].sort(), rows.map((row) => row.message_id).sort(), 'each file the message of one recipient of the journal');
});

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
    await receivedAtLeast(server, 20);
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
