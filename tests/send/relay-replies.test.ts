import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { test } from 'node:test';
import { journalStates, newsletter, send } from '../helpers/send.js';

/**
 * A relay speaking SMTP line by line that takes each message whole, keeps
 * its Message-ID in `received`, and answers its final dot with `reply`.
 */
async function relayAnsweringDataWith(reply: string): Promise<{ url: string; received: string[]; server: Server }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write('220 relay.example.org ESMTP\r\n');
    let message: string | undefined;
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      if (message !== undefined) {
        message += chunk.toString('latin1');
        if (!message.endsWith('\r\n.\r\n')) return;
        received.push(/^Message-ID: (.*)$/im.exec(message)![1]!);
        message = undefined;
        socket.write(`${reply}\r\n`);
        return;
      }
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end !== -1 && message === undefined; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (/^EHLO/i.test(line)) socket.write('250-relay.example.org\r\n250 8BITMIME\r\n');
        else if (/^(MAIL|RCPT|RSET|NOOP)/i.test(line)) socket.write('250 Ok\r\n');
        else if (/^DATA/i.test(line)) {
          message = '';
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 Bye\r\n');
      }
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `smtp://127.0.0.1:${(server.address() as { port: number }).port}`, received, server };
}

test('send: a relay that answers each final dot with text that is no SMTP reply keeps each reader at one copy: every one unknown (it may have arrived), none sent again by the next run unasked', async () => {
  const root = await newsletter(3);
  const relay = await relayAnsweringDataWith('hello there');
  try {
    const first = await send(root, { concurrency: 1, smtp: { socketTimeoutMs: 1500 } }, { SMTP_URL: relay.url });
    assert.equal(first.code, 1);
    assert.match(first.stderr, /unknown: reader0@example\.org: hello there/);
    assert.deepEqual([...journalStates(root).values()], ['unknown', 'unknown', 'unknown']);
    const again = await send(root, { concurrency: 1, smtp: { socketTimeoutMs: 1500 } }, { SMTP_URL: relay.url });
    assert.equal(again.code, 1);
    assert.equal(relay.received.length, 3, 'one copy a reader, the resume included');
    assert.equal(new Set(relay.received).size, 3);
  } finally {
    await new Promise((closed) => relay.server.close(closed));
  }
});

test('send: an answer to the final dot that only starts with a 2 (`25`, `2.0.0 Ok`, a 250 line then a 550 line) is no reply: unknown, not sent, and none sent again unasked; a whole 2yz reply of one or more lines is sent', async () => {
  const answers: [reply: string, state: string][] = [
    ['25', 'unknown'],
    ['2.0.0 Ok queued', 'unknown'],
    ['250-2.0.0 Ok\r\n550 5.0.0 No', 'unknown'],
    ['250x', 'unknown'],
    ['250', 'sent'],
    ['250-2.0.0 Ok\r\n250 2.0.0 queued as 4F2A', 'sent'],
  ];
  for (const [reply, state] of answers) {
    const root = await newsletter(2);
    const relay = await relayAnsweringDataWith(reply);
    try {
      const first = await send(root, { concurrency: 1, smtp: { socketTimeoutMs: 1500 } }, { SMTP_URL: relay.url });
      assert.equal(first.code, state === 'sent' ? 0 : 1, `${reply}: ${first.stderr}`);
      assert.deepEqual([...journalStates(root).values()], [state, state], reply);
      if (state === 'unknown') assert.match(first.stderr, new RegExp(`unknown: reader0@example\\.org: ${reply.split('\r\n')[0]!.replace(/\./g, '\\.')}`), reply);
      await send(root, { concurrency: 1, smtp: { socketTimeoutMs: 1500 } }, { SMTP_URL: relay.url });
      assert.equal(relay.received.length, 2, `${reply}: one copy a reader, the resume included`);
    } finally {
      await new Promise((closed) => relay.server.close(closed));
    }
  }
});

test('send: a relay that takes the connection and never greets, or stops halfway through its EHLO reply, is said as what it did not do and in how long (exit 1, nothing sent, nothing journaled), not as nodemailer\'s "Greeting never received" or "Timeout"', async () => {
  const silences: [what: string, speak: (socket: Socket) => void, said: RegExp][] = [
    ['no greeting', () => {}, /Cannot reach the SMTP relay: ETIMEDOUT: the relay took the connection but sent no greeting \(220\) within 1\.5 s\. Nothing was sent/],
    ['half an EHLO reply', (socket) => {
      socket.write('220 relay.example.org ESMTP\r\n');
      socket.once('data', () => socket.write('250-relay.example.org\r\n250-PIPE'));
    }, /Cannot reach the SMTP relay: ETIMEDOUT: no reply from the relay for 1\.5 s\. Nothing was sent/],
  ];
  for (const [what, speak, said] of silences) {
    const root = await newsletter(2);
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
      speak(socket);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const result = await send(root, { concurrency: 1, smtp: { socketTimeoutMs: 1500 } }, { SMTP_URL: `smtp://127.0.0.1:${(server.address() as { port: number }).port}` });
      assert.equal(result.code, 1, `${what}: ${result.stderr}`);
      assert.match(result.stderr, said, what);
      assert.equal(journalStates(root).size, 0, what);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((closed) => server.close(closed));
    }
  }
});

test('send: SMTP_URL naming a server that answers with no SMTP reply (a web server greeting in HTTP, a relay answering EHLO with text and no code) is a configuration error saying what it answered and to check the host and port (exit 2), not "cannot reach… run again when it is up"; nothing sent', async () => {
  const greetings: [what: string, speak: (socket: Socket) => void][] = [
    ['an HTTP answer to a new connection', (socket) => socket.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')],
    ['text with no code for EHLO and HELO', (socket) => {
      socket.write('220 relay.example.org\r\n');
      socket.on('data', () => socket.write('what?\r\n'));
    }],
  ];
  for (const [what, speak] of greetings) {
    const root = await newsletter(2);
    const server = createServer((socket) => {
      socket.on('error', () => {});
      speak(socket);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const result = await send(root, { concurrency: 1, smtp: { socketTimeoutMs: 1500 } }, { SMTP_URL: `smtp://127.0.0.1:${(server.address() as { port: number }).port}` });
      assert.equal(result.code, 2, `${what}: ${result.stderr}`);
      assert.match(result.stderr, /answered `(HTTP\/1\.1 400 Bad Request|what\?)`, which is no SMTP reply/, what);
      assert.match(result.stderr, /Check the host and port in SMTP_URL/, what);
      assert.doesNotMatch(result.stderr, /Cannot reach/, what);
      assert.equal(journalStates(root).size, 0, what);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  }
});
