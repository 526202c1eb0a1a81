import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { journalStates, newsletter, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

/*
 * A relay's SIZE (RFC 1870), said in its EHLO reply, held against the
 * issue's message before anyone is sent to: a real smtp-server that says
 * it and holds to it (552 at the end of DATA).
 */

const READERS = ['reader0@example.org', 'reader1@example.org', 'reader2@example.org'];

/** The issue file's status line. */
function status(root: string): string | undefined {
  return /^status: (\w+)$/m.exec(readFileSync(join(root, 'issues/0001-mirages.md'), 'utf8'))?.[1];
}

/** An issue text whose lines start with dots in the message, which DATA doubles (RFC 5321 §4.5.2) and SIZE does not count. */
const DOTS = { body: 'Welcome to the first issue.\n\n...and the dots of an ellipsis start this line.' };

/** The largest message of a send of `newsletter(3, DOTS)`'s issue 1 as a relay with no limit receives it (octets after 354, dots undone): each run's copies are the same size. */
async function largestReceived(): Promise<number> {
  const root = await newsletter(3, DOTS);
  const server = await startSmtpServer();
  try {
    const result = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.match(server.received[0]!.raw.toString('utf8'), /\r\n\.\.\.and the dots/, 'a line of the message starts with a dot');
    return Math.max(...server.received.map((message) => message.raw.length));
  } finally {
    await server.close();
  }
}

test('send: an issue bigger than the relay\'s SIZE is refused before the first recipient, both sizes named: exit 1, nothing sent, nothing journaled, the file not marked', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ size: 2_000 });
  try {
    const result = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^paperboy: Cannot send issue 1: the SMTP relay accepts messages up to 2,000 bytes \(SIZE in its EHLO reply\), and issue 1's message is \d{1,3}(,\d{3})+ bytes as SMTP counts it \(its largest copy, of the recipients this run sends to\)\. Nothing was sent and nobody marked\.$/m,
    );
    assert.match(result.stderr, /Make the issue smaller .* or raise the relay's limit/);
    assert.deepEqual(server.dataBegun, [], 'no message began');
    assert.equal(journalStates(root).size, 0, 'no recipient set frozen');
    assert.equal(status(root), 'ready');
  } finally {
    await server.close();
  }
});

test('send: a message of exactly the relay\'s SIZE goes (RFC 1870 §4 counts CRLF, not the dots of DATA), one byte less is refused before it goes', async () => {
  const largest = await largestReceived();
  const exact = await startSmtpServer({ size: largest });
  const under = await startSmtpServer({ size: largest - 1 });
  try {
    const fits = await newsletter(3, DOTS);
    const sent = await send(fits, {}, { SMTP_URL: exact.url });
    assert.equal(sent.code, 0, sent.stderr);
    assert.deepEqual(exact.received.map((message) => message.to).sort(), READERS);

    const over = await newsletter(3, DOTS);
    const refused = await send(over, {}, { SMTP_URL: under.url });
    assert.equal(refused.code, 1, refused.stderr);
    const said = new Intl.NumberFormat('en-US').format(largest);
    assert.ok(refused.stderr.includes(`issue 1's message is ${said} bytes`), refused.stderr);
    assert.deepEqual(under.dataBegun, []);
  } finally {
    await exact.close();
    await under.close();
  }
});

test('send: a relay that says SIZE with no number, or no SIZE, is sent to as before: the limit is found out message by message', async () => {
  const root = await newsletter(3);
  const bare = await startSmtpServer({ size: 2_000, hideSize: true });
  try {
    const result = await send(root, {}, { SMTP_URL: bare.url });
    assert.doesNotMatch(result.stderr, /accepts messages up to/);
    assert.ok(bare.dataBegun.length >= 1, 'the messages went, and the relay refused them at the end of DATA');
    assert.match(result.stderr, /552/, JSON.stringify(result));
  } finally {
    await bare.close();
  }
  const other = await newsletter(3);
  const none = await startSmtpServer({ size: 0 });
  try {
    const result = await send(other, {}, { SMTP_URL: none.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(none.received.length, 3);
  } finally {
    await none.close();
  }
});

test('send: refused for the relay\'s SIZE, then run again once the limit is raised: every reader one copy, the file marked sent', async () => {
  const root = await newsletter(3);
  const small = await startSmtpServer({ size: 2_000 });
  try {
    const refused = await send(root, {}, { SMTP_URL: small.url });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Cannot send issue 1: the SMTP relay accepts messages up to 2,000 bytes/);
    assert.deepEqual(small.dataBegun, []);
  } finally {
    await small.close();
  }
  const raised = await startSmtpServer({ size: 10 * 1024 * 1024 });
  try {
    const result = await send(root, {}, { SMTP_URL: raised.url });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(raised.received.map((message) => message.to).sort(), READERS);
    const mail = await simpleParser(raised.received[0]!.raw);
    assert.match(mail.text!, /\S/);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
    assert.equal(status(root), 'sent');
  } finally {
    await raised.close();
  }
});

test('send: a resumed send whose relay now says a SIZE the message is over stops with the same words before its first recipient, the journal as it was; after the fix it finishes', async () => {
  const root = await newsletter(3);
  // reader2 refused for now: the first run leaves it queued.
  const first = await startSmtpServer({ rcpt: (to) => (to === 'reader2@example.org' ? { code: 450, message: '4.2.1 Mailbox busy, try again later' } : undefined) });
  try {
    const result = await send(root, { maxWaitMs: 0 }, { SMTP_URL: first.url });
    assert.equal(result.code, 1, result.stderr);
  } finally {
    await first.close();
  }
  const before = journalStates(root);
  assert.equal(before.get('reader2@example.org'), 'queued');
  const small = await startSmtpServer({ size: 2_000 });
  try {
    const result = await send(root, {}, { SMTP_URL: small.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Cannot send issue 1: the SMTP relay accepts messages up to 2,000 bytes \(SIZE in its EHLO reply\), and issue 1's message is [\d,]+ bytes/);
    assert.deepEqual(small.dataBegun, []);
    assert.deepEqual(journalStates(root), before);
  } finally {
    await small.close();
  }
  const fixed = await startSmtpServer({ size: 10 * 1024 * 1024 });
  try {
    // The retry of reader2 is due after its backoff (20–100 ms here).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const result = await send(root, {}, { SMTP_URL: fixed.url });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fixed.received.map((message) => message.to), ['reader2@example.org']);
    assert.equal(status(root), 'sent');
  } finally {
    await fixed.close();
  }
});

test('send --list: the list address\'s one message is held to the relay\'s SIZE the same way', async () => {
  const root = await newsletter(1);
  const server = await startSmtpServer({ size: 2_000 });
  try {
    const result = await send(root, { list: true }, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Cannot send issue 1: the SMTP relay accepts messages up to 2,000 bytes/);
    assert.deepEqual(server.dataBegun, []);
    assert.equal(journalStates(root).size, 0);
  } finally {
    await server.close();
  }
});

test('send --test: a proof bigger than the relay\'s SIZE is not sent, both sizes named, exit 1', async () => {
  const root = await newsletter(1);
  const server = await startSmtpServer({ size: 2_000 });
  try {
    const result = await send(root, { test: 'editor@example.org' }, { SMTP_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^paperboy: the proof to editor@example\.org was not sent: the SMTP relay accepts messages up to 2,000 bytes \(SIZE in its EHLO reply\), and the proof is [\d,]+ bytes as SMTP counts it\.$/m);
    assert.deepEqual(server.dataBegun, []);
  } finally {
    await server.close();
  }
});

test('send --dry-run through a relay checks it as the send does: over its SIZE, the same words and exit 1, nothing written; within it, exit 0', async () => {
  const root = await newsletter(3);
  const small = await startSmtpServer({ size: 2_000 });
  try {
    const result = await send(root, { dryRun: true }, { SMTP_URL: small.url });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^paperboy: Cannot send issue 1: the SMTP relay accepts messages up to 2,000 bytes \(SIZE in its EHLO reply\), and issue 1's message is [\d,]+ bytes as SMTP counts it/m);
    assert.match(result.stdout, /Dry run: nothing sent, nothing written\./);
    assert.deepEqual(small.dataBegun, []);
    assert.equal(journalStates(root).size, 0);
  } finally {
    await small.close();
  }
  const roomy = await startSmtpServer({ size: 10 * 1024 * 1024 });
  try {
    const result = await send(root, { dryRun: true }, { SMTP_URL: roomy.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(roomy.dataBegun, []);
  } finally {
    await roomy.close();
  }
});

test('send: DKIM-signed, the message held to the relay\'s SIZE is the signed one: exactly the limit goes, a byte less is refused before it goes', async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signed = async () => {
    const root = await newsletter(3, { extraConfig: 'dkim: { domainName: example.org, keySelector: news }\n' });
    const keyFile = join(root, 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    return { root, env: { DKIM_PRIVATE_KEY_FILE: keyFile } };
  };
  const first = await signed();
  const open = await startSmtpServer();
  let largest: number;
  try {
    const result = await send(first.root, {}, { ...first.env, SMTP_URL: open.url });
    assert.equal(result.code, 0, result.stderr);
    assert.match(open.received[0]!.raw.toString('latin1'), /^DKIM-Signature:/);
    largest = Math.max(...open.received.map((message) => message.raw.length));
  } finally {
    await open.close();
  }
  const exact = await startSmtpServer({ size: largest });
  const under = await startSmtpServer({ size: largest - 1 });
  try {
    const fits = await signed();
    const sent = await send(fits.root, {}, { ...fits.env, SMTP_URL: exact.url });
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(exact.received.length, 3);
    const over = await signed();
    const refused = await send(over.root, {}, { ...over.env, SMTP_URL: under.url });
    assert.equal(refused.code, 1, refused.stderr);
    assert.ok(refused.stderr.includes(`issue 1's message is ${new Intl.NumberFormat('en-US').format(largest)} bytes`), refused.stderr);
    assert.deepEqual(under.dataBegun, []);
  } finally {
    await exact.close();
    await under.close();
  }
});
