import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SendJournal } from '../../src/send/journal.js';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { verify } from '../../src/subscribers/unsubscribe-token.js';
import { listKeys } from '../helpers/tokens.js';
import { parseEml } from '../helpers/render.js';
import { ISSUE_1, journalStates, newsletter, SECRET, send } from '../helpers/send.js';
import { startSmtpServer, type Faults } from '../helpers/smtp-server.js';

/** A newsletter of `count` readers, sent once through a server with `faults`. */
async function sendThrough(count: number, faults: Faults, options: Parameters<typeof send>[1] = {}) {
  const root = await newsletter(count);
  const server = await startSmtpServer(faults);
  try {
    const result = await send(root, { concurrency: 3, smtp: { socketTimeoutMs: 1500 }, ...options }, { SMTP_URL: server.url });
    return { root, server, result, states: journalStates(root) };
  } finally {
    await server.close();
  }
}

/** How many attempts the journal of issue 1 counts for `email`. */
const attemptsOf = (root: string, email: string): number => {
  const db = openStore(join(root, '.paperboy'));
  const { attempts } = db.prepare('SELECT attempts FROM deliveries WHERE issue = 1 AND email = ?').get(email) as { attempts: number };
  db.close();
  return attempts;
};

const bySubscriberStatus = (root: string) => {
  const db = openStore(join(root, '.paperboy'));
  const statuses = new Map([...new SubscriberStore(db).list()].map((s) => [s.email, s.status]));
  db.close();
  return statuses;
};

test('smtp: 500 subscribers each receive the issue exactly once, with the List headers and a personal unsubscribe link; a second send sends none', async () => {
  const root = await newsletter(500);
  const server = await startSmtpServer();
  try {
    const first = await send(root, { concurrency: 5 }, { SMTP_URL: server.url });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Through SMTP 127\.0\.0\.1:\d+ \(5 connections\)/);
    assert.equal(server.received.length, 500);
    assert.deepEqual(new Set(server.received.map((m) => m.to)).size, 500);
    assert.ok([...server.copies().values()].every((n) => n === 1));
    const keys = listKeys(root, SECRET);
    for (const message of server.received.slice(0, 20)) {
      const mail = await parseEml(message.raw);
      const lines = mail.headerLines.map((h) => h.key);
      for (const name of ['list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'from', 'date', 'message-id']) {
        assert.equal(lines.filter((k) => k === name).length, 1, `exactly one ${name}`);
      }
      const token = /token=([\w.-]+)/.exec(mail.text!)![1]!;
      assert.notEqual(verify(token, keys), undefined);
      assert.ok(String(mail.html).includes(token) && mail.text!.includes('1 Example Street'), 'both parts: the link and the postal address');
    }
    const second = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(second.code, 0);
    assert.equal(server.received.length, 500);
  } finally {
    await server.close();
  }
});

test('smtp: 550 5.1.1 at RCPT for one address: that one failed and bounced, the others one copy each, exit 1 naming it', async () => {
  const { result, server, states, root } = await sendThrough(6, { rcpt: (to) => (to === 'reader2@example.org' ? { code: 550, message: '5.1.1 <reader2@example.org>: user unknown' } : undefined) });
  assert.equal(result.code, 1);
  assert.equal(states.get('reader2@example.org'), 'failed');
  assert.equal(bySubscriberStatus(root).get('reader2@example.org'), 'bounced');
  assert.equal(server.received.length, 5);
  assert.match(result.stderr, /failed: reader2@example\.org: 550 5\.1\.1/);
});

test('smtp: 550 5.1.1 for everyone (a relay that does not deliver for the domain): the run pauses, nobody bounced, the issue not marked sent', async () => {
  const unknown = { code: 550, message: '5.1.1 <reader@example.org>: Recipient address rejected: User unknown in relay recipient table' };
  const { result, root, states, server } = await sendThrough(12, { rcpt: () => unknown }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Paused: the relay refused several recipients in a row as unknown mailboxes \(5\.1\.x\) and has delivered no message of this send/);
  assert.equal(server.received.length, 0);
  assert.deepEqual([...new Set(states.values())], ['queued']);
  assert.deepEqual([...new Set(bySubscriberStatus(root).values())], ['active']);
  assert.doesNotMatch(result.stdout, /status: sent/);
  assert.doesNotMatch(readFileSync(join(root, 'issues', '0001-mirages.md'), 'utf8'), /status: sent/);
});

test('smtp: a dead address refused (5.1.1) before the relay took any message is held, then bounced once the others were delivered', async () => {
  const { result, server, states, root } = await sendThrough(4, { rcpt: (to) => (to === 'reader0@example.org' ? { code: 550, message: '5.1.1 <reader0@example.org>: user unknown' } : undefined) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stderr, /Paused/);
  assert.deepEqual(server.received.map((m) => m.to).sort(), ['reader1@example.org', 'reader2@example.org', 'reader3@example.org']);
  assert.equal(states.get('reader0@example.org'), 'failed');
  assert.equal(bySubscriberStatus(root).get('reader0@example.org'), 'bounced');
  assert.match(result.stderr, /failed: reader0@example\.org: 550 5\.1\.1/);
});

test('smtp: 451 twice then accepted: delivered once, after three attempts', async () => {
  const { result, server, root } = await sendThrough(2, { rcpt: (to, attempt) => (to === 'reader0@example.org' && attempt <= 2 ? { code: 451, message: '4.7.1 greylisted, try again' } : undefined) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.filter((m) => m.to === 'reader0@example.org').length, 1);
  assert.equal(attemptsOf(root, 'reader0@example.org'), 3);
});

test('smtp: 421 at RCPT twice, then accepted: a refusal paperboy saw counts as an attempt of that recipient (not 0), delivered once', async () => {
  const { result, server, root } = await sendThrough(2, { rcpt: (to, attempt) => (to === 'reader0@example.org' && attempt <= 2 ? { code: 421, message: '4.7.0 Too many connections, closing' } : undefined) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.filter((m) => m.to === 'reader0@example.org').length, 1);
  // The server saw three RCPTs; nodemailer's pool may take the message to a new connection itself after the 421 closes one,
  // unseen by paperboy: at least the refusal it saw, and the delivery, are attempts.
  const attempts = attemptsOf(root, 'reader0@example.org');
  assert.ok(attempts >= 2 && attempts <= 3, `attempts: ${attempts}`);
});

test('smtp: a run that waits for a deferred recipient says until when, so the wait does not look like a hang, and the reply that deferred it, so it says why', async () => {
  const { result, server } = await sendThrough(2, { rcpt: (to, attempt) => (to === 'reader0@example.org' && attempt === 1 ? { code: 451, message: '4.7.1 greylisted, try again' } : undefined) }, { retry: { baseMs: 3_000, maxMs: 3_000, giveUpMs: 60_000 } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /sending: waiting until \d\d:\d\d:\d\d to retry 1 deferred recipient, deferred with 451 4\.7\.1 greylisted, try again \(Ctrl-C stops; the same command resumes\)/);
  assert.equal(server.received.length, 2);
});

test('smtp: 452 at RCPT is temporary: retried, not failed', async () => {
  const { result, server } = await sendThrough(2, { rcpt: (to, attempt) => (to === 'reader1@example.org' && attempt === 1 ? { code: 452, message: '4.5.3 too many recipients' } : undefined) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, 2);
});

test('smtp: 421 at DATA and the connection closed: reconnect, one copy', async () => {
  const { result, server } = await sendThrough(4, { data: (to, attempt) => (to === 'reader1@example.org' && attempt === 1 ? { code: 421, message: '4.3.2 shutting down' } : 'accept') });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, 4);
  assert.ok([...server.copies().values()].every((n) => n === 1));
});

test('smtp: 421 on connect: back off, reconnect, every recipient one copy', async () => {
  const { result, server } = await sendThrough(4, { connect: (n) => (n === 2 || n === 3 ? { code: 421, message: '4.7.0 too many connections, slow down' } : undefined) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, 4);
  assert.ok([...server.copies().values()].every((n) => n === 1));
});

test('smtp: the connection reset mid-DATA: retried, the server ends with one complete copy', async () => {
  const { result, server, states } = await sendThrough(3, { data: (to, attempt) => (to === 'reader0@example.org' && attempt === 1 ? 'reset-mid-data' : 'accept') });
  assert.equal(result.code, 0, `${result.stdout}${result.stderr}${JSON.stringify([...states])}`);
  assert.equal(server.received.filter((m) => m.to === 'reader0@example.org').length, 1);
});

test('smtp: the socket closed after the final dot with no reply: unknown; --retry-unknown adds exactly one copy with the same Message-ID', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ data: (to, attempt) => (to === 'reader1@example.org' && attempt === 1 ? 'close-after-data' : 'accept') });
  try {
    const first = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.equal(first.code, 1);
    assert.equal(journalStates(root).get('reader1@example.org'), 'unknown');
    assert.equal(server.received.length, 2);
    const plain = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(server.received.length, 2, 'an unknown recipient is not sent again unasked');
    assert.match(plain.stderr, /--retry-unknown/);
    const retried = await send(root, { retryUnknown: true }, { SMTP_URL: server.url });
    assert.equal(retried.code, 0, retried.stderr);
    const copies = server.received.filter((m) => m.to === 'reader1@example.org');
    assert.equal(copies.length, 1);
    const db = openStore(join(root, '.paperboy'));
    assert.equal(copies[0]!.messageId, (db.prepare(`SELECT message_id FROM deliveries WHERE email = 'reader1@example.org'`).get() as { message_id: string }).message_id);
    db.close();
  } finally {
    await server.close();
  }
});

test('smtp: a send that ends with a recipient unknown names it, says --retry-unknown may deliver a second copy, and why it exits 1', async () => {
  const { result } = await sendThrough(3, { data: (to, attempt) => (to === 'reader1@example.org' && attempt === 1 ? 'close-after-data' : 'accept') }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /sent 2, unknown 1/);
  assert.match(result.stderr, /1 recipient unknown: their message had started going to the relay \(DATA\) and no reply was recorded, so it may have arrived:\n {2}unknown: reader1@example\.org/);
  assert.match(result.stderr, /`paperboy send 1 --retry-unknown` sends to it again, under the same Message-ID: a reader whose copy did arrive gets a second one/);
  assert.match(result.stderr, /exit 1: 1 unknown, so not every recipient is known to have the issue/);
});

test('smtp: a resumed send whose killed run left recipients in flight names them as unknown and says how to send them again, in that run', async () => {
  const root = await newsletter(5);
  // As `kill -9` leaves the journal: two rows claimed (`sending`), the rest still queued.
  const db = openStore(join(root, '.paperboy'));
  new SendJournal(db, 1).freeze('subscribers', undefined, (email) => `<1.${email}>`, new Date(), ISSUE_1);
  db.prepare("UPDATE deliveries SET state = 'sending', attempts = 1 WHERE issue = 1 AND email IN ('reader0@example.org', 'reader3@example.org')").run();
  db.close();
  const server = await startSmtpServer();
  try {
    const resumed = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(resumed.code, 1);
    assert.equal(server.received.length, 3, 'the unknown ones are not sent again unasked');
    assert.match(resumed.stdout, /sent 3, unknown 2/);
    assert.match(resumed.stderr, /2 recipients unknown: .*\n {2}unknown: reader0@example\.org: no reply recorded: the run sending it stopped .*\n {2}unknown: reader3@example\.org: .*\n.*--retry-unknown/);
    assert.match(resumed.stderr, /exit 1: 2 unknown/);
  } finally {
    await server.close();
  }
});

test('smtp: a row a killed run left sending, with nothing queued, becomes unknown on the next send (not sent again unasked), which then writes status: sent', async () => {
  const root = await newsletter(3);
  const file = join(root, 'issues/0001-mirages.md');
  const server = await startSmtpServer();
  try {
    assert.equal((await send(root, {}, { SMTP_URL: server.url })).code, 0);
    // As a run killed while reader1's message went to the relay leaves the journal.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: sent$/m, 'status: ready'));
    const db = openStore(join(root, '.paperboy'));
    db.prepare("UPDATE deliveries SET state = 'sending' WHERE issue = 1 AND email = 'reader1@example.org'").run();
    db.close();
    assert.equal((await send(root, { dryRun: true }, { SMTP_URL: server.url })).code, 1);
    assert.equal(journalStates(root).get('reader1@example.org'), 'sending', 'a dry run changes nothing');
    const again = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(again.code, 1, again.stderr);
    assert.match(again.stdout, /Nothing to send for issue 1: every recipient has a final state\.\n/);
    assert.match(again.stderr, /1 recipient unknown: .*may have arrived:\n {2}unknown: reader1@example\.org: no reply recorded: the run sending it stopped .*\n.*--retry-unknown/);
    assert.equal(journalStates(root).get('reader1@example.org'), 'unknown');
    assert.match(readFileSync(file, 'utf8'), /^status: sent$/m);
    assert.equal(server.received.length, 3, 'nobody sent twice');
  } finally {
    await server.close();
  }
});

test('smtp: a send that ends with a recipient failed names it with the reply and says --retry-failed', async () => {
  const { result } = await sendThrough(4, { data: (to) => (to === 'reader2@example.org' ? { code: 554, message: '5.6.0 Message content rejected' } : 'accept') }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /1 recipient failed or expired, with the relay's reply:\n {2}failed: reader2@example\.org: 554/);
  assert.match(result.stderr, /`paperboy send 1 --retry-failed` sends to it again/);
  assert.match(result.stderr, /exit 1: 1 failed, so/);
});

test('smtp: a connection reset after the final dot with no reply: unknown, not sent again unasked (RELIABILITY 9: duplicates only among unknown)', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ data: (to, attempt) => (to === 'reader1@example.org' && attempt === 1 ? 'reset-after-data' : 'accept') });
  try {
    const first = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.equal(first.code, 1, first.stderr);
    assert.equal(journalStates(root).get('reader1@example.org'), 'unknown');
    assert.equal(server.received.filter((m) => m.to === 'reader1@example.org').length, 1, 'the server kept the message: no second copy');
    assert.equal(server.received.length, 3);
    const retried = await send(root, { retryUnknown: true }, { SMTP_URL: server.url });
    assert.equal(retried.code, 0, retried.stderr);
    const copies = server.received.filter((m) => m.to === 'reader1@example.org');
    assert.equal(copies.length, 2, 'a requested resend adds exactly one copy');
    assert.equal(copies[0]!.messageId, copies[1]!.messageId);
  } finally {
    await server.close();
  }
});

test('smtp: a server that never answers after DATA: timeout, unknown, the command ends', async () => {
  const { result, states } = await sendThrough(2, { data: () => 'never-answer' }, { concurrency: 1, smtp: { socketTimeoutMs: 300 } });
  assert.equal(result.code, 1);
  assert.deepEqual([...states.values()], ['unknown', 'unknown']);
});

test('smtp: connection refused for the whole run: nothing marked failed, exit 1, a later run delivers', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer();
  const url = server.url;
  await server.close();
  const refused = await send(root, {}, { SMTP_URL: url });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Cannot reach the SMTP relay/);
  assert.ok(![...journalStates(root).values()].includes('failed'));
  const later = await startSmtpServer();
  try {
    const delivered = await send(root, {}, { SMTP_URL: later.url });
    assert.equal(delivered.code, 0, delivered.stderr);
    assert.equal(later.received.length, 3);
  } finally {
    await later.close();
  }
});

test('smtp: smtps:// to a relay that speaks plain text on that port says to use smtp:// or the TLS port, not to check the password (exit 2, nothing sent)', async () => {
  const root = await newsletter(2);
  const server = await startSmtpServer();
  try {
    const result = await send(root, {}, { SMTP_URL: server.url.replace('smtp://', 'smtps://') });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /The relay answered in plain text where smtps:\/\/ starts TLS at once: use smtp:\/\/ for this port/);
    assert.doesNotMatch(result.stderr, /user and password/);
    assert.equal(server.received.length, 0);
  } finally {
    await server.close();
  }
});

test('smtp: port 587 on a relay that offers no STARTTLS says so, not to check the password (exit 2, nothing sent)', async (t) => {
  const root = await newsletter(2);
  const server = await startSmtpServer({ port: 587 }).catch((error: NodeJS.ErrnoException) => error);
  if (server instanceof Error) return t.skip(`port 587 cannot be listened on here (${server.code})`);
  try {
    const result = await send(root, {}, { SMTP_URL: 'smtp://127.0.0.1:587' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /The relay does not offer STARTTLS on this port, and paperboy sends on port 587 only over TLS/);
    assert.doesNotMatch(result.stderr, /user and password/);
    assert.equal(server.received.length, 0);
  } finally {
    await server.close();
  }
});

test('smtp: 535 authentication failure: abort before anything, exit 2, no recipient marked failed', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ auth: { user: 'news', pass: 'right' } });
  try {
    const result = await send(root, {}, { SMTP_URL: `smtp://news:wrong-password@127.0.0.1:${server.port}` });
    assert.equal(result.code, 2);
    assert.ok(!`${result.stdout}${result.stderr}`.includes('wrong-password'), 'the password is never printed');
    assert.equal(server.received.length, 0);
    assert.ok(![...journalStates(root).values()].includes('failed'));
    const ok = await send(root, {}, { SMTP_URL: `smtp://news:right@127.0.0.1:${server.port}` });
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    await server.close();
  }
});

test('smtp: the sender refused at MAIL FROM (TLS required): abort, nothing sent, nobody failed, exit 2', async () => {
  const { result, server, states } = await sendThrough(3, { mailFrom: () => ({ code: 530, message: '5.7.0 Must issue a STARTTLS command first' }) });
  assert.equal(result.code, 2);
  assert.equal(server.received.length, 0);
  assert.deepEqual([...new Set(states.values())], ['queued']);
});

test("smtp: a STARTTLS certificate that does not verify is refused before anything is sent (exit 2)", async () => {
  const { result, server, states } = await sendThrough(2, { starttls: true });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /certificate/i);
  assert.equal(server.received.length, 0);
  assert.equal(states.size, 0);
});

test('smtp: 550 5.7.26 for everyone: the run pauses, nobody bounced or failed', async () => {
  const { result, root, states, server } = await sendThrough(6, { rcpt: () => ({ code: 550, message: '5.7.26 Unauthenticated email is not accepted (DMARC)' }) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Paused: the relay refuses our mail by policy/);
  assert.equal(server.received.length, 0);
  assert.deepEqual([...new Set(states.values())], ['queued']);
  assert.deepEqual([...new Set(bySubscriberStatus(root).values())], ['active']);
});

test('smtp: one recipient refused by policy (550 5.7.1 at RCPT) does not pause the send: the others get it, that one ends failed with the reply, not bounced', async () => {
  const { result, server, states, root } = await sendThrough(4, { rcpt: (to) => (to === 'reader1@example.org' ? { code: 550, message: '5.7.1 Recipient address rejected: Access denied' } : undefined) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stderr, /Paused/);
  assert.deepEqual(server.received.map((m) => m.to).sort(), ['reader0@example.org', 'reader2@example.org', 'reader3@example.org']);
  assert.equal(states.get('reader1@example.org'), 'failed');
  assert.equal(bySubscriberStatus(root).get('reader1@example.org'), 'active', 'a policy refusal says nothing of the mailbox');
  assert.match(result.stderr, /failed: reader1@example\.org: 550 5\.7\.1 Recipient address rejected/);
  assert.match(result.stdout, /status: sent/);
});

test('smtp: the server closes idle pooled connections: no loss, no duplicate', async () => {
  // Idle past 400 ms closed; a message every 500 ms, so each pooled connection is closed between messages. (150 ms and 4/s
  // failed once on a loaded machine: the relay closed the pre-send check's connection before its first command.)
  const { result, server } = await sendThrough(5, { idleTimeoutMs: 400 }, { rate: 2, concurrency: 2 });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, 5);
  assert.ok([...server.copies().values()].every((n) => n === 1));
});

test('smtp: a one-click unsubscribe arriving mid-send: that recipient is skipped, with no attempt counted', async () => {
  const root = await newsletter(6);
  let unsubscribed = false;
  const server = await startSmtpServer({
    data: () => {
      if (!unsubscribed) {
        unsubscribed = true;
        const db = openStore(join(root, '.paperboy'));
        const store = new SubscriberStore(db);
        store.unsubscribe(store.find('reader5@example.org')!.id);
        db.close();
      }
      return 'accept';
    },
  });
  try {
    const result = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(journalStates(root).get('reader5@example.org'), 'skipped');
    assert.ok(!server.received.some((m) => m.to === 'reader5@example.org'));
    assert.equal(server.received.length, 5);
    assert.equal(attemptsOf(root, 'reader5@example.org'), 0, 'never tried: `sends` shows no attempt');
  } finally {
    await server.close();
  }
});

/** A journal that fails as a full disk would: no delivery can be recorded `sent`. */
const JOURNAL_FULL = `CREATE TRIGGER journal_full BEFORE UPDATE ON deliveries WHEN NEW.state = 'sent' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`;

/** A server that accepts every message, and at the first one makes the journal of `root` fail with `triggers`. */
function serverFillingJournal(root: string, triggers: readonly string[]) {
  let broken = false;
  return startSmtpServer({
    data: () => {
      if (!broken) {
        broken = true;
        const db = openStore(join(root, '.paperboy'));
        for (const trigger of triggers) db.exec(trigger);
        db.close();
      }
      return 'accept';
    },
  });
}

test('smtp: a journal write error stops sending before the next message and exits non-zero (RELIABILITY 16)', async () => {
  const root = await newsletter(30);
  const server = await serverFillingJournal(root, [JOURNAL_FULL]);
  try {
    const result = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the send journal cannot be written/);
    assert.ok(server.received.length <= 4, `stopped at once (${server.received.length} sent, one claimed batch at most)`);
  } finally {
    await server.close();
  }
});

test('smtp: --list retried after a 451 keeps its Message-ID (RELIABILITY 18)', async () => {
  const { result, server, root } = await sendThrough(2, { rcpt: (_to, attempt) => (attempt === 1 ? { code: 451, message: '4.3.0 try again' } : undefined) }, { list: true });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, 1);
  assert.equal(server.received[0]!.to, 'list@lists.example.org');
  const db = openStore(join(root, '.paperboy'));
  assert.equal(server.received[0]!.messageId, (db.prepare('SELECT message_id FROM deliveries').get() as { message_id: string }).message_id);
  db.close();
});

test('smtp: no output line holds the SMTP password, the HMAC secret or a whole token (RELIABILITY 23)', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ auth: { user: 'news', pass: 's3cret-pass' }, rcpt: (to) => (to === 'reader1@example.org' ? { code: 550, message: '5.1.1 unknown' } : undefined) });
  try {
    const result = await send(root, {}, { SMTP_URL: `smtp://news:s3cret-pass@127.0.0.1:${server.port}` });
    const output = result.stdout + result.stderr;
    assert.ok(!output.includes('s3cret-pass'));
    assert.ok(!output.includes(SECRET));
    for (const message of server.received) {
      const token = /token=([\w.-]+)/.exec(message.raw.toString('latin1').replace(/=\r\n/g, ''))![1]!;
      assert.ok(!output.includes(token));
    }
  } finally {
    await server.close();
  }
});

test('smtp: temporary failures past the give-up time: expired, exit 1, named', async () => {
  const { result, states } = await sendThrough(2, { rcpt: (to) => (to === 'reader0@example.org' ? { code: 451, message: '4.4.1 mailbox busy' } : undefined) }, {
    retry: { baseMs: 10, maxMs: 20, giveUpMs: 150 },
  });
  assert.equal(result.code, 1);
  assert.equal(states.get('reader0@example.org'), 'expired');
  assert.equal(states.get('reader1@example.org'), 'sent');
  assert.match(result.stderr, /expired: reader0@example\.org: 451 4\.4\.1/);
});

test('smtp: a relay that goes down mid-run (421 on every new connection): stop early, the rest stay queued, nobody failed', async () => {
  const { result, states, server } = await sendThrough(40, { connect: (n) => (n > 1 ? { code: 421, message: '4.3.2 service shutting down' } : undefined) }, { concurrency: 2 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Stopped early: the SMTP relay keeps failing/);
  assert.equal(server.received.length, 0);
  assert.ok([...states.values()].every((state) => state === 'queued'), JSON.stringify([...new Set(states.values())]));
});

test('smtp: a send whose issue started in the other mode while it asked or checked the relay refuses (exit 2), nothing sent, every row left as that send froze it', async () => {
  for (const [mine, theirs] of [['list', 'subscribers'], ['subscribers', 'list']] as const) {
    const root = await newsletter(4);
    // The other send freezes the journal and stops just as this one connects to check the relay (after its plan).
    const server = await startSmtpServer({
      connect: (n) => {
        if (n === 1) {
          const db = openStore(join(root, '.paperboy'));
          new SendJournal(db, 1).freeze(theirs, 'list@lists.example.org', (email) => `<1.${email}@test>`, new Date(), ISSUE_1);
          db.close();
        }
        return undefined;
      },
    });
    try {
      const result = await send(root, { list: mine === 'list' }, { SMTP_URL: server.url });
      assert.equal(result.code, 2, `${mine}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, theirs === 'list' ? /send went to the list address \(--list\); it cannot also go to the subscribers/ : /send went to the subscribers; it cannot also go to the list address/);
      assert.equal(server.received.length, 0, `${mine}: nothing sent`);
      assert.deepEqual([...new Set(journalStates(root).values())], ['queued']);
    } finally {
      await server.close();
    }
  }
});

test('smtp: a recipient refused with a reply that speaks of TLS or a certificate is classed by its code: a 4xx retried and delivered, a 5.1.1 failed and bounced, the others sent', async () => {
  const { result, server, states, root } = await sendThrough(5, {
    rcpt: (to, attempt) => {
      if (to === 'reader1@example.org' && attempt === 1) return { code: 450, message: '4.7.1 <reader1@example.org>: Recipient address rejected: TLS is required, but was not offered by host mx.example.net' };
      if (to === 'reader3@example.org') return { code: 550, message: '5.1.1 <reader3@example.org>: user unknown (certificate check at the next hop)' };
      return undefined;
    },
  });
  assert.equal(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stderr, /Aborted/);
  assert.deepEqual(server.received.map((m) => m.to).sort(), ['reader0@example.org', 'reader1@example.org', 'reader2@example.org', 'reader4@example.org']);
  assert.equal(states.get('reader1@example.org'), 'sent');
  assert.equal(states.get('reader3@example.org'), 'failed');
  assert.equal(bySubscriberStatus(root).get('reader3@example.org'), 'bounced');
});

test('smtp: --retry-unknown resends under the Message-ID the journal froze, even after the baseUrl changed', async () => {
  const root = await newsletter(2);
  const server = await startSmtpServer({ data: (to, attempt) => (to === 'reader1@example.org' && attempt === 1 ? 'close-after-data' : 'accept') });
  try {
    const first = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.equal(journalStates(root).get('reader1@example.org'), 'unknown', first.stderr);
    const configFile = join(root, 'paperboy.config.yaml');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('baseUrl: https://news.example.org/', 'baseUrl: https://letters.example.net/'));
    const retried = await send(root, { retryUnknown: true }, { SMTP_URL: server.url });
    assert.equal(retried.code, 0, retried.stderr);
    const copy = server.received.find((m) => m.to === 'reader1@example.org');
    const db = openStore(join(root, '.paperboy'));
    const frozen = (db.prepare(`SELECT message_id FROM deliveries WHERE email = 'reader1@example.org'`).get() as { message_id: string }).message_id;
    db.close();
    assert.match(frozen, /news\.example\.org/);
    assert.equal(copy?.messageId, frozen);
  } finally {
    await server.close();
  }
});

test('smtp: a journal that cannot be written at all, the lock release included, still ends with the journal report and exit 1', async () => {
  const root = await newsletter(10);
  const server = await serverFillingJournal(root, [JOURNAL_FULL, `CREATE TRIGGER lock_full BEFORE UPDATE ON send_runs WHEN NEW.lock_pid IS NULL BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`]);
  try {
    const result = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Stopped: the send journal cannot be written/);
    assert.match(result.stderr, /the send lock was left in the journal \(database or disk is full\)/);
  } finally {
    await server.close();
  }
  // The lock names a process that is gone from this host: the next send takes it over.
  const db = openStore(join(root, '.paperboy'));
  db.exec('DROP TRIGGER journal_full; DROP TRIGGER lock_full');
  db.prepare('UPDATE send_runs SET lock_pid = 999999999').run();
  db.close();
  const later = await startSmtpServer();
  try {
    const resumed = await send(root, {}, { SMTP_URL: later.url });
    assert.equal(resumed.code, 1, resumed.stderr);
    assert.doesNotMatch(resumed.stderr, /another paperboy send/);
    assert.equal(later.received.length, 9);
  } finally {
    await later.close();
  }
});

test('smtp: a backoff from the relay with nobody left to send is not waited out', async () => {
  const started = performance.now();
  // The one recipient's connection closed after the final dot: unknown, and a relay failure to back off from (1.5 s at least).
  const { result, states } = await sendThrough(1, { data: () => 'close-after-data' }, { retry: { baseMs: 3_000, maxMs: 3_000, giveUpMs: 60_000 } });
  const elapsed = performance.now() - started;
  assert.equal(states.get('reader0@example.org'), 'unknown', result.stderr);
  assert.ok(elapsed < 1_400, `the run took ${Math.round(elapsed)} ms, waiting out a backoff with nothing to send`);
});

test('smtp: a backoff from a relay that failed (421) is told at once: why, until when, over how many connections', async () => {
  const { result, server } = await sendThrough(
    3,
    { rcpt: (to, attempt) => (to === 'reader0@example.org' && attempt === 1 ? { code: 421, message: '4.7.0 Try again later, closing connection' } : undefined) },
    { retry: { baseMs: 3_000, maxMs: 3_000, giveUpMs: 60_000 } },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /sending: the relay failed \(421 4\.7\.0 Try again later, closing connection\): waiting until \d\d:\d\d:\d\d, then 2 connections \(Ctrl-C stops; the same command resumes\)/);
  assert.equal(server.received.length, 3);
});

test('smtp: after a relay failure the run sends over fewer connections for a while, then over --concurrency again', async () => {
  const count = 70;
  const { result, server } = await sendThrough(count, {
    rcpt: (to, attempt) => (to === 'reader0@example.org' && attempt === 1 ? { code: 421, message: '4.7.0 Try again later, closing connection' } : undefined),
    data: () => ({ acceptAfterMs: 25 }),
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, count);
  // The failure came first (reader0 is claimed first), one connection less from then; twenty messages taken, one more again.
  const tail = server.concurrency.slice(-15);
  assert.equal(Math.max(...tail), 3, `transactions at once over the last 15 messages: ${tail.join(' ')}`);
});

test('smtp: a relay that takes only so many messages a connection (452 4.5.3 after three) gets new connections, and the run finishes', async () => {
  const started = performance.now();
  const { result, server, states } = await sendThrough(20, {
    rcpt: (_to, _attempt, inSession) => (inSession > 3 ? { code: 452, message: '4.5.3 Too many messages in this session, reconnect' } : undefined),
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual([...new Set(states.values())], ['sent']);
  assert.ok([...server.copies().values()].every((n) => n === 1) && server.received.length === 20);
  assert.ok(performance.now() - started < 20_000, 'each refusal closed its session: the run did not wait for connections to time out');
});

test('smtp: send --test says what a send says of the relay: a refused login is exit 2 with its hint; a proof the relay took without a reply may have been delivered', async () => {
  const root = await newsletter(1);
  const guarded = await startSmtpServer({ auth: { user: 'news', pass: 'right' } });
  try {
    const refused = await send(root, { test: 'me@example.org' }, { SMTP_URL: guarded.url.replace('smtp://', 'smtp://news:wrong@') });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /The SMTP relay refused the session before any message: 535/);
    assert.doesNotMatch(refused.stderr, /wrong/, 'never the password');
  } finally {
    await guarded.close();
  }
  const silent = await startSmtpServer({ data: () => 'reset-after-data' });
  try {
    const result = await send(root, { test: 'me@example.org' }, { SMTP_URL: silent.url });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the proof to me@example\.org may have been delivered: the relay took all of it, then gave no reply \(.+\)\. Look in that inbox before sending another\./);
    assert.equal(silent.received.length, 1);
  } finally {
    await silent.close();
  }
});

test('smtp: send --test refused for now at MAIL FROM (451 4.3.0, a 421) says the proof was not sent and to run again later, exit 1, as at RCPT (it said "refused the session… check the user and password", exit 2); a sender refused for good (550 5.7.1) is exit 2 naming `from`, not the password', async () => {
  const root = await newsletter(1);
  for (const reply of [{ code: 451, message: '4.3.0 Temporary lookup failure, try again' }, { code: 421, message: '4.7.0 Too busy, try again later' }]) {
    const server = await startSmtpServer({ mailFrom: () => reply });
    try {
      const result = await send(root, { test: 'me@example.org' }, { SMTP_URL: server.url });
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, `paperboy: the proof to me@example.org was not sent: the relay refused it for now (${reply.code} ${reply.message}); run the same command again later.\n`);
    } finally {
      await server.close();
    }
  }
  const refusing = await startSmtpServer({ mailFrom: () => ({ code: 550, message: '5.7.1 Sender address rejected: not owned by user news' }) });
  try {
    const result = await send(root, { test: 'me@example.org' }, { SMTP_URL: refusing.url });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /The SMTP relay refused the sender \(MAIL FROM\) for good: 550 5\.7\.1 Sender address rejected/);
    assert.match(result.stderr, /Check that `from` in paperboy\.config\.yaml is an address the relay lets SMTP_URL's login send from/);
    assert.doesNotMatch(result.stderr, /user and password/);
  } finally {
    await refusing.close();
  }
});

test('smtp: a send names no more connections than it has messages: one for a proof, one for --list, as many as the recipients below --concurrency', async () => {
  const root = await newsletter(2);
  const server = await startSmtpServer();
  try {
    const proof = await send(root, { test: 'me@example.org', concurrency: 5 }, { SMTP_URL: server.url });
    assert.equal(proof.code, 0, proof.stderr);
    assert.match(proof.stdout, /^Sent a proof of #1 to me@example\.org through SMTP 127\.0\.0\.1:\d+ \(1 connection\) \(not in the journal\)\.$/m);
    const dry = await send(root, { dryRun: true, concurrency: 5 }, { SMTP_URL: server.url });
    assert.match(dry.stdout, /^Through SMTP 127\.0\.0\.1:\d+ \(2 connections\),/m);
    const list = await send(root, { list: true, dryRun: true, concurrency: 5 }, { SMTP_URL: server.url });
    assert.match(list.stdout, /^Through SMTP 127\.0\.0\.1:\d+ \(1 connection\),/m);
    const wide = await send(await newsletter(8), { dryRun: true, concurrency: 5 }, { SMTP_URL: server.url });
    assert.match(wide.stdout, /^Through SMTP 127\.0\.0\.1:\d+ \(5 connections\),/m);
  } finally {
    await server.close();
  }
});

test('smtp: 552 at the end of DATA for everyone (the message too big for the relay): the run pauses, nobody failed, the issue not marked sent', async () => {
  const { result, states, server } = await sendThrough(6, { data: () => ({ code: 552, message: '5.3.4 Message size exceeds fixed limit' }) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Paused: the relay refused the message itself for several recipients in a row/);
  assert.equal(server.received.length, 0);
  assert.deepEqual([...new Set(states.values())], ['queued']);
  assert.doesNotMatch(result.stdout, /status: sent/);
});

test('smtp: one copy refused at the end of DATA (552 5.2.2, a full mailbox) while the relay takes the others: that one failed, not bounced, the run goes on', async () => {
  const { result, states, server, root } = await sendThrough(4, { data: (to) => (to === 'reader0@example.org' ? { code: 552, message: '5.2.2 Mailbox full' } : 'accept') }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stderr, /Paused/);
  assert.equal(server.received.length, 3);
  assert.equal(states.get('reader0@example.org'), 'failed');
  assert.equal(bySubscriberStatus(root).get('reader0@example.org'), 'active');
  assert.match(result.stdout, /status: sent/);
});

test('smtp: a relay that ends a reused connection at MAIL FROM (421) gets the message again over a new connection; refused there too, the relay\'s own 421 is said, not nodemailer\'s "maximum number of retries"', async () => {
  let mails = 0;
  // The second MAIL FROM, on the connection that took the first message, and the third, on the new connection it goes over then.
  const { result, server } = await sendThrough(
    2,
    { mailFrom: () => (++mails === 2 || mails === 3 ? { code: 421, message: '4.7.0 Too busy, closing connection' } : undefined) },
    { concurrency: 1, retry: { baseMs: 3_000, maxMs: 3_000, giveUpMs: 60_000 } },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(server.received.length, 2);
  assert.match(result.stderr, /the relay failed \(421 4\.7\.0 Too busy, closing connection\): waiting until/);
  assert.doesNotMatch(result.stderr, /maximum number of retries/);
});

test('smtp: a send report advises --retry-failed only for recipients a retry would mail (one bounced or unsubscribed since is marked and left, with why), and lists recipients by address (reader1@ before reader10@)', async () => {
  const { result, root, server } = await sendThrough(
    12,
    {
      rcpt: (to) => (to === 'reader3@example.org' ? { code: 550, message: '5.1.1 user unknown' } : ['reader4@example.org', 'reader5@example.org'].includes(to) ? { code: 550, message: '5.2.1 mailbox disabled' } : undefined),
      data: (to, attempt) => (['reader1@example.org', 'reader10@example.org', 'reader2@example.org'].includes(to) && attempt === 1 ? 'close-after-data' : 'accept'),
    },
    { concurrency: 1 },
  );
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^ {2}unknown: reader1@example\.org: .*\n {2}unknown: reader10@example\.org: .*\n {2}unknown: reader2@example\.org: /m);
  const db = openStore(join(root, '.paperboy'));
  new SubscriberStore(db).unsubscribe(new SubscriberStore(db).find('reader4@example.org')!.id);
  db.close();
  const again = await send(root, {}, { SMTP_URL: server.url });
  assert.match(again.stdout, /Nothing to send/);
  assert.match(again.stderr, /^ {2}failed: reader3@example\.org: 550 5\.1\.1 user unknown \(now bounced\)\n {2}failed: reader4@example\.org: 550 5\.2\.1 mailbox disabled \(now unsubscribed\)\n {2}failed: reader5@example\.org: 550 5\.2\.1 mailbox disabled\n/m);
  assert.match(again.stderr, /^ {2}2 of them are no longer active \(1 bounced, 1 unsubscribed\): a retry would not send to them/m);
  assert.match(again.stderr, /^ {2}`paperboy send 1 --retry-failed` sends to the other one again\.$/m);

  const server2 = await startSmtpServer();
  try {
    const retried = await send(root, { retryFailed: true }, { SMTP_URL: server2.url });
    assert.deepEqual(server2.received.map((m) => m.to), ['reader5@example.org'], 'the retry mails exactly the one it advised');
    assert.doesNotMatch(retried.stderr, /failed or expired|--retry-failed/, 'none failed is left');
    assert.equal(journalStates(root).get('reader3@example.org'), 'skipped');
    assert.equal(journalStates(root).get('reader4@example.org'), 'skipped');
    // The journal says why each was left: the status it has now.
    const db2 = openStore(join(root, '.paperboy'));
    const replies = new Map((db2.prepare('SELECT email, last_reply FROM deliveries WHERE issue = 1').all() as { email: string; last_reply: string }[]).map((row) => [row.email, row.last_reply]));
    db2.close();
    assert.equal(replies.get('reader3@example.org'), 'bounced after the send started');
    assert.equal(replies.get('reader4@example.org'), 'unsubscribed after the send started');
  } finally {
    await server2.close();
  }
});
