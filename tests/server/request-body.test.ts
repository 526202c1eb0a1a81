import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { startServer } from './helpers.js';

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
