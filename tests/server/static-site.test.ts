import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { isUnsafePath } from '../../src/server/static-site.js';
import { CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { rawRequest, startServer } from './helpers.js';

test('archive: pages and data files are served with their content type (papers.bib too), ETag and Last-Modified, and a 304 for an unchanged page', async () => {
  const server = await startServer();
  try {
    const home = await rawRequest(server.port, 'GET', '/');
    assert.equal(home.status, 200);
    assert.match(String(home.headers['content-type']), /^text\/html;charset=utf-8/);
    assert.match(home.body, /Home page/);
    assert.ok(home.headers['last-modified']);
    const etag = String(home.headers.etag);
    assert.equal((await rawRequest(server.port, 'GET', '/', undefined, { 'If-None-Match': etag })).status, 304);
    const css = await rawRequest(server.port, 'GET', '/assets/archive.css');
    assert.match(String(css.headers['content-type']), /^text\/css/);
    // A type mrmime does not know, which reference managers do.
    const bib = await rawRequest(server.port, 'GET', '/papers.bib');
    assert.equal(bib.headers['content-type'], 'application/x-bibtex;charset=utf-8');
    assert.match(bib.body, /Über formal/);
    const packed = await rawRequest(server.port, 'GET', '/papers.bib', undefined, { 'Accept-Encoding': 'gzip' });
    assert.equal(packed.headers['content-encoding'], 'gzip', 'compressed as text is');
    assert.equal(packed.headers['content-type'], 'application/x-bibtex;charset=utf-8');
  } finally {
    await server.close();
  }
});

test('archive: every text file goes out as UTF-8 (email.txt, feeds, sitemap, CSS, JavaScript, JSON, CSV, BibTeX), compressed or not, so a browser shows "Søren" as written', async () => {
  const server = await startServer();
  try {
    const files: [string, string][] = [
      ['issues/3/email.txt', 'text/plain'],
      ['feed.xml', 'text/xml'],
      ['sitemap.xml', 'text/xml'],
      ['assets/archive.css', 'text/css'],
      ['assets/papers.js', 'text/javascript'],
      ['papers.json', 'application/json'],
      ['papers.csv', 'text/csv'],
      ['papers.bib', 'application/x-bibtex'],
    ];
    // Over compression's minimum size, so the compressed answer is asked for too.
    for (const [path] of files) writeFileSync(join(server.config.outDir, path), 'Summarized by Søren Ekdahl.\n'.repeat(60));
    server.app.reloadSite();
    for (const [path, type] of files) {
      for (const encoding of ['identity', 'br']) {
        const answer = await rawRequest(server.port, 'GET', `/${path}`, undefined, { 'Accept-Encoding': encoding });
        assert.equal(answer.status, 200, path);
        assert.equal(answer.headers['content-encoding'], encoding === 'br' ? 'br' : undefined, path);
        assert.equal(answer.headers['content-type'], `${type};charset=utf-8`, `${path}, ${encoding}`);
      }
    }
    const email = await rawRequest(server.port, 'GET', '/issues/3/email.txt');
    assert.match(email.body, /Søren Ekdahl/);
  } finally {
    await server.close();
  }
});

test('archive: a folder without its slash redirects to it, so the page’s relative links work; the query is kept', async () => {
  const server = await startServer();
  try {
    const redirect = await rawRequest(server.port, 'GET', '/issues/3?ref=feed');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '3/?ref=feed');
    const page = await rawRequest(server.port, 'GET', '/issues/3/');
    assert.equal(page.status, 200);
    assert.match(page.body, /Issue three/);
  } finally {
    await server.close();
  }
});

test('archive: what is not there gets the 404 page', async () => {
  const server = await startServer();
  try {
    const missing = await rawRequest(server.port, 'GET', '/issues/99/');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<h1>Page not found<\/h1>/);
  } finally {
    await server.close();
  }
});

test('archive: the 404 page links from the site’s path, so at a nested address (or outside the site) it is styled and its links lead to pages', async () => {
  const root = makeRoot({}, CONFIG_YAML.replace('https://news.example.org/', 'https://example.org/news/'));
  const server = await startServer({ root });
  try {
    for (const path of ['/news/issues/99/', '/news/issues/3/nothing/here', '/elsewhere/page']) {
      const missing = await rawRequest(server.port, 'GET', path);
      assert.equal(missing.status, 404, path);
      assert.match(missing.body, /<link rel="stylesheet" href="\/news\/assets\/archive\.css">/, path);
      assert.match(missing.body, /<a href="\/news\/index\.html">Back to Test Newsletter<\/a>/, path);
      assert.doesNotMatch(missing.body, /(href|src)="\.\.?\//, path);
    }
    assert.equal((await rawRequest(server.port, 'GET', '/news/assets/archive.css')).status, 200);
    assert.match((await rawRequest(server.port, 'GET', '/news/index.html')).body, /Home page/);
  } finally {
    await server.close();
  }
});

test('archive: no request escapes the site: raw and encoded .., absolute paths and URLs, encoded slashes and backslashes, NUL bytes, symbolic links out of it', async () => {
  const server = await startServer();
  try {
    const attempts = [
      '/../../../../etc/passwd',
      '/issues/../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/..%2f..%2fetc%2fpasswd',
      '/..%5c..%5cetc%5cpasswd',
      '/index.html%00.css',
      '/leak/secret.txt',
      '/leak',
      '/leak.html',
      '/%6ceak/secret.txt',
      '//etc/passwd',
      '/%2Fetc%2Fpasswd',
      'http://127.0.0.1/../etc/passwd',
    ];
    for (const path of attempts) {
      const answer = await rawRequest(server.port, 'GET', path);
      assert.equal(answer.status, 404, path);
      assert.doesNotMatch(answer.body, /TOP SECRET|root:/, path);
    }
  } finally {
    await server.close();
  }
});

test('unsafe paths: dot segments and encodings that hide a slash or a NUL are refused; ordinary escapes are not', () => {
  for (const path of ['/a/../b', '/a/%2E%2E/b', '/a/./b', '/a%2fb', '/a%5Cb', '/a%00', '/%E0%A4%A']) assert.ok(isUnsafePath(path), path);
  for (const path of ['/', '/issues/3/', '/tags/large%20language%20models/', '/papers/caf%C3%A9/', '/a..b/']) assert.ok(!isUnsafePath(path), path);
});

test('archive: text goes out compressed to clients that accept it (Brotli first, then gzip), with its own ETag; hidden files never', async () => {
  const server = await startServer();
  try {
    const page = `<!DOCTYPE html><title>Long</title>${'<p>A paragraph of a summary, repeated. '.repeat(200)}`;
    writeFileSync(join(server.config.outDir, 'long.html'), page);
    writeFileSync(join(server.config.outDir, '.paperboy-site'), 'marker');
    server.app.reloadSite();
    const get = (headers: Record<string, string>) => rawRequest(server.port, 'GET', '/long', undefined, headers);
    const br = await get({ 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(br.bytes).toString(), page);
    assert.ok(br.bytes.length < page.length / 5);
    const gzip = await get({ 'Accept-Encoding': 'gzip;q=1, br;q=0' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.bytes).toString(), page);
    assert.notEqual(br.headers.etag, gzip.headers.etag);
    assert.equal((await get({ 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) })).status, 304);
    const identity = await get({});
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.equal(identity.body, page);
    assert.equal((await rawRequest(server.port, 'GET', '/.paperboy-site', undefined, { 'Accept-Encoding': 'br' })).status, 404);
  } finally {
    await server.close();
  }
});
