import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journalStates, newsletter, send } from '../helpers/send.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

/*
 * Relays that limit a sender without being down: so many messages a
 * connection, or a rate limit that refuses every message in flight at
 * once for a moment. Each must let the send finish in one run, each
 * reader with one copy (RELIABILITY 13: back off and lower concurrency;
 * only a relay that is down stops the run).
 */

/** A retry policy whose backoff from the relay (≥ 1 s) is told on stderr (dispatch.ts WAIT_TOLD_MS). */
const TOLD_BACKOFF = { baseMs: 2_000, maxMs: 2_000, giveUpMs: 60_000 };

test('smtp: a relay that closes each connection after its third message (no 421 said) gets the next messages over new connections: every reader one copy in one run, no backoff', async () => {
  const root = await newsletter(30);
  const server = await startSmtpServer({ closeAfterMessages: 3 });
  try {
    const result = await send(root, { concurrency: 5, retry: TOLD_BACKOFF }, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server.received.length, 30);
    assert.ok([...server.copies().values()].every((n) => n === 1));
    assert.doesNotMatch(result.stderr, /the relay failed|Stopped early/);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  } finally {
    await server.close();
  }
});

test('smtp: a rate limit that refuses every message in flight at once (421 at MAIL FROM for a moment) is one relay failure, not one per connection: the run backs off once and finishes, every reader one copy', async () => {
  const root = await newsletter(30);
  let limitedUntil = 0;
  const taken = { count: () => 0 };
  const server: TestSmtpServer = await startSmtpServer({
    mailFrom: () => {
      // From the tenth message taken, a limit of 300 ms: shorter than the run's backoff (1–3 s).
      if (limitedUntil === 0 && taken.count() >= 10) limitedUntil = Date.now() + 300;
      return Date.now() < limitedUntil ? { code: 421, message: '4.7.0 Rate limit exceeded, try again later' } : undefined;
    },
  });
  taken.count = () => server.received.length;
  try {
    const result = await send(root, { concurrency: 5, retry: TOLD_BACKOFF }, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /Stopped early/);
    assert.equal((result.stderr.match(/the relay failed/g) ?? []).length, 1, result.stderr);
    assert.equal(server.received.length, 30);
    assert.ok([...server.copies().values()].every((n) => n === 1));
  } finally {
    await server.close();
  }
});
