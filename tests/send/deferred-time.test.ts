import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { newsletter, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

test('send: recipients deferred past the run\'s wait are told the next attempt in the local time zone, as the progress lines tell theirs, not in UTC', async () => {
  const zone = process.env.TZ;
  // 5 h 45 min off UTC: a time shown in UTC differs in its hours and minutes.
  process.env.TZ = 'Asia/Kathmandu';
  const root = await newsletter(2);
  const server = await startSmtpServer({ rcpt: (to) => (to === 'reader1@example.org' ? { code: 451, message: '4.7.1 Try again later' } : undefined) });
  try {
    const result = await send(root, { concurrency: 1, retry: { baseMs: 3_600_000, maxMs: 3_600_000, giveUpMs: 86_400_000 }, maxWaitMs: 0 }, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    const db = openStore(join(root, '.paperboy'));
    const { at } = db.prepare(`SELECT next_attempt_at AS at FROM deliveries WHERE email = 'reader1@example.org'`).get() as { at: string };
    db.close();
    const due = new Date(at);
    const local = due.toLocaleTimeString('en-GB');
    assert.notEqual(local, due.toISOString().slice(11, 19));
    assert.match(result.stderr, new RegExp(`1 recipient deferred after temporary failures; next attempt after (\\d{4}-\\d\\d-\\d\\d )?${local} \\(local time\\): run the same command again then\\.`), result.stderr);
    assert.doesNotMatch(result.stderr, /next attempt after \d{4}-\d\d-\d\dT/, result.stderr);
  } finally {
    await server.close();
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
