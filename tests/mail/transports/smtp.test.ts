import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { SmtpTransport } from '../../../src/mail/transports/smtp.js';
import { startSmtpServer } from '../../helpers/smtp-server.js';

test('a well-formed SMTP_URL makes a transport described without its password', async () => {
  const transport = new SmtpTransport({ url: 'smtp://user:secret@mail.example.org:2525', connections: 2 });
  assert.equal(transport.description, 'SMTP mail.example.org:2525 (2 connections)');
  await transport.close();
});

/** A message of about `bytes`, CRLF lines. */
function rawMessage(to: string, bytes: number): Buffer {
  const line = `${'x'.repeat(76)}\r\n`;
  return Buffer.from(`From: digest@example.org\r\nTo: ${to}\r\nSubject: test\r\nMessage-ID: <${to}>\r\n\r\n${line.repeat(Math.ceil(bytes / line.length))}`);
}

test('a reset while the message is still being written is a failure at data (not delivered, retried); a reset after the final dot went is after-data (unknown)', async () => {
  const server = await startSmtpServer({ data: (to) => (to === 'partway@example.org' ? 'reset-partway' : 'reset-after-data') });
  const transport = new SmtpTransport({ url: server.url, connections: 1, socketTimeoutMs: 5000 });
  try {
    // Larger than the loopback socket buffers, so the connection is still writing when the reset comes.
    const partway = await transport.send({ from: 'digest@example.org', to: 'partway@example.org', messageId: '<partway@example.org>', raw: rawMessage('partway@example.org', 32 * 1024 * 1024) });
    assert.equal(partway.ok ? 'sent' : partway.failure.stage, 'data');
    const whole = await transport.send({ from: 'digest@example.org', to: 'whole@example.org', messageId: '<whole@example.org>', raw: rawMessage('whole@example.org', 20_000) });
    assert.equal(whole.ok ? 'sent' : whole.failure.stage, 'after-data');
    assert.equal(server.received.length, 1, 'the server kept the whole message it was reset after');
  } finally {
    await transport.close();
    await server.close();
  }
});

/** A relay on a free port speaking SMTP as far as a test needs: a 220, then `answer`'s text for each command line it is sent. */
async function scriptedRelay(answer: (line: string, socket: Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write('220 relay.example.org ESMTP\r\n');
    socket.on('data', (chunk) => answer(chunk.toString('latin1'), socket));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { port: (server.address() as { port: number }).port, close: () => new Promise((closed) => server.close(() => closed())) };
}

/** A relay that offers STARTTLS and answers it with `reply`; after a 220, it sends plain text where TLS should be. */
function brokenStartTls(reply: string): Promise<{ port: number; close: () => Promise<void> }> {
  return scriptedRelay((line, socket) => {
    if (/^EHLO/i.test(line)) socket.write('250-relay.example.org\r\n250 STARTTLS\r\n');
    else if (/^STARTTLS/i.test(line)) socket.write(`${reply}\r\n`);
    else socket.write('this is not TLS\r\n'.repeat(4));
  });
}

test('a STARTTLS that goes wrong on an smtp:// port other than 587 gets a hint true to that URL and port, not the smtps:// or port-587 one', async () => {
  const cases: [reply: string, hint: (port: number) => string][] = [
    ['220 2.0.0 Ready to start TLS', (port) => `The relay on port ${port} agreed to STARTTLS, then answered in plain text, not TLS`],
    ['454 4.7.0 TLS not available', (port) => `The relay on port ${port} offered STARTTLS, then refused it (454)`],
  ];
  for (const [reply, hint] of cases) {
    const relay = await brokenStartTls(reply);
    const transport = new SmtpTransport({ url: `smtp://127.0.0.1:${relay.port}`, connections: 1, socketTimeoutMs: 5000 });
    try {
      const result = await transport.verify();
      assert.ok(!result.ok, reply);
      assert.equal(result.failure.stage, 'auth', reply);
      assert.ok(result.failure.hint?.startsWith(hint(relay.port)), `${reply}: ${result.failure.hint}`);
      assert.doesNotMatch(result.failure.hint ?? '', /smtps:\/\/ starts TLS at once|port 587 only over TLS/, reply);
    } finally {
      await transport.close();
      await relay.close();
    }
  }
});

test('a message\'s hand-off starts once the relay answered its DATA and holds the end of data: not called for a recipient refused at RCPT, and a hand-off that fails leaves the relay without the message (a failure at data, retried)', async () => {
  const server = await startSmtpServer({ rcpt: (to) => (to === 'refused@example.org' ? { code: 450, message: '4.2.1 try later' } : undefined) });
  const transport = new SmtpTransport({ url: server.url, connections: 1, socketTimeoutMs: 5000 });
  const send = (to: string, handOff: () => Promise<void>) => transport.send({ from: 'digest@example.org', to, messageId: `<${to}>`, raw: rawMessage(to, 20_000), handOff });
  try {
    let calls = 0;
    const refused = await send('refused@example.org', async () => void calls++);
    assert.equal(refused.ok ? 'sent' : refused.failure.stage, 'recipient');
    assert.equal(calls, 0, 'no hand-off for a message that never reached DATA');

    let began: string[] = [];
    const taken = await send('taken@example.org', async () => {
      began = [...server.dataBegun];
      // The relay has the DATA and may have bytes of the message, but not its end: nothing arrived yet.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(server.received.length, 0);
    });
    assert.ok(taken.ok, JSON.stringify(taken));
    assert.deepEqual(began, ['taken@example.org'], 'the hand-off came after the relay got the DATA');
    assert.equal(server.received.length, 1);

    const failed = await send('unrecorded@example.org', () => Promise.reject(new Error('database or disk is full')));
    assert.equal(failed.ok ? 'sent' : failed.failure.stage, 'data');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(server.received.map((m) => m.to), ['taken@example.org'], 'the message whose hand-off failed never arrived');
  } finally {
    await transport.close();
    await server.close();
  }
});

/** A relay that answers RCPT TO with a 554 of `lines` lines (each a valid reply line). */
function longWindedRelay(lines: number): Promise<{ port: number; close: () => Promise<void> }> {
  return scriptedRelay((line, socket) => {
    if (/^EHLO/i.test(line)) socket.write('250-relay.example.org\r\n250 8BITMIME\r\n');
    else if (/^MAIL FROM/i.test(line)) socket.write('250 2.1.0 Ok\r\n');
    else if (/^RCPT TO/i.test(line)) socket.write(`${'554-5.7.1 this relay has a lot to say\r\n'.repeat(lines - 1)}554 5.7.1 done\r\n`);
    else if (/^QUIT/i.test(line)) socket.end('221 Bye\r\n');
  });
}

test('a relay reply past 1 MiB is said to be one, not given as nodemailer\'s "Server response exceeds maximum allowed size"', async () => {
  const relay = await longWindedRelay(40_000);
  const transport = new SmtpTransport({ url: `smtp://127.0.0.1:${relay.port}`, connections: 1, socketTimeoutMs: 5000 });
  try {
    const result = await transport.send({ from: 'digest@example.org', to: 'reader@example.org', messageId: '<reader@example.org>', raw: rawMessage('reader@example.org', 2_000) });
    assert.ok(!result.ok);
    assert.match(result.failure.reply, /^EPROTOCOL: the relay's reply ran past 1 MiB, far longer than any SMTP reply \(RFC 5321 allows 512 octets a line\)/);
  } finally {
    await transport.close();
    await relay.close();
  }
});

test('a multi-line reply is one line as its text reads (each continuation\'s "550-5.1.1" left out), and a control character in it, C1 (U+009B, a terminal\'s CSI) as C0, reaches no terminal', async () => {
  const relay = await scriptedRelay((line, socket) => {
    if (/^EHLO/i.test(line)) socket.write('250-relay.example.org\r\n250 ENHANCEDSTATUSCODES\r\n');
    else if (/^MAIL/i.test(line)) socket.write('250 2.1.0 Ok\r\n');
    else if (/^RCPT/i.test(line)) {
      socket.write(Buffer.from('550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550-5.1.1 double-checking the address \u001b[31mfor typos\u001b[0m or\r\n550 5.1.1 unnecessary spaces. \u009b2J https://support.google.com/mail/?p=NoSuchUser\r\n', 'utf8'));
    } else if (/^RSET/i.test(line)) socket.write('250 2.0.0 Ok\r\n');
    else if (/^QUIT/i.test(line)) socket.end('221 2.0.0 Bye\r\n');
  });
  const transport = new SmtpTransport({ url: `smtp://127.0.0.1:${relay.port}`, connections: 1, socketTimeoutMs: 5000 });
  try {
    const result = await transport.send({ from: 'digest@example.org', to: 'gone@example.org', messageId: '<gone@example.org>', raw: rawMessage('gone@example.org', 100) });
    assert.ok(!result.ok);
    assert.equal(result.failure.reply, '550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the address [31mfor typos [0m or unnecessary spaces. 2J https://support.google.com/mail/?p=NoSuchUser');
    assert.equal(result.failure.enhanced, '5.1.1');
    assert.equal(result.failure.code, 550);
  } finally {
    await transport.close();
    await relay.close();
  }
});

/** A relay that takes the message whole, then answers its end of data (the final dot) with `reply`. */
function relayEndingDataWith(reply: string): Promise<{ port: number; close: () => Promise<void> }> {
  let inData = false;
  let message = '';
  return scriptedRelay((chunk, socket) => {
    if (inData) {
      message += chunk;
      if (!message.endsWith('\r\n.\r\n')) return;
      inData = false;
      socket.write(`${reply}\r\n`);
    } else if (/^EHLO/i.test(chunk)) socket.write('250-relay.example.org\r\n250 8BITMIME\r\n');
    else if (/^(MAIL|RCPT|RSET)/i.test(chunk)) socket.write('250 2.1.0 Ok\r\n');
    else if (/^DATA/i.test(chunk)) {
      inData = true;
      message = '';
      socket.write('354 go ahead\r\n');
    } else if (/^QUIT/i.test(chunk)) socket.end('221 Bye\r\n');
  });
}

test('a reply to the final dot that is no SMTP reply (no code, or a 1yz or 3yz) is no answer either way: after-data (unknown, not sent again unasked), as silence is; a 4yz or 5yz there is a refusal at data', async () => {
  const cases: [reply: string, stage: string][] = [
    ['hello there', 'after-data'],
    ['Queued', 'after-data'],
    ['354 go ahead', 'after-data'],
    ['150 working', 'after-data'],
    ['451 4.3.0 try again later', 'data'],
    ['554 5.6.0 message refused', 'data'],
  ];
  for (const [reply, stage] of cases) {
    const relay = await relayEndingDataWith(reply);
    const transport = new SmtpTransport({ url: `smtp://127.0.0.1:${relay.port}`, connections: 1, socketTimeoutMs: 5000 });
    try {
      const result = await transport.send({ from: 'digest@example.org', to: 'reader@example.org', messageId: '<reader@example.org>', raw: rawMessage('reader@example.org', 2_000) });
      assert.equal(result.ok ? 'sent' : result.failure.stage, stage, reply);
    } finally {
      await transport.close();
      await relay.close();
    }
  }
});
