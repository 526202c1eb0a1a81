import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journalStates, newsletter, receivedBy, send } from '../helpers/send.js';
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
