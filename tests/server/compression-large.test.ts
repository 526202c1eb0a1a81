import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { rawRequest, startServer } from './helpers.js';

/** CSV text of about `bytes` bytes that compresses slowly: random hex in every row. */
function csvOf(bytes: number): Buffer {
  const hex = randomBytes(Math.ceil(bytes / 2)).toString('hex');
  return Buffer.from(hex.replace(/(.{60})/g, '$1,2023\n'));
}

test('archive: a large text file being compressed does not hold up other requests, and one over 32 MiB goes out as it is, with byte ranges', { timeout: 120_000 }, async () => {
  const server = await startServer();
  try {
    const large = csvOf(12 * 1024 * 1024);
    writeFileSync(join(server.config.outDir, 'large.csv'), large);
    const huge = csvOf(40 * 1024 * 1024);
    writeFileSync(join(server.config.outDir, 'huge.csv'), huge);
    server.app.reloadSite();
    const done: string[] = [];
    // Its headers go out once it is compressed: the order its head and the home page arrive in.
    const compressed = new Promise<Buffer>((resolve, reject) => {
      get({ host: '127.0.0.1', port: server.port, path: '/large.csv', headers: { 'Accept-Encoding': 'br' } }, (res) => {
        done.push('large.csv');
        assert.equal(res.headers['content-encoding'], 'br');
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    // Sent once the large one's request is read: compressing on the event loop answered it only afterwards.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const page = await rawRequest(server.port, 'GET', '/');
    done.push('home page');
    assert.equal(page.status, 200);
    const body = await compressed;
    assert.deepEqual(done, ['home page', 'large.csv']);
    assert.ok(brotliDecompressSync(body).equals(large));
    const whole = await rawRequest(server.port, 'GET', '/huge.csv', undefined, { 'Accept-Encoding': 'br, gzip' });
    assert.equal(whole.headers['content-encoding'], undefined);
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.ok(whole.bytes.equals(huge));
  } finally {
    await server.close();
  }
});
