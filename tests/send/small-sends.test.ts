import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run as runSends } from '../../src/cli/sends.js';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { captureIO, journalStates, newsletter, send } from '../helpers/send.js';
import { startSmtpServer, type Faults } from '../helpers/smtp-server.js';

/*
 * The run holds a refusal that may be the relay's own rather than the
 * recipient's (5.1.x before the relay took any message, 5.7.x, a 5xx at the
 * end of DATA) until several different recipients are refused so in a row.
 * A send with fewer recipients than that (the list address, two readers)
 * must not hold them for the give-up time, 24 h, the run only saying it
 * waits.
 */

/** `send` of the newsletter at `root` with `options` through a relay started with `faults` and closed after: the result and the relay (its `received` messages). */
async function sendThrough(root: string, faults: Faults, options: Parameters<typeof send>[1]) {
  const server = await startSmtpServer(faults);
  try {
    return { result: await send(root, options, { SMTP_URL: server.url }), server };
  } finally {
    await server.close();
  }
}

/** A send of issue 1 to `count` readers (or `--list`) through a server with `faults`; retries every 50 ms, a run waiting at most 2 s. */
async function sendSmall(count: number, faults: Faults, list = false) {
  const root = await newsletter(count);
  const { result, server } = await sendThrough(root, faults, { list, concurrency: 1, retry: { baseMs: 50, maxMs: 50, giveUpMs: 60_000 }, maxWaitMs: 2_000 });
  return { result, states: journalStates(root), server };
}

test('smtp: --list to an address the relay says does not exist (550 5.1.1) fails at once with the reply, not retried for a day: no subscriber to bounce, no other recipient to wait for', async () => {
  const { result, states } = await sendSmall(2, { rcpt: () => ({ code: 550, message: '5.1.1 <list@lists.example.org>: Recipient address rejected: User unknown' }) }, true);
  assert.equal(result.code, 1);
  assert.equal(states.get('list@lists.example.org'), 'failed');
  assert.match(result.stderr, /failed: list@lists\.example\.org: 550 5\.1\.1 <list@lists\.example\.org>: Recipient address rejected/);
  assert.doesNotMatch(result.stderr, /waiting until|Paused/);
});

test('smtp: --list whose message the relay refuses at the end of DATA (552 too big) fails at once with the reply, not retried for a day', async () => {
  const { result, states } = await sendSmall(2, { data: () => ({ code: 552, message: '5.3.4 Message size exceeds fixed limit' }) }, true);
  assert.equal(result.code, 1);
  assert.equal(states.get('list@lists.example.org'), 'failed');
  assert.match(result.stderr, /failed: list@lists\.example\.org: 552 5\.3\.4 Message size exceeds fixed limit/);
});

test('smtp: a send to two readers, each refused by policy (550 5.7.26), pauses as three in a row of a larger send would: nobody failed or bounced, both left queued', async () => {
  const { result, states, server } = await sendSmall(2, { rcpt: () => ({ code: 550, message: '5.7.26 Unauthenticated email is not accepted from this domain' }) });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Paused: the relay refuses our mail by policy/);
  assert.deepEqual([...new Set(states.values())], ['queued']);
  assert.equal(server.received.length, 0);
});

test('smtp: the report of a --list send that failed says to run `paperboy send 1 --list --retry-failed`, which the send takes (without --list it is refused: a send keeps its mode)', async () => {
  const root = await newsletter(2);
  const { result } = await sendThrough(root, { data: () => ({ code: 554, message: '5.6.0 Message rejected by list server' }) }, { list: true, concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /`paperboy send 1 --list --retry-failed` sends to it again\./);
  const { result: retried, server: taking } = await sendThrough(root, {}, { list: true, retryFailed: true });
  assert.equal(retried.code, 0, retried.stderr);
  assert.deepEqual(taking.received.map((m) => m.to), ['list@lists.example.org']);
});

test('smtp: a relay that refuses every recipient for good with no enhanced code (Exim\'s "550 relay not permitted") pauses the run after three: nobody failed, the issue not marked sent (the whole list was failed and the issue marked sent with nobody mailed)', async () => {
  const root = await newsletter(10);
  const { result } = await sendThrough(root, { rcpt: () => ({ code: 550, message: 'relay not permitted' }) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Paused: the relay refused the first recipients of this send one after another for good \(a 5xx at RCPT\) and has taken no message of it/);
  assert.deepEqual([...new Set(journalStates(root).values())], ['queued']);
  assert.doesNotMatch(result.stdout, /status: sent/);
});

test('smtp: a recipient refused for good with no enhanced code (550 no such user here) before the relay took any message is held, then failed once the others were delivered', async () => {
  const root = await newsletter(4);
  const { result, server } = await sendThrough(root, { rcpt: (to) => (to === 'reader0@example.org' ? { code: 550, message: 'No such user here' } : undefined) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stderr, /Paused/);
  assert.equal(server.received.length, 3);
  assert.equal(journalStates(root).get('reader0@example.org'), 'failed');
  assert.match(result.stderr, /failed: reader0@example\.org: 550 No such user here/);
});

test('smtp: a send that delivered nobody (its one message, to the list address, refused) does not mark the issue `status: sent`; the retry that delivers it does', async () => {
  const root = await newsletter(2);
  const file = join(root, 'issues', '0001-mirages.md');
  const { result } = await sendThrough(root, { rcpt: () => ({ code: 550, message: '5.1.1 <list@lists.example.org>: Recipient address rejected: User unknown' }) }, { list: true });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stdout, /status: sent/);
  assert.match(readFileSync(file, 'utf8'), /^status: ready$/m);
  const { result: retried } = await sendThrough(root, {}, { list: true, retryFailed: true });
  assert.equal(retried.code, 0, retried.stderr);
  assert.match(retried.stdout, /status: sent/);
  assert.match(readFileSync(file, 'utf8'), /^status: sent$/m);
});

test('smtp: a 550, 551 or 553 at RCPT with no enhanced status code, once the relay took others\' mail, is `failed` with the reply and the subscriber stays active (a basic 550 is also "no access" or policy, RFC 5321 §4.2.2; only 5.1.x says no such mailbox); `sends 1` lists each failed with its reply, and a 5.1.1 beside them bounces', async () => {
  const root = await newsletter(8);
  const refusals = new Map([
    ['reader1@example.org', { code: 550, message: 'No such user here' }],
    ['reader3@example.org', { code: 551, message: 'User not local; please try <reader3@elsewhere.example>' }],
    ['reader5@example.org', { code: 553, message: 'sorry, that domain isn\'t in my list of allowed rcpthosts' }],
    ['reader7@example.org', { code: 550, message: '5.1.1 <reader7@example.org>: Recipient address rejected: User unknown' }],
  ]);
  const { result } = await sendThrough(root, { rcpt: (to) => refusals.get(to) }, { concurrency: 1 });
  assert.equal(result.code, 1);
  const states = journalStates(root);
  for (const email of refusals.keys()) assert.equal(states.get(email), 'failed', email);
  const db = openStore(join(root, '.paperboy'));
  const statuses = new Map([...new SubscriberStore(db).list()].map((s) => [s.email, s.status]));
  db.close();
  assert.deepEqual(['reader1', 'reader3', 'reader5', 'reader7'].map((name) => statuses.get(`${name}@example.org`)), ['active', 'active', 'active', 'bounced']);
  const sends = captureIO(root);
  assert.equal(await runSends({ root, issue: '1' }, sends.io), 0);
  assert.match(sends.stdout(), /^failed\treader1@example\.org\t1 attempt\t550 No such user here$/m);
  assert.match(sends.stdout(), /^failed\treader3@example\.org\t1 attempt\t551 User not local; please try <reader3@elsewhere\.example>$/m);
  assert.match(sends.stdout(), /^failed\treader5@example\.org\t1 attempt\t553 sorry, that domain isn't in my list of allowed rcpthosts$/m);
});
