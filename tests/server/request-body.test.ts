import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign } from '../../src/subscribers/unsubscribe-token.js';
import { listKeys } from '../helpers/tokens.js';
import { rawRequest, SECRET, startServer, stderrOf } from './helpers.js';

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

/** A multipart/form-data body of `parts` (name, value, and a file name for a file part), and its Content-Type. */
function multipart(parts: [name: string, value: string, filename?: string][]): { type: string; data: string } {
  const boundary = 'x-paperboy-boundary';
  const part = ([name, value, filename]: [string, string, string?]) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n\r\n${value}\r\n`;
  return { type: `multipart/form-data; boundary=${boundary}`, data: `${parts.map(part).join('')}--${boundary}--\r\n` };
}

test('serve: a multipart body is read whole, every field as in a urlencoded form (40 fields before the one an endpoint reads: unsubscribed, subscribed), and a field sent as a file is a 400 naming it, not "no email address given"', async () => {
  const server = await startServer();
  try {
    const store = new SubscriberStore(server.db);
    const { subscriber } = store.add({ email: 'ada@example.org', consentSource: 'test' });
    const token = sign(subscriber.id, listKeys(server.db, SECRET));
    const padding = Array.from({ length: 40 }, (_, i): [string, string] => [`extra${i}`, 'x']);
    const unsubscribed = await rawRequest(server.port, 'POST', `/unsubscribe?token=${token}`, multipart([...padding, ['List-Unsubscribe', 'One-Click']]));
    assert.equal(unsubscribed.status, 200);
    assert.equal(store.byId(subscriber.id)!.status, 'unsubscribed');
    const subscribed = await rawRequest(server.port, 'POST', '/subscribe', multipart([...padding, ['email', 'zoe@example.org']]), { 'X-Forwarded-For': '192.0.2.1' });
    assert.equal(subscribed.status, 202);
    assert.equal(store.find('zoe@example.org')?.status, 'pending');
    let file: Awaited<ReturnType<typeof rawRequest>> | undefined;
    const said = await stderrOf(async () => {
      file = await rawRequest(server.port, 'POST', '/subscribe', multipart([['email', 'bob@example.org', 'address.txt']]), { 'X-Forwarded-For': '192.0.2.2', Accept: 'application/json' });
    });
    assert.equal(file!.status, 400);
    assert.match(JSON.parse(file!.body).error, /its field “email” does not hold one piece of text/);
    assert.match(said, /refused \(400\): Unexpected file `address\.txt` for `email`, expected text\n/);
    assert.equal(store.find('bob@example.org'), undefined);
  } finally {
    await server.close();
  }
});

test('serve: a request with two Host lines is a 400 (RFC 9112 §3.2), and a form with two different Content-Type lines is a 400 with nothing stored, each said on stderr, where the first line was taken and the other dropped unsaid; a Content-Type repeated alike is read', async () => {
  const server = await startServer();
  try {
    const store = new SubscriberStore(server.db);
    const said = await stderrOf(async () => {
      assert.equal(await rawExchange(server.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n', Buffer.alloc(0)), 'HTTP/1.1 400 Bad Request');
      const body = Buffer.from('{"email":"zoe@example.org"}');
      const twoTypes = `POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nX-Forwarded-For: 192.0.2.1\r\nConnection: close\r\n\r\n`;
      assert.equal(await rawExchange(server.port, twoTypes, body), 'HTTP/1.1 400 Bad Request');
    });
    assert.match(said, /GET \/: refused \(400\): Unexpected 2 Host lines \(127\.0\.0\.1 \| evil\.example\), expected one\n/);
    assert.match(said, /POST \/subscribe: refused \(400\): Unexpected 2 Content-Type lines \(application\/json \| application\/x-www-form-urlencoded\), expected one\n/);
    assert.equal(store.find('zoe@example.org'), undefined);
    const body = Buffer.from('email=ann%40example.org');
    const alike = `POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nX-Forwarded-For: 192.0.2.2\r\nConnection: close\r\n\r\n`;
    assert.equal(await rawExchange(server.port, alike, body), 'HTTP/1.1 202 Accepted');
    assert.equal(store.find('ann@example.org')?.status, 'pending');
  } finally {
    await server.close();
  }
});

test('serve: a subscribe or unsubscribe body declaring charset=utf-16 (form or JSON) is a 415 naming the charset on stderr, as an unknown charset is, nothing stored; its bytes are never read as UTF-16', async () => {
  const server = await startServer();
  try {
    let client = 0;
    for (const [path, type, text] of [
      ['/subscribe', 'application/x-www-form-urlencoded; charset=utf-16', 'email=zoe%40example.org&name=Zo%C3%AB'],
      ['/subscribe', 'application/x-www-form-urlencoded; charset=UTF-16LE', 'email=zoe%40example.org'],
      ['/subscribe', 'application/json; charset=utf-16', '{"email":"zoe@example.org"}'],
      ['/unsubscribe?token=forged', 'application/x-www-form-urlencoded; charset=utf-16be', 'List-Unsubscribe=One-Click'],
    ] as const) {
      const bytes = Buffer.from(text, 'utf16le');
      const data = type.toLowerCase().endsWith('utf-16be') ? bytes.swap16() : bytes;
      const said = await stderrOf(async () => {
        const refused = await rawRequest(server.port, 'POST', path, { type, data }, { 'X-Forwarded-For': `192.0.2.${++client}` });
        assert.equal(refused.status, 415, `${path} ${type}: ${refused.body}`);
        assert.match(refused.body, /This request could not be read/);
      });
      assert.match(said, /refused \(415\): Unexpected charset utf-16(le|be) in the content type .*, expected utf-8/, type);
    }
    assert.equal((server.db.prepare('SELECT COUNT(*) AS n FROM subscribers').get() as { n: number }).n, 0);
  } finally {
    await server.close();
  }
});

test('serve: a JSON subscribe body starting with a UTF-8 byte-order mark is read past it (RFC 8259 §8.1 lets a parser ignore one), the reader stored as sent, where it was a 400', async () => {
  const server = await startServer();
  try {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"email":"bom@example.org","name":"Zoë"}')]);
    const answer = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data });
    assert.equal(answer.status, 202, answer.body);
    const stored = new SubscriberStore(server.db).find('bom@example.org');
    assert.equal(stored?.name, 'Zoë');
  } finally {
    await server.close();
  }
});
