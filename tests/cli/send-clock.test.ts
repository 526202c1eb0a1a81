import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { journalStates, newsletter, receivedBy, SECRET, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

test('send: a recipient deferred by a 451 just before the system clock steps back an hour is retried after its delay, not an hour later', async () => {
  const root = await newsletter(3);
  // The clock the send reads: an hour back (NTP stepping it, a VM resumed) once reader0's retry is in the journal,
  // committed with reader1's hand-off (group-commit.ts), from the moment reader2 is tried.
  let back = 0;
  const server = await startSmtpServer({
    rcpt: (to, attempt) => {
      if (to === 'reader2@example.org') back = 3_600_000;
      return to === 'reader0@example.org' && attempt === 1 ? { code: 451, message: '4.3.0 try later' } : undefined;
    },
  });
  try {
    const result = await send(root, { concurrency: 1, maxWaitMs: 10_000, retry: { baseMs: 200, maxMs: 400, giveUpMs: 86_400_000 }, now: () => new Date(Date.now() - back) }, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
    assert.deepEqual(receivedBy(server).get('reader0@example.org')?.length, 1);
  } finally {
    await server.close();
  }
});

/** libfaketime (Debian's `faketime` package), which steps the system clock of one process: FAKETIME_TIMESTAMP_FILE read at every call. */
const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'].find((path) => existsSync(path));

test('send: the backoff from a relay that said 421 lasts its 15–45 s when the system clock steps back an hour meanwhile, not an hour more', { skip: LIBFAKETIME ? false : 'no libfaketime here (apt-get install faketime) to step a process\'s clock', timeout: 150_000 }, async () => {
  const root = await newsletter(2);
  const clock = join(root, 'clock');
  writeFileSync(clock, '+0');
  const server = await startSmtpServer({
    rcpt: (to, attempt) => {
      if (to !== 'reader0@example.org' || attempt !== 1) return undefined;
      // Stepped back once the send has begun its backoff (of 15 s at least).
      setTimeout(() => writeFileSync(clock, '-1h'), 3_000);
      return { code: 421, message: '4.7.0 Too busy, closing connection' };
    },
  });
  try {
    const child = spawn(process.execPath, [BIN, 'send', '1', '--yes', '--concurrency', '1'], {
      cwd: root,
      env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, SMTP_URL: server.url, LD_PRELOAD: LIBFAKETIME, FAKETIME_TIMESTAMP_FILE: clock, FAKETIME_NO_CACHE: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    const stuck = setTimeout(() => child.kill('SIGKILL'), 100_000);
    const [code] = (await exited) as [number | null];
    clearTimeout(stuck);
    assert.equal(code, 0, 'the send finished within 100 s');
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  } finally {
    await server.close();
  }
});
