import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rawRequest, startServer, stderrOf } from './helpers.js';

/**
 * Sends `head` (a request's line and headers) to the server on `port` and
 * resolves with its first answer's status line; then, if that is 100
 * Continue, sends `body` and resolves `final` with the next one.
 */
function askFirst(port: number, head: string, body: string): Promise<{ first: string; final: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let resolveFinal: (line: string) => void = () => {};
    const final = new Promise<string>((done) => (resolveFinal = done));
    let first: string | undefined;
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const lines = received.split('\r\n').filter((line) => line.startsWith('HTTP/1.1 '));
      if (first === undefined && lines.length > 0) {
        first = lines[0]!;
        if (first.startsWith('HTTP/1.1 100')) socket.write(body);
        else socket.destroy();
        resolve({ first, final });
      }
      if (lines.length > 1) {
        resolveFinal(lines[1]!);
        socket.destroy();
      }
    });
    socket.write(head);
  });
}

const head = (length: number) => `POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`;

test('serve: a POST whose Content-Length is over the 16 KB a form may be, asking first (Expect: 100-continue), is answered 413 at once, not told to send its body (100 Continue) to be refused after 16 KB of it', async () => {
  const server = await startServer();
  try {
    const { first } = await askFirst(server.port, head(10_000_000), '');
    assert.equal(first, 'HTTP/1.1 413 Payload Too Large');
  } finally {
    await server.close();
  }
});

test('serve: a form of the right size asking first (Expect: 100-continue) is told to go on, then read', async () => {
  const server = await startServer();
  try {
    const body = 'email=zoe%40example.org';
    const { first, final } = await askFirst(server.port, head(body.length), body);
    assert.equal(first, 'HTTP/1.1 100 Continue');
    assert.equal(await final, 'HTTP/1.1 202 Accepted');
  } finally {
    await server.close();
  }
});

test('serve: a subscribe or unsubscribe body sent compressed (Content-Encoding gzip, br, deflate, or any coding) is a 415 saying Accept-Encoding: identity, the connection closed, nothing stored; identity is a body as it is', async () => {
  const server = await startServer();
  try {
    const form = { type: 'application/x-www-form-urlencoded', data: gzipSync('email=zoe%40example.org') };
    // Each from its own client (X-Forwarded-For, trusted from loopback): six requests are past one client's limit.
    let client = 0;
    for (const [path, coding] of [
      ['/subscribe', 'gzip'],
      ['/subscribe', 'br'],
      ['/subscribe', 'deflate'],
      ['/subscribe', 'x-made-up'],
      ['/subscribe', 'identity, gzip'],
      ['/unsubscribe?token=forged', 'gzip'],
    ] as const) {
      const answer = await stderrOf(async () => {
        const refused = await rawRequest(server.port, 'POST', path, form, { 'Content-Encoding': coding, 'X-Forwarded-For': `192.0.2.${++client}` });
        assert.equal(refused.status, 415, `${path} ${coding}`);
        assert.equal(refused.headers['accept-encoding'], 'identity');
        assert.equal(refused.headers.connection, 'close');
        assert.match(refused.body, /This request could not be read/);
      });
      assert.match(answer, /refused \(415\): Unexpected Content-Encoding .+, expected a body sent as it is/);
    }
    assert.equal((server.db.prepare('SELECT COUNT(*) AS n FROM subscribers').get() as { n: number }).n, 0);
    const plain = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=zoe%40example.org' }, { 'Content-Encoding': 'identity' });
    assert.equal(plain.status, 202);
  } finally {
    await server.close();
  }
});

test('serve: a compressed body asking first (Expect: 100-continue) is answered 415 at once, not told to send it', async () => {
  const server = await startServer();
  try {
    const said = await stderrOf(async () => {
      const { first } = await askFirst(server.port, head(20).replace('\r\n\r\n', '\r\nContent-Encoding: gzip\r\n\r\n'), '');
      assert.equal(first, 'HTTP/1.1 415 Unsupported Media Type');
    });
    assert.match(said, /refused \(415\)/);
  } finally {
    await server.close();
  }
});

/** Sends `head` and `body` on a connection of its own and resolves with the answer's status line once the server closes it. */
function rawExchange(port: number, head: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(head), body])));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received.split('\r\n')[0]!));
    socket.on('error', reject);
  });
}

test('serve: a subscribe body sent with a transfer coding besides chunked (Transfer-Encoding: gzip, chunked) is a 501 (RFC 9112 §6.1), not its gzip read as a form; chunked alone is read', async () => {
  const server = await startServer();
  try {
    const chunked = (data: Buffer) => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n0\r\n\r\n')]);
    const headOf = (coding: string, client: number) =>
      `POST /subscribe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: ${coding}\r\nX-Forwarded-For: 192.0.2.${client}\r\nConnection: close\r\n\r\n`;
    const said = await stderrOf(async () => {
      for (const [i, coding] of ['gzip, chunked', 'deflate, chunked', 'x-made-up, chunked'].entries()) {
        assert.equal(await rawExchange(server.port, headOf(coding, i), chunked(gzipSync('email=zoe%40example.org'))), 'HTTP/1.1 501 Not Implemented', coding);
      }
    });
    assert.match(said, /refused \(501\): Unexpected Transfer-Encoding gzip, chunked, expected chunked alone/);
    assert.equal(await rawExchange(server.port, headOf('chunked', 9), chunked(Buffer.from('email=zoe%40example.org'))), 'HTTP/1.1 202 Accepted');
  } finally {
    await server.close();
  }
});
