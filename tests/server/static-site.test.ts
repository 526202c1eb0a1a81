import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { isUnsafePath } from '../../src/server/static-site.js';
import { CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { rawRequest, startServer, stderrOf, type RawResponse } from './helpers.js';

test('archive: pages and data files are served with their content type (papers.bib too), ETag and Last-Modified, and a 304 for an unchanged page, whichever condition says so, with only the headers RFC 9110 asks of it', async () => {
  const server = await startServer();
  try {
    const home = await rawRequest(server.port, 'GET', '/');
    assert.equal(home.status, 200);
    assert.match(String(home.headers['content-type']), /^text\/html;charset=utf-8/);
    assert.match(home.body, /Home page/);
    assert.ok(home.headers['last-modified']);
    const etag = String(home.headers.etag);
    const notModified = await rawRequest(server.port, 'GET', '/', undefined, { 'If-None-Match': etag });
    assert.equal(notModified.status, 304);
    // What RFC 9110 §15.4.5 asks of a 304, and no metadata of a body it does not send (Content-Type, Last-Modified, Accept-Ranges).
    assert.deepEqual(
      Object.keys(notModified.headers).filter((name) => !['date', 'connection', 'keep-alive'].includes(name)).sort(),
      ['cache-control', 'etag', 'vary'],
    );
    assert.equal(notModified.headers.etag, etag);
    // The other ways a client says which version it has (RFC 9110 §13.1): a list of tags, any tag, the date alone (what feed readers send).
    const lastModified = String(home.headers['last-modified']);
    const conditions: [Record<string, string>, number][] = [
      [{ 'If-None-Match': `"other", ${etag}` }, 304],
      [{ 'If-None-Match': '*' }, 304],
      [{ 'If-Modified-Since': lastModified }, 304],
      [{ 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' }, 200],
      // If-None-Match, when sent, decides: the date is not read.
      [{ 'If-None-Match': '"other"', 'If-Modified-Since': lastModified }, 200],
    ];
    for (const [headers, status] of conditions) assert.equal((await rawRequest(server.port, 'GET', '/', undefined, headers)).status, status, JSON.stringify(headers));
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

test('archive: a symbolic link put in the site after it was mapped, for a file or for a folder on the way, is not followed out of it', async () => {
  const server = await startServer();
  try {
    const outside = mkdtempSync(join(tmpdir(), 'paperboy-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
    mkdirSync(join(outside, 'tags'));
    writeFileSync(join(outside, 'tags', 'index.html'), 'TOP SECRET page\n');
    const { outDir } = server.config;
    assert.equal((await rawRequest(server.port, 'GET', '/papers.bib')).status, 200);
    rmSync(join(outDir, 'papers.bib'));
    symlinkSync(join(outside, 'secret.txt'), join(outDir, 'papers.bib'));
    rmSync(join(outDir, 'tags'), { recursive: true, force: true });
    symlinkSync(join(outside, 'tags'), join(outDir, 'tags'));
    for (const path of ['/papers.bib', '/tags/', '/tags/index.html']) {
      const answer = await rawRequest(server.port, 'GET', path);
      assert.equal(answer.status, 404, path);
      assert.doesNotMatch(answer.body, /TOP SECRET/, path);
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

/**
 * Another process making and removing folders of pages under `dir`, as a
 * rebuild's commit does, for `ms`. Prints `churning` once it has started.
 */
const CHURN = `
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const [dir, ms] = [process.argv[1], Number(process.argv[2])];
const until = Date.now() + ms;
process.stdout.write('churning\\n');
while (Date.now() < until) {
  for (let i = 0; i < 50; i++) {
    mkdirSync(dir + '/authors/a' + i + '/more', { recursive: true });
    writeFileSync(dir + '/authors/a' + i + '/more/index.html', 'page');
  }
  rmSync(dir + '/authors', { recursive: true, force: true });
}
`;

test('archive: mapping the site while a build removes folders under it leaves out what is gone and never fails', { timeout: 30_000 }, async () => {
  const server = await startServer();
  try {
    const churn = spawn(process.execPath, ['-e', CHURN, server.config.outDir, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise((resolve) => churn.on('exit', resolve));
    await new Promise<void>((resolve) => churn.stdout!.once('data', () => resolve()));
    let running = true;
    void exit.then(() => (running = false));
    let reloads = 0;
    while (running) {
      server.app.reloadSite();
      reloads += 1;
      // The rest of the site is mapped as ever.
      assert.match((await rawRequest(server.port, 'GET', '/issues/3/')).body, /Issue three/);
    }
    assert.ok(reloads > 20, `${reloads} reloads`);
    server.app.reloadSite();
    assert.equal((await rawRequest(server.port, 'GET', '/authors/a1/more/')).status, 404);
  } finally {
    await server.close();
  }
});

test('archive: a file rebuilt since the site was mapped is sent whole at its new length, and one removed since gets the 404 page', async () => {
  const server = await startServer();
  try {
    const page = `<!DOCTYPE html><title>Issue 3</title>${'<p>A summary made longer by a rebuild.'.repeat(100)}`;
    // As a build puts a file in place: written beside it, then renamed over it; the site is not mapped again.
    writeFileSync(join(server.config.outDir, 'issues', '3', 'index.html.new'), page);
    renameSync(join(server.config.outDir, 'issues', '3', 'index.html.new'), join(server.config.outDir, 'issues', '3', 'index.html'));
    const answer = await rawRequest(server.port, 'GET', '/issues/3/');
    assert.equal(answer.headers['content-length'], String(Buffer.byteLength(page)));
    assert.equal(answer.body, page);
    rmSync(join(server.config.outDir, 'assets', 'archive.css'));
    assert.equal((await rawRequest(server.port, 'GET', '/assets/archive.css')).status, 404);
    assert.equal((await rawRequest(server.port, 'GET', '/')).status, 200, 'the server runs on');
  } finally {
    await server.close();
  }
});

/** The server over a site whose `papers.csv` is the 26 letters, and GET of it with `headers`. */
async function withAlphabet(run: (get: (headers: Record<string, string>) => Promise<RawResponse>) => Promise<void>): Promise<void> {
  const server = await startServer();
  try {
    writeFileSync(join(server.config.outDir, 'papers.csv'), ALPHABET);
    server.app.reloadSite();
    await run((headers) => rawRequest(server.port, 'GET', '/papers.csv', undefined, headers));
  } finally {
    await server.close();
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

test('ranges: a range whose last byte comes before its first (bytes=5-1, bytes=100-50) is ignored: 200 with the whole file', () =>
  withAlphabet(async (get) => {
    for (const range of ['bytes=5-1', 'bytes=100-50', 'bytes=0-4,9-2']) {
      const answer = await get({ Range: range });
      assert.equal(answer.status, 200, range);
      assert.equal(answer.body, ALPHABET, range);
      assert.equal(answer.headers['content-range'], undefined, range);
    }
  }));

test('ranges: a Range that is not a bytes range set (bytes=abc, bytes=, bytes=1-2-3, bytes=--5) is ignored: 200 with the whole file', () =>
  withAlphabet(async (get) => {
    for (const range of ['bytes=abc', 'bytes=', 'bytes=1-2-3', 'bytes=--5', 'bytes=-', 'bytes 0-5', '0-5']) {
      const answer = await get({ Range: range });
      assert.equal(answer.status, 200, range);
      assert.equal(answer.body, ALPHABET, range);
    }
  }));

test('ranges: a unit other than bytes (items=0-5) is ignored: 200 with the whole file', () =>
  withAlphabet(async (get) => {
    const answer = await get({ Range: 'items=0-5' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body, ALPHABET);
  }));

test('ranges: a valid range of nothing the file has (bytes=-0, bytes=26-, bytes=99999-) gets 416 with Content-Range: bytes */size', () =>
  withAlphabet(async (get) => {
    for (const range of ['bytes=-0', 'bytes=26-', 'bytes=99999-100000', 'bytes=30-40, -0']) {
      const answer = await get({ Range: range });
      assert.equal(answer.status, 416, range);
      assert.equal(answer.headers['content-range'], 'bytes */26', range);
      assert.equal(answer.body, '', range);
    }
  }));

test('ranges: a range the file has gets exactly its bytes, 206 with Content-Range (from-to, from on, the last N, one byte, an end past the file cut to it, the unit in capitals)', () =>
  withAlphabet(async (get) => {
    const cases: [string, string, string][] = [
      ['bytes=5-9', 'fghij', 'bytes 5-9/26'],
      ['bytes=20-', 'uvwxyz', 'bytes 20-25/26'],
      ['bytes=-5', 'vwxyz', 'bytes 21-25/26'],
      ['bytes=-100', ALPHABET, 'bytes 0-25/26'],
      ['bytes=0-0', 'a', 'bytes 0-0/26'],
      ['bytes=24-100', 'yz', 'bytes 24-25/26'],
      ['Bytes=1-2', 'bc', 'bytes 1-2/26'],
      ['bytes=3-4, 50-60', 'de', 'bytes 3-4/26'],
    ];
    for (const [range, body, contentRange] of cases) {
      const answer = await get({ Range: range });
      assert.equal(answer.status, 206, range);
      assert.equal(answer.body, body, range);
      assert.equal(answer.headers['content-range'], contentRange, range);
      assert.equal(answer.headers['content-length'], String(body.length), range);
    }
  }));

test('ranges: several ranges the file has (bytes=0-1,5-6) get the whole file, not a multipart answer', () =>
  withAlphabet(async (get) => {
    const answer = await get({ Range: 'bytes=0-1,5-6' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body, ALPHABET);
  }));

test('ranges: If-Range with the file’s Last-Modified gets the range; with another date or an entity tag (the file rebuilt since), the whole file', () =>
  withAlphabet(async (get) => {
    const whole = await get({});
    const lastModified = String(whole.headers['last-modified']);
    assert.equal((await get({ Range: 'bytes=0-1', 'If-Range': lastModified })).body, 'ab');
    for (const ifRange of ['Tue, 01 Jan 2019 00:00:00 GMT', String(whole.headers.etag)]) {
      const answer = await get({ Range: 'bytes=0-1', 'If-Range': ifRange });
      assert.equal(answer.status, 200, ifRange);
      assert.equal(answer.body, ALPHABET, ifRange);
    }
  }));

test('archive under a path: the bare path (/news) redirects to /news/, the query kept, as a folder without its slash does', async () => {
  const root = makeRoot({}, CONFIG_YAML.replace('https://news.example.org/', 'https://example.org/news'));
  const server = await startServer({ root });
  try {
    const redirect = await rawRequest(server.port, 'GET', '/news?ref=feed');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, 'news/?ref=feed');
    assert.match((await rawRequest(server.port, 'GET', '/news/')).body, /Home page/);
    assert.equal((await rawRequest(server.port, 'GET', '/newsletter')).status, 404);
  } finally {
    await server.close();
  }
});

test('archive under a path: a request outside it that a path under it answers (a proxy that takes the path off) is a 404 said once an hour on stderr, naming that path and the proxy setting; one no path under it answers says nothing', async () => {
  const root = makeRoot({}, CONFIG_YAML.replace('https://news.example.org/', 'https://example.org/news/'));
  const server = await startServer({ root });
  try {
    let answer: RawResponse | undefined;
    const said = await stderrOf(async () => {
      answer = await rawRequest(server.port, 'GET', '/issues/3/');
    });
    assert.equal(answer!.status, 404);
    assert.equal(
      said,
      'paperboy: GET /issues/3/: not found (404): outside baseUrl\'s path /news/, under which everything is served; /news/issues/3/ is a page of the site. If a proxy in front takes /news off the path before passing a request on (nginx\'s `proxy_pass` with a / after the port, Caddy\'s `handle_path`), make it pass the path as it came (docs/guide.md, "Deploying"). Said once an hour\n',
    );
    // Within the hour: the access log has each 404, stderr nothing more; the form's address is named as the list's.
    assert.equal(await stderrOf(async () => void (await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=ada%40example.org' }))), '');
    server.clock.now = new Date(server.clock.now.getTime() + 61 * 60_000);
    assert.match(await stderrOf(async () => void (await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=ada%40example.org' }))), /^paperboy: POST \/subscribe: not found \(404\): .* \/news\/subscribe is an address of the list\./);
    server.clock.now = new Date(server.clock.now.getTime() + 61 * 60_000);
    // Paths no address under /news/ answers: a scanner's, a page that is not there.
    for (const path of ['/wp-login.php', '/issues/99/', '/elsewhere/page', '/%zz']) {
      assert.equal(await stderrOf(async () => assert.equal((await rawRequest(server.port, 'GET', path)).status, 404, path)), '', path);
    }
  } finally {
    await server.close();
  }
});

test('archive: a file’s address with a slash after it (/papers.bib/, /issues/3/index.html/) is not found, as on a static host, where the page’s relative links would break', async () => {
  const server = await startServer();
  try {
    for (const path of ['/papers.bib/', '/issues/3/index.html/', '/assets/archive.css/']) {
      const answer = await rawRequest(server.port, 'GET', path);
      assert.equal(answer.status, 404, path);
      assert.match(answer.body, /Page not found/, path);
    }
    assert.equal((await rawRequest(server.port, 'GET', '/papers.bib')).status, 200);
  } finally {
    await server.close();
  }
});

test('archive: a request target in absolute form (RFC 9112 §3.2.2, what a proxy is sent) is served as its path; `OPTIONS *` says what the server allows', async () => {
  const server = await startServer();
  try {
    const absolute = await rawRequest(server.port, 'GET', 'http://news.example.org/issues/3/index.html');
    assert.equal(absolute.status, 200);
    assert.match(absolute.body, /<h1>Issue three<\/h1>/);
    const query = await rawRequest(server.port, 'GET', 'HTTP://news.example.org?x=1');
    assert.equal(query.status, 200);
    assert.match(query.body, /<h1>Home page<\/h1>/);
    assert.deepEqual(server.logs.map((line) => (JSON.parse(line) as { path: string }).path).slice(-2), ['/issues/3/index.html', '/'], 'logged as its path');
    const options = await rawRequest(server.port, 'OPTIONS', '*');
    assert.equal(options.status, 204);
    assert.equal(options.headers.allow, 'GET, HEAD, POST, OPTIONS');
    assert.equal(options.body, '');
  } finally {
    await server.close();
  }
});

test('archive: /favicon.ico, which a browser asks for a page linking no icon (an issue’s email.html), is answered 204 with no icon, unless the site has a favicon.ico of its own', async () => {
  for (const root of [undefined, makeRoot({}, CONFIG_YAML.replace('https://news.example.org/', 'https://example.org/news/'))]) {
    const server = await startServer(root === undefined ? {} : { root });
    try {
      for (const method of ['GET', 'HEAD']) {
        const icon = await rawRequest(server.port, method, '/favicon.ico');
        assert.equal(icon.status, 204, `${method} ${root ?? 'a site at /'}`);
        assert.equal(icon.body, '');
        assert.match(String(icon.headers['cache-control']), /max-age=86400/);
      }
      // Only that address: anything else the site has not is still its 404 page.
      assert.equal((await rawRequest(server.port, 'GET', '/favicon.png')).status, 404);
    } finally {
      await server.close();
    }
  }
  const own = await startServer({ root: makeRoot({ 'dist/favicon.ico': 'ICON' }) });
  try {
    const icon = await rawRequest(own.port, 'GET', '/favicon.ico');
    assert.equal(icon.status, 200);
    assert.equal(icon.body, 'ICON');
  } finally {
    await own.close();
  }
});
