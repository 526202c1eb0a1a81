import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHttpDate } from '../../src/server/preconditions.js';
import { rawRequest, startServer, type TestServer } from './helpers.js';

const ISSUE = '/issues/3/';
const issueFile = (server: TestServer) => join(server.config.outDir, 'issues', '3', 'index.html');
const get = (server: TestServer, headers: Record<string, string>) => rawRequest(server.port, 'GET', ISSUE, undefined, headers);
/** Sets the issue page's modification time to `iso`. */
const modifiedAt = (server: TestServer, iso: string) => utimesSync(issueFile(server), new Date(iso), new Date(iso));

test('archive: an If-Modified-Since later than the server’s clock is ignored (RFC 9110 §13.1.3): a page changed since the client’s copy is sent, not a 304', async () => {
  const server = await startServer();
  try {
    const first = await get(server, {});
    assert.equal(first.status, 200);
    writeFileSync(issueFile(server), '<!DOCTYPE html><title>Issue 3</title><h1>Issue three, corrected</h1>');
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toUTCString();
    const answer = await get(server, { 'If-Modified-Since': tomorrow });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /corrected/);
    // A date in the past the page has not changed since is still a 304.
    assert.equal((await get(server, { 'If-Modified-Since': String(answer.headers['last-modified']) })).status, 304);
  } finally {
    await server.close();
  }
});

test('archive: an If-Modified-Since that is not an HTTP-date (ISO 8601, a date without its time, lower-case gmt, two dates) is ignored: 200, as RFC 9110 §13.1.3 asks; each of the three HTTP-date forms is read', async () => {
  const server = await startServer();
  try {
    modifiedAt(server, '2020-06-01T12:00:00Z');
    for (const date of ['2025-01-01', '2025-01-01T00:00:00Z', 'Wed, 01 Jan 2025', 'Wed, 01 Jan 2025 00:00:00 gmt', 'Wed, 01 Jan 2025 00:00:00 GMT, Thu, 02 Jan 2025 00:00:00 GMT', '1735689600']) {
      assert.equal((await get(server, { 'If-Modified-Since': date })).status, 200, date);
    }
    for (const date of ['Wed, 01 Jan 2025 00:00:00 GMT', 'Wednesday, 01-Jan-25 00:00:00 GMT', 'Wed Jan  1 00:00:00 2025']) {
      assert.equal((await get(server, { 'If-Modified-Since': date })).status, 304, date);
    }
  } finally {
    await server.close();
  }
});

test('archive: If-Unmodified-Since before the page’s Last-Modified is a 412, so a download resumed with it is not spliced from two versions; a date after it, or not an HTTP-date, gets the page', async () => {
  const server = await startServer();
  try {
    modifiedAt(server, '2020-06-01T12:00:00Z');
    const before = 'Sat, 01 Jun 2019 00:00:00 GMT';
    const resumed = await get(server, { Range: 'bytes=10-', 'If-Unmodified-Since': before });
    assert.equal(resumed.status, 412);
    assert.equal(resumed.body, '');
    assert.equal(resumed.headers['x-content-type-options'], 'nosniff');
    assert.equal((await get(server, { Range: 'bytes=0-4', 'If-Unmodified-Since': 'Mon, 01 Jun 2020 12:00:00 GMT' })).status, 206);
    assert.equal((await get(server, { 'If-Unmodified-Since': 'Tue, 01 Jun 2021 00:00:00 GMT' })).status, 200);
    assert.equal((await get(server, { 'If-Unmodified-Since': '2019-06-01' })).status, 200);
  } finally {
    await server.close();
  }
});

test('archive: If-Match holds only as `*` (the entity tags are weak, and If-Match compares strongly): a tag is a 412, and If-Unmodified-Since is not read beside it', async () => {
  const server = await startServer();
  try {
    modifiedAt(server, '2020-06-01T12:00:00Z');
    const { headers } = await get(server, {});
    assert.equal((await get(server, { 'If-Match': String(headers.etag) })).status, 412);
    assert.equal((await get(server, { 'If-Match': '*' })).status, 200);
    assert.equal((await get(server, { 'If-Match': '*', 'If-Unmodified-Since': 'Sat, 01 Jun 2019 00:00:00 GMT' })).status, 200);
  } finally {
    await server.close();
  }
});

test('archive: a file modified in the future (a clock running ahead where it was built) is served with a Last-Modified no later than the Date (RFC 9110 §8.8.2.1), and its future date as If-Range gets the whole file', async () => {
  const server = await startServer();
  try {
    const future = 'Fri, 01 Jan 2100 00:00:00 GMT';
    modifiedAt(server, '2100-01-01T00:00:00Z');
    const answer = await get(server, {});
    assert.ok(Date.parse(String(answer.headers['last-modified'])) <= Date.parse(String(answer.headers.date)), String(answer.headers['last-modified']));
    const ranged = await get(server, { Range: 'bytes=0-4', 'If-Range': future });
    assert.equal(ranged.status, 200);
    // Echoed back, its date keeps no later version from the client.
    writeFileSync(issueFile(server), '<!DOCTYPE html><title>Issue 3</title><h1>Rebuilt</h1>');
    modifiedAt(server, '2100-01-01T00:00:01Z');
    assert.equal((await get(server, { 'If-Modified-Since': future })).status, 200);
  } finally {
    await server.close();
  }
});

test('parseHttpDate: the three forms of RFC 9110 §5.6.7, an RFC 850 year within 50 years ahead; nothing else, no day the month has not', () => {
  const now = Date.parse('2026-12-05T00:00:00Z');
  const expected = Date.parse('1994-11-06T08:49:37Z');
  assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', now), expected);
  assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now), expected);
  assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994', now), expected);
  assert.equal(parseHttpDate('Thursday, 01-Jan-70 00:00:00 GMT', now), Date.parse('2070-01-01T00:00:00Z'));
  assert.equal(parseHttpDate('Saturday, 01-Jan-77 00:00:00 GMT', now), Date.parse('1977-01-01T00:00:00Z'));
  for (const text of ['Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 24:00:00 GMT', 'sun, 06 nov 1994 08:49:37 gmt', 'Sun, 06 Nov 1994 08:49:37 +0000', '1994-11-06T08:49:37Z', 'Sun, 06 Nov 1994', '']) {
    assert.equal(parseHttpDate(text, now), undefined, text);
  }
});
