import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign } from '../../src/subscribers/unsubscribe-token.js';
import { listKeys } from '../helpers/tokens.js';
import { rawRequest, SECRET, startServer } from './helpers.js';

const DATABASE = fileURLToPath(new URL('../../src/store/database.ts', import.meta.url));

/**
 * Another process writing as a send does: for `ms`, transactions that take
 * the write lock and hold it 40 ms each. Prints `writing` once it holds the lock.
 */
const WRITER = `
const { openStore } = await import(process.argv[1]);
const db = openStore(process.argv[2]);
const until = Date.now() + Number(process.argv[3]);
let first = true;
while (Date.now() < until) {
  db.transaction(() => {
    db.prepare("UPDATE settings SET value = value WHERE name = 'none'").run();
    db.prepare("INSERT OR REPLACE INTO settings (name, value) VALUES ('writer', ?)").run(String(Date.now()));
    if (first) { process.stdout.write('writing\\n'); first = false; }
    const hold = Date.now() + 40;
    while (Date.now() < hold);
  }).immediate();
}
db.close();
`;

test('the server and another writer at once: every unsubscribe waits its turn and commits, none surfaces SQLITE_BUSY', { timeout: 60_000 }, async () => {
  const server = await startServer();
  try {
    const store = new SubscriberStore(server.db);
    const ids = Array.from({ length: 30 }, (_, i) => store.add({ email: `reader${i}@example.org`, consentSource: 'test' }).subscriber.id);
    const writer = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER, DATABASE, server.config.dataDir, '3000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise((resolve) => writer.on('exit', resolve));
    await new Promise<void>((resolve) => writer.stdout!.once('data', () => resolve()));
    const keys = listKeys(server.db, SECRET);
    const answers = await Promise.all(ids.map((id) => rawRequest(server.port, 'POST', `/unsubscribe?token=${sign(id, keys)}`, { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=One-Click' })));
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
    assert.equal(store.count('unsubscribed'), 30);
    assert.equal(await exit, 0);
  } finally {
    await server.close();
  }
});

/** Another process holding the write lock in one transaction for `ms` (a large `subscribers import`). Prints `locked` once it holds it. */
const LONG_WRITER = `
const { openStore } = await import(process.argv[1]);
const db = openStore(process.argv[2]);
db.transaction(() => {
  db.prepare("INSERT OR REPLACE INTO settings (name, value) VALUES ('writer', 'x')").run();
  process.stdout.write('locked\\n');
  const hold = Date.now() + Number(process.argv[3]);
  while (Date.now() < hold);
}).immediate();
db.close();
`;

test('a one-click unsubscribe arriving while another program holds the write lock longer than the server waits at a time (an import of 300,000 rows holds it 4 s) waits for it and commits (200), not a 503 that a mailbox provider posting once would take as the end of it', { timeout: 60_000 }, async () => {
  const server = await startServer();
  try {
    // The server's own wait for a lock (server/start.ts): past it, a request was answered 503.
    server.db.pragma('busy_timeout = 300');
    const store = new SubscriberStore(server.db);
    const { id } = store.add({ email: 'ada@example.org', consentSource: 'test' }).subscriber;
    const token = sign(id, listKeys(server.db, SECRET));
    const writer = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LONG_WRITER, DATABASE, server.config.dataDir, '2000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise((resolve) => writer.on('exit', resolve));
    await new Promise<void>((resolve) => writer.stdout!.once('data', () => resolve()));
    const answer = await rawRequest(server.port, 'POST', `/unsubscribe?token=${token}`, { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=One-Click' });
    assert.equal(answer.status, 200);
    assert.equal(store.byId(id)!.status, 'unsubscribed');
    assert.equal(await exit, 0);
  } finally {
    await server.close();
  }
});
