import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
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
  let mailFroms = 0;
  const server: TestSmtpServer = await startSmtpServer({
    mailFrom: () => {
      // From the eleventh MAIL FROM, a limit of 300 ms: shorter than the run's backoff (1–3 s). Counted here, not by the
      // messages received (parsed after their DATA): on a loaded machine every MAIL FROM could come before ten were parsed.
      mailFroms += 1;
      if (limitedUntil === 0 && mailFroms > 10) limitedUntil = Date.now() + 300;
      return Date.now() < limitedUntil ? { code: 421, message: '4.7.0 Rate limit exceeded, try again later' } : undefined;
    },
  });
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

const LOGIN = { user: 'digest', pass: 'secret' };
const TEMPORARY_LOGIN_FAILURE = { code: 454, message: '4.7.0 Temporary authentication failure, try again later' };

test('smtp: a login the relay refuses for now (454 4.7.0) before any message is said as temporary, not as a wrong password: exit 1, nothing sent, nobody marked, run again later', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ auth: LOGIN, authRefusal: () => TEMPORARY_LOGIN_FAILURE });
  try {
    const result = await send(root, {}, { SMTP_URL: `smtp://digest:secret@127.0.0.1:${server.port}` });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /The SMTP relay cannot log in for now \(a temporary refusal, not a wrong password\): 454 4\.7\.0 Temporary authentication failure, try again later\. Nothing was sent; run the same command again later\./);
    assert.doesNotMatch(result.stderr, /Check the user and password/);
    assert.equal(server.received.length, 0);
  } finally {
    await server.close();
  }
});

test('smtp: a login refused for now (454) on a new connection mid-run is the relay\'s trouble, backed off from as a 421: the run finishes, every reader one copy', async () => {
  const root = await newsletter(12);
  // The first login is the check before the send, the next two the pool's connections: the fourth, a connection opened mid-run, is refused.
  const server = await startSmtpServer({ auth: LOGIN, authRefusal: (n) => (n === 4 ? TEMPORARY_LOGIN_FAILURE : undefined), closeAfterMessages: 2 });
  try {
    const result = await send(root, { concurrency: 2 }, { SMTP_URL: `smtp://digest:secret@127.0.0.1:${server.port}` });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server.received.length, 12);
    assert.ok([...server.copies().values()].every((n) => n === 1));
  } finally {
    await server.close();
  }
});

/** The journal row of issue 1 for `email`: its state, attempts and last reply. */
function rowOf(root: string, email: string): { state: string; attempts: number; last_reply: string } {
  const db = openStore(join(root, '.paperboy'));
  const row = db.prepare('SELECT state, attempts, last_reply FROM deliveries WHERE issue = 1 AND email = ?').get(email) as { state: string; attempts: number; last_reply: string };
  db.close();
  return row;
}

test('smtp: a relay that never answers RCPT TO for one address: each try is an attempt (a temporary failure) with the silence as its reply, retried with backoff and expired at the give-up time, one RCPT a try (not one timeout per connection); the others one copy each, and the next run has nothing to send (it waited on that address again every run)', async () => {
  const root = await newsletter(8);
  const hung = 'reader2@example.org';
  let hungRcpts = 0;
  const server = await startSmtpServer({ rcpt: (to) => (to === hung ? (hungRcpts++, 'never-answer') : undefined) });
  try {
    const options = { concurrency: 3, smtp: { socketTimeoutMs: 400 }, retry: { baseMs: 20, maxMs: 50, giveUpMs: 1_500 }, maxWaitMs: 5_000 };
    const result = await send(root, options, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /expired: reader2@example\.org: no reply from the relay within 0\.4 s to MAIL FROM or RCPT TO, before the message began \(DATA\): nothing of it went/);
    assert.doesNotMatch(result.stderr, /Stopped early/);
    const row = rowOf(root, hung);
    assert.equal(row.state, 'expired');
    assert.ok(row.attempts >= 2, `attempts: ${row.attempts}`);
    assert.equal(hungRcpts, row.attempts, 'every RCPT of the silent address is an attempt the journal counts');
    assert.equal(server.received.length, 7);
    assert.ok([...server.copies().values()].every((n) => n === 1));
    const again = await send(root, options, { SMTP_URL: server.url });
    assert.match(again.stdout, /Nothing to send for issue 1/);
    assert.equal(hungRcpts, row.attempts);
  } finally {
    await server.close();
  }
});

test('smtp: a 421 that ends a reused connection keeps its words when the message\'s try over a new connection then fails without a word (the new connection dropped): the relay failed (421 4.7.0 …; then …), not a wordless "closed the connection"', async () => {
  const root = await newsletter(3);
  let mails = 0;
  // The second MAIL FROM, on the connection that took the first message; the third connection, the one it goes over then, dropped unspoken.
  const server = await startSmtpServer({ mailFrom: () => (++mails === 2 ? { code: 421, message: '4.7.0 Too busy, closing connection' } : undefined), dropConnection: (n) => n === 3 });
  try {
    const result = await send(root, { concurrency: 1, retry: TOLD_BACKOFF }, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /the relay failed \(421 4\.7\.0 Too busy, closing connection; then, over another connection: ECONNECT…\): waiting until/);
    assert.equal(server.received.length, 3);
    assert.ok([...server.copies().values()].every((n) => n === 1));
  } finally {
    await server.close();
  }
});

test('smtp: a relay silent on one recipient\'s RCPT TO while it takes the others\' mail over other connections is not backed off from: the others are not stalled behind a pause (the relay is well; that recipient waits for its retry alone)', async () => {
  const root = await newsletter(60);
  const server = await startSmtpServer({ rcpt: (to) => (to === 'reader2@example.org' ? 'never-answer' : undefined) });
  try {
    // 20 messages a second: most readers are still to send when the silence ends. A give-up time shorter than the
    // silence: the one try is the last (expired), so a pause would come of it alone, and be told (≥ 1.5 s).
    const result = await send(root, { concurrency: 3, rate: 20, smtp: { socketTimeoutMs: 400 }, retry: { baseMs: 3_000, maxMs: 3_000, giveUpMs: 200 } }, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /the relay failed/);
    assert.equal(journalStates(root).get('reader2@example.org'), 'expired');
    assert.equal(server.received.length, 59);
  } finally {
    await server.close();
  }
});

test('smtp: a relay that takes so many connections at once (421 at the greeting of one more, Postfix\'s connection count limit) below --concurrency: the run goes on at once over the connections it has, with no backoff, every reader one copy', { timeout: 120_000 }, async () => {
  const root = await newsletter(120);
  const server = await startSmtpServer({ maxOpenConnections: 3, data: () => ({ acceptAfterMs: 10 }) });
  try {
    const started = Date.now();
    const result = await send(root, { concurrency: 6, retry: TOLD_BACKOFF }, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server.received.length, 120);
    assert.ok([...server.copies().values()].every((n) => n === 1));
    // Each backoff (1–3 s here, 15–45 s by default) stalled the whole run, and one more connection every twenty messages
    // was refused again: seven backoffs and 20 s for these 120 messages. A refusal with no other message in flight (the
    // relay still counting connections closed a moment ago) is a failure of the relay as before: one at most.
    assert.ok((result.stderr.match(/the relay failed/g) ?? []).length <= 1, result.stderr);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  } finally {
    await server.close();
  }
});
