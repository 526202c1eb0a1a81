import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { connectionLimit } from '../../src/server/connection-limit.js';
import { BIN } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';
import { rawRequest, SECRET, startServer, stderrOf } from './helpers.js';

/** Writes `request` on a socket already connected and reads the answer's status line (empty when the connection closed without one). */
async function statusOn(socket: Socket, request: string): Promise<string> {
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.write(request);
  await Promise.race([once(socket, 'close'), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  return answer.split('\r\n')[0]!;
}

test('serve: a page asked for while a rebuild swaps the site folder (the old one renamed away, the new one not yet in) is answered 200 from the new folder, not 404', async () => {
  const server = await startServer();
  const { outDir } = server.config;
  try {
    // archive/site-commit.ts `swap`: outDir → outDir.previous, then the staged site → outDir.
    renameSync(outDir, `${outDir}.staged`);
    const asked = rawRequest(server.port, 'GET', '/issues/3/');
    await new Promise((resolve) => setTimeout(resolve, 100));
    renameSync(`${outDir}.staged`, outDir);
    const answer = await asked;
    assert.equal(answer.status, 200);
    assert.match(answer.body, /Issue three/);
    // A page the site does not have is not waited for.
    const started = Date.now();
    assert.equal((await rawRequest(server.port, 'GET', '/issues/9/')).status, 404);
    assert.ok(Date.now() - started < 500, `answered in ${Date.now() - started} ms`);
  } finally {
    await server.close();
  }
});

test('serve: a site folder removed for good answers 404 after a short wait, and the server stays up', async () => {
  const server = await startServer();
  try {
    renameSync(server.config.outDir, `${server.config.outDir}.gone`);
    const started = Date.now();
    assert.equal((await rawRequest(server.port, 'GET', '/issues/3/')).status, 404);
    assert.ok(Date.now() - started < 3_000, `answered in ${Date.now() - started} ms`);
  } finally {
    await server.close();
  }
});

test('serve under a flood of idle connections, more than its limit of open files allows: the readers connected get their pages (200), not "Page not found"', { timeout: 60_000 }, async () => {
  const root = makeRoot({});
  const config = await loadConfig(root);
  mkdirSync(join(config.outDir, 'issues', '3'), { recursive: true });
  writeFileSync(join(config.outDir, 'index.html'), '<!DOCTYPE html><title>Home</title><h1>Home page</h1>');
  writeFileSync(join(config.outDir, 'issues', '3', 'index.html'), '<!DOCTYPE html><title>Issue 3</title><h1>Issue three</h1>');
  // The real CLI with 200 open files: each connection is one.
  const child = spawn('bash', ['-c', 'ulimit -n 200 && exec "$0" "$@"', process.execPath, BIN, 'serve', '--port', '0', '--root', root], {
    env: { ...process.env, PAPERBOY_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    while (!/serving .* at http:\/\/127\.0\.0\.1:(\d+)/.test(stderr)) await once(child.stderr, 'data');
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(stderr)![1]);
    const sockets: Socket[] = [];
    for (let i = 0; i < 400; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => Promise.race([once(socket, 'connect'), once(socket, 'close')])));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The connections the server took: those still open.
    const held = sockets.filter((socket) => !socket.destroyed);
    assert.ok(held.length >= 16, `${held.length} connections held`);
    const statuses = await Promise.all(held.slice(0, 5).map((socket) => statusOn(socket, 'GET /issues/3/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')));
    assert.deepEqual(statuses, Array(5).fill('HTTP/1.1 200 OK'));
    for (const socket of sockets) socket.destroy();
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

/** A test server in a child process that uses up its file descriptors once a connection is taken (helpers.ts startServer), then prints its answers' log. */
const EXHAUSTED = `
const { openSync } = await import('node:fs');
const { startServer } = await import(process.argv[1]);
const server = await startServer();
server.app.server.on('connection', () => {
  try { for (;;) openSync('/dev/null', 'r'); } catch {}
});
process.stdout.write(server.port + '\\n');
`;

test('serve: a page it cannot open for want of file descriptors is answered 503 with Retry-After, not 404 "Page not found", and the reason is said on stderr', { timeout: 30_000 }, async () => {
  const helpers = fileURLToPath(new URL('./helpers.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', EXHAUSTED, helpers], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const socket = connect(Number(line.toString().trim()), '127.0.0.1');
    await once(socket, 'connect');
    await new Promise((resolve) => setTimeout(resolve, 300));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.write('GET /issues/3/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await once(socket, 'close');
    assert.match(answer, /^HTTP\/1\.1 503 /);
    assert.match(answer, /\r\nRetry-After: 5\r\n/i);
    assert.match(answer, /very busy/);
    assert.match(stderr, /paperboy: GET \/issues\/3\/: refused \(503\): cannot open a file of the site: EMFILE/);
  } finally {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
});

test('connectionLimit: the limit of open files less those kept for files and the database, at least 16; none when it cannot be read', () => {
  const limits = (soft: string) => () => `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                20000                files\n`;
  assert.equal(connectionLimit(limits('1024')), 896);
  assert.equal(connectionLimit(limits('100')), 16);
  assert.equal(connectionLimit(limits('unlimited')), undefined);
  assert.equal(
    connectionLimit(() => {
      throw Object.assign(new Error('no /proc'), { code: 'ENOENT' });
    }),
    undefined,
  );
});

/** POSTs the subscription form for `email` as a request the proxy on this machine says came from `client` (X-Forwarded-For). */
const subscribeFrom = (port: number, client: string, email: string) =>
  rawRequest(port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: `email=${encodeURIComponent(email)}` }, { 'X-Forwarded-For': client });

test('subscribe: one machine rotating the IPv6 addresses of its network (a /64) gets 5 requests in ten minutes, as one IPv4 address does, not one confirmation email per address it makes up', async () => {
  const server = await startServer();
  try {
    const statuses = [];
    for (let i = 1; i <= 8; i++) statuses.push((await subscribeFrom(server.port, `2001:db8:1:2::${i.toString(16)}`, `reader${i}@example.org`)).status);
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429, 429, 429]);
    // Another address of the same /56, and the IPv4-mapped spelling of an address counted already, are the same clients.
    assert.equal((await subscribeFrom(server.port, '2001:db8:1:ff::1', 'reader9@example.org')).status, 429);
    for (let i = 0; i < 5; i++) await subscribeFrom(server.port, '192.0.2.7', `four${i}@example.org`);
    assert.equal((await subscribeFrom(server.port, '::ffff:192.0.2.7', 'four5@example.org')).status, 429);
    // A port a proxy writes after the address is the client's choice, not another client.
    assert.equal((await subscribeFrom(server.port, '192.0.2.7:50312', 'four6@example.org')).status, 429);
    assert.equal((await subscribeFrom(server.port, '[2001:db8:1:2::99]:443', 'reader11@example.org')).status, 429);
    // Another network is another client.
    assert.equal((await subscribeFrom(server.port, '2001:db8:1:100::1', 'reader10@example.org')).status, 202);
    await server.app.settled();
    assert.equal(server.confirmations.filter((mail) => mail.to.startsWith('reader')).length, 6);
  } finally {
    await server.close();
  }
});

test('subscribe: one address asked for 1,000 times from 1,000 clients at once gets one confirmation email', { timeout: 60_000 }, async () => {
  const server = await startServer();
  try {
    const spellings = ['victim@example.org', 'VICTIM@EXAMPLE.ORG', ' victim@example.org '];
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => subscribeFrom(server.port, `10.0.${i >> 8}.${i & 255}`, spellings[i % 3]!)));
    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [202]);
    await server.app.settled();
    assert.equal(server.confirmations.length, 1);
  } finally {
    await server.close();
  }
});

/**
 * Sends the head of a request declaring a 1 GB body, then body bytes as fast as the server takes them, for up to 5 s:
 * the answer's head, how many bytes the server took, and whether it closed the connection.
 */
async function floodBody(port: number, head: string): Promise<{ answer: string; taken: number; closed: boolean }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let answer = '';
  let taken = 0;
  let closed = false;
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  const ended = new Promise<void>((resolve) => socket.on('close', () => ((closed = true), resolve())));
  socket.write(`${head}Content-Length: 1000000000\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 97);
  const started = Date.now();
  const pump = () => {
    while (!socket.destroyed && Date.now() - started < 5_000 && socket.write(chunk)) taken += chunk.length;
  };
  socket.on('drain', pump);
  pump();
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5_500))]);
  socket.destroy();
  return { answer: answer.split('\r\n\r\n')[0]!, taken, closed };
}

test('serve: an answer given before the request body was read (a 413 by its Content-Length, a 429, a POST to a page or to confirm) closes the connection instead of reading the gigabyte the client goes on sending', { timeout: 60_000 }, async () => {
  const server = await startServer();
  try {
    const form = 'Content-Type: application/x-www-form-urlencoded\r\n';
    const heads = {
      413: `POST /subscribe HTTP/1.1\r\nHost: x\r\n${form}`,
      405: `POST /issues/3/ HTTP/1.1\r\nHost: x\r\n${form}`,
      400: `POST /confirm?token=forged HTTP/1.1\r\nHost: x\r\n${form}`,
    };
    for (const [status, head] of Object.entries(heads)) {
      const { answer, taken, closed } = await floodBody(server.port, head);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.match(answer, /\r\nConnection: close/i, `${status}: ${answer}`);
      assert.ok(closed, `${status}: the connection was closed`);
      assert.ok(taken < 64 * 1024 * 1024, `${status}: the server took ${(taken / 1e6).toFixed(0)} MB`);
    }
    // Over the rate limit: answered 429 before the body is read.
    for (let i = 0; i < 5; i++) await subscribeFrom(server.port, '192.0.2.9', `r${i}@example.org`);
    const limited = await floodBody(server.port, `POST /subscribe HTTP/1.1\r\nHost: x\r\n${form}X-Forwarded-For: 192.0.2.9\r\n`);
    assert.match(limited.answer, /^HTTP\/1\.1 429 /);
    assert.ok(limited.closed && limited.taken < 64 * 1024 * 1024, `429: the server took ${(limited.taken / 1e6).toFixed(0)} MB`);
    // A request read whole, and a page, keep their connection.
    const subscribed = await subscribeFrom(server.port, '192.0.2.10', 'kept@example.org');
    assert.equal(subscribed.status, 202);
    assert.equal(subscribed.headers.connection, 'keep-alive');
    assert.equal((await rawRequest(server.port, 'GET', '/issues/3/')).headers.connection, 'keep-alive');
  } finally {
    await server.close();
  }
});

test('archive: its files, byte ranges and 404 page say X-Content-Type-Options: nosniff and Referrer-Policy: strict-origin-when-cross-origin; the server’s own pages and JSON say nosniff too', async () => {
  const server = await startServer();
  try {
    const answers = [
      await rawRequest(server.port, 'GET', '/issues/3/'),
      await rawRequest(server.port, 'GET', '/papers.bib', undefined, { Range: 'bytes=0-9' }),
      await rawRequest(server.port, 'GET', '/papers.bib', undefined, { 'Accept-Encoding': 'gzip' }),
      await rawRequest(server.port, 'GET', '/nothing-here'),
    ];
    for (const answer of answers) {
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', String(answer.status));
      assert.equal(answer.headers['referrer-policy'], 'strict-origin-when-cross-origin', String(answer.status));
    }
    const page = await rawRequest(server.port, 'GET', '/unsubscribe');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['referrer-policy'], 'no-referrer', 'a page whose address may hold a token tells nobody');
    const json = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: '{"email":"x"}' });
    assert.equal(json.headers['x-content-type-options'], 'nosniff');
  } finally {
    await server.close();
  }
});

test('serve: a client that asks for a large file and reads none of it is disconnected once nothing has moved for the idle timeout; one reading slowly keeps its download whole', { timeout: 30_000 }, async () => {
  const server = await startServer({ idleTimeoutMs: 1_000 });
  try {
    const size = 16 * 1024 * 1024;
    writeFileSync(join(server.config.outDir, 'big.csv'), Buffer.alloc(size, 'a'));
    server.app.reloadSite();
    const stalled = connect(server.port, '127.0.0.1');
    stalled.on('error', () => undefined);
    stalled.write('GET /big.csv HTTP/1.1\r\nHost: x\r\n\r\n');
    stalled.pause();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Read now: what the server had sent before it closed the connection, then its end; or, never closed, the whole file.
    let cut = 0;
    stalled.on('data', (chunk: Buffer) => (cut += chunk.length));
    stalled.resume();
    const closed = await Promise.race([once(stalled, 'close').then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
    stalled.destroy();
    assert.ok(closed && cut < size, `the server closed the stalled connection (${cut} bytes of ${size} sent)`);
    // A reader pausing for less than the timeout after each 1 MB gets every byte.
    const slow = connect(server.port, '127.0.0.1');
    let received = 0;
    slow.on('data', (chunk: Buffer) => {
      const before = received;
      received += chunk.length;
      if (Math.floor(received / 2 ** 20) === Math.floor(before / 2 ** 20)) return;
      slow.pause();
      setTimeout(() => slow.resume(), 600);
    });
    slow.write('GET /big.csv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await Promise.race([once(slow, 'end'), new Promise((resolve) => setTimeout(resolve, 20_000))]);
    slow.destroy();
    assert.ok(received > size, `${received} bytes of ${size} and the head`);
  } finally {
    await server.close();
  }
});

test('subscribe: a JSON body with a list nested 8,000 deep in a field (16 KB) is a 400 naming the field, not a 500 with a stack trace', async () => {
  const server = await startServer();
  try {
    const data = `{"email":"deep@example.org","name":${'['.repeat(8000)}${']'.repeat(8000)}}`;
    let answer: Awaited<ReturnType<typeof rawRequest>> | undefined;
    const stderr = await stderrOf(async () => {
      answer = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data });
    });
    assert.equal(answer?.status, 400);
    assert.match(answer!.body, /its field “name”/);
    assert.doesNotMatch(stderr, /RangeError| {4}at /);
    assert.equal(server.confirmations.length, 0);
  } finally {
    await server.close();
  }
});

test('serve: a header\'s control characters that its refusal quotes on stderr (a C1 CSI, U+009B, in Content-Type, Content-Encoding or Origin, read as latin1) are shown as U+FFFD, never written to the terminal', async () => {
  const server = await startServer();
  try {
    const csi = '\u009b2J';
    const said = await stderrOf(async () => {
      const asked = [
        rawRequest(server.port, 'POST', '/subscribe', { type: `text/${csi}plain`, data: 'email=a%40example.org' }, { 'X-Forwarded-For': '198.51.100.1' }),
        rawRequest(server.port, 'POST', '/subscribe', { type: `application/x-www-form-urlencoded; charset=${csi}`, data: 'email=a%40example.org' }, { 'X-Forwarded-For': '198.51.100.2' }),
        rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=a%40example.org' }, { 'X-Forwarded-For': '198.51.100.3', 'Content-Encoding': `gzip${csi}` }),
        rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=a%40example.org' }, { 'X-Forwarded-For': '198.51.100.4', Origin: `https://evil.example${csi}`, 'Sec-Fetch-Site': 'cross-site' }),
      ];
      assert.deepEqual((await Promise.all(asked)).map((answer) => answer.status), [415, 415, 415, 403]);
    });
    assert.equal(said.match(/refused \(\d+\)/g)?.length, 4, said);
    assert.doesNotMatch(said, /[\u0080-\u009f]/, JSON.stringify(said));
    assert.match(said, /content type text\/â\ufffd{3}plain/);
  } finally {
    await server.close();
  }
});
