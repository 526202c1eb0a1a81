import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { SmtpTransport } from '../../../src/mail/transports/smtp.js';
import { sizeLimitOf } from '../../../src/mail/transports/smtp-reply.js';
import { startSmtpServer } from '../../helpers/smtp-server.js';

test('the relay\'s SIZE is read from its EHLO reply (RFC 1870 §3): a number is the limit; SIZE 0 (no fixed limit), SIZE alone or no SIZE line say none', () => {
  assert.equal(sizeLimitOf('250-relay.example.org Hello\n250-PIPELINING\n250-SIZE 10240000\n250 8BITMIME'), 10_240_000);
  assert.equal(sizeLimitOf('250-relay.example.org\r\n250 size 35882577'), 35_882_577);
  assert.equal(sizeLimitOf('250-relay.example.org\n250-SIZE 0\n250 8BITMIME'), undefined);
  assert.equal(sizeLimitOf('250-relay.example.org\n250-SIZE\n250 8BITMIME'), undefined);
  assert.equal(sizeLimitOf('250-relay.example.org\n250 8BITMIME'), undefined);
  assert.equal(sizeLimitOf('250-relay.example.org\n250-SIZES 5\n250 X-SIZE 7'), undefined);
  assert.equal(sizeLimitOf('250 relay.example.org'), undefined);
});

test('verify: a relay that says SIZE n in its EHLO reply is ready with that limit, through a login; one with no SIZE, or SIZE alone, with none', async () => {
  const login = { user: 'digest', pass: 'secret' };
  for (const [faults, expected] of [
    [{ size: 123_456, auth: login }, 123_456],
    [{ size: 0, auth: login }, undefined],
    [{ size: 4_000, hideSize: true, auth: login }, undefined],
  ] as const) {
    const server = await startSmtpServer(faults);
    const transport = new SmtpTransport({ url: `smtp://digest:secret@127.0.0.1:${server.port}`, connections: 1 });
    try {
      const ready = await transport.verify();
      assert.ok(ready.ok, JSON.stringify(ready));
      assert.equal(ready.sizeLimit, expected, JSON.stringify(faults));
    } finally {
      await transport.close();
      await server.close();
    }
  }
});

test('verify: a relay that says SIZE 0 has no limit; a wrong login is still refused, as before', async () => {
  const relay = createServer((socket: Socket) => {
    socket.on('error', () => {});
    socket.write('220 relay.example.org ESMTP\r\n');
    socket.on('data', (chunk) => {
      const line = chunk.toString('latin1');
      if (/^EHLO/i.test(line)) socket.write('250-relay.example.org\r\n250-SIZE 0\r\n250 8BITMIME\r\n');
      else if (/^QUIT/i.test(line)) socket.end('221 Bye\r\n');
      else socket.write('502 5.5.1 Not here\r\n');
    });
  });
  await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', listening));
  const transport = new SmtpTransport({ url: `smtp://127.0.0.1:${(relay.address() as { port: number }).port}`, connections: 1 });
  try {
    const ready = await transport.verify();
    assert.ok(ready.ok, JSON.stringify(ready));
    assert.equal(ready.sizeLimit, undefined);
  } finally {
    await transport.close();
    await new Promise((closed) => relay.close(closed));
  }
  const server = await startSmtpServer({ size: 1_000, auth: { user: 'digest', pass: 'secret' } });
  const wrong = new SmtpTransport({ url: `smtp://digest:wrong@127.0.0.1:${server.port}`, connections: 1 });
  try {
    const result = await wrong.verify();
    assert.ok(!result.ok);
    assert.equal(result.failure.stage, 'auth');
    assert.match(result.failure.reply, /535/);
  } finally {
    await wrong.close();
    await server.close();
  }
});
