import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { BIN } from '../helpers/cli.js';
import { journalStates, newsletter, SECRET } from '../helpers/send.js';
import { receivedAtLeast, startSmtpServer } from '../helpers/smtp-server.js';

test('send: another program holding the database locked past the busy timeout mid-send (a large subscribers import) pauses the send, said with the time, and it goes on once the lock is gone: everyone sent once, nobody unknown', async () => {
  const root = await newsletter(40);
  const server = await startSmtpServer();
  try {
    const child = spawn(process.execPath, [BIN, 'send', '1', '--yes', '--root', root, '--rate', '0', '--concurrency', '2'], {
      // The store's busy timeout cut to 0.2 s (PAPERBOY_BUSY_TIMEOUT_MS, for tests only): a lock of 3 s is past it 15 times over.
      env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, SMTP_URL: server.url, PAPERBOY_BUSY_TIMEOUT_MS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await receivedAtLeast(server, 3, exited);
    // What an import does: one write transaction, held (here 3 s) while the send goes on.
    const other = new Database(join(root, '.paperboy', 'paperboy.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    const lockedAt = server.received.length;
    await sleep(3_000);
    const duringLock = server.received.length;
    other.prepare('COMMIT').run();
    other.close();
    const code = await exited;
    assert.equal(code, 0, output);
    assert.match(output, /another program holds the database locked since \d\d:\d\d:\d\d \(a subscribers import\?\): waiting for it until \d\d:\d\d:\d\d at most/, output);
    // No message ended while its journal row could not be written `sending` (RELIABILITY 8): at most the ones already past their hand-off.
    assert.ok(duringLock - lockedAt <= 2, `${duringLock - lockedAt} messages ended while the journal was locked`);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
    assert.equal(server.received.length, 40);
    assert.deepEqual([...new Set(server.copies().values())], [1]);
  } finally {
    await server.close();
  }
});
