import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { rawRequest, startServer, stderrOf, type TestServer } from './helpers.js';

const FORM = { type: 'application/x-www-form-urlencoded', data: 'email=victim%40example.org' };
let client = 0;
/** A post of the form with `headers`, each from its own client (X-Forwarded-For, trusted from loopback), so the per-client limit stays out of it. */
const post = (server: TestServer, headers: Record<string, string>) => rawRequest(server.port, 'POST', '/subscribe', FORM, { 'X-Forwarded-For': `198.51.100.${++client % 250}`, ...headers });
const stored = (server: TestServer) => (server.db.prepare('SELECT COUNT(*) AS n FROM subscribers').get() as { n: number }).n;

test('subscribe: a form posted by a page of another site (Sec-Fetch-Site: cross-site, or without it an Origin not the site’s, null among them) is a 403 page in the site’s look; nothing stored, no email sent', async () => {
  const server = await startServer();
  try {
    const refused: Record<string, string>[] = [
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      // A page on a name of someone else's pointed at the server (DNS rebinding) is same-origin with it in the browser's eyes.
      { Origin: 'http://rebound.example', Host: 'rebound.example', 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'null', Host: 'rebound.example', 'Sec-Fetch-Site': 'same-origin' },
      // The site's host under another port is another origin.
      { Origin: 'https://news.example.org:8443' },
    ];
    for (const headers of refused) {
      const answer = await post(server, headers);
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.match(answer.body, /came from a page on another website, so nothing was done and no email was sent\. To subscribe to Test Newsletter, use the form on its own site\./);
      assert.match(answer.body, /<link rel="stylesheet" href="\/assets\/archive\.css"/);
      assert.equal(answer.headers.connection, 'close', 'the body is not read');
    }
    const json = await post(server, { Origin: 'https://evil.example', Accept: 'application/json' });
    assert.equal(json.status, 403);
    assert.match(JSON.parse(json.body).error, /another website/);
    assert.equal(stored(server), 0);
    assert.equal(server.confirmations.length, 0);
  } finally {
    await server.close();
  }
});

test('subscribe: the site’s own pages post the form: Origin of baseUrl or of the host asked (serve --dev on 127.0.0.1), Sec-Fetch-Site same-origin (Origin null: a no-referrer page), same-site or none; and curl, with neither header', async () => {
  const server = await startServer();
  try {
    const allowed: Record<string, string>[] = [
      {},
      { Origin: 'https://news.example.org', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
      { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` },
      { Origin: 'https://news.example.org', Host: 'news.example.org:443' },
      { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'https://www.example.org', 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
    ];
    for (const [i, headers] of allowed.entries()) {
      const answer = await rawRequest(server.port, 'POST', '/subscribe', { type: FORM.type, data: `email=reader${i}%40example.org` }, { 'X-Forwarded-For': `203.0.113.${i}`, ...headers });
      assert.equal(answer.status, 202, JSON.stringify(headers));
    }
  } finally {
    await server.close();
  }
});

test('subscribe: a form the browser says is same-origin refused because a proxy passed another Host (nginx\'s $host, the port left out) says so on stderr, naming the Host and the nginx line that passes the browser\'s', async () => {
  const server = await startServer();
  try {
    // The site tried through nginx on port 8443: the page's origin has the port, `proxy_set_header Host $host` drops it.
    const said = await stderrOf(async () => {
      assert.equal((await post(server, { Origin: 'http://127.0.0.1:8443', 'Sec-Fetch-Site': 'same-origin', Host: '127.0.0.1' })).status, 403);
    });
    assert.match(
      said,
      /\(Origin http:\/\/127\.0\.0\.1:8443, Sec-Fetch-Site same-origin\), .* The browser says the page is of the host it posted to \(Sec-Fetch-Site same-origin\), so a proxy in front passed another Host \(127\.0\.0\.1\): make it pass the browser's, port and all \(nginx: `proxy_set_header Host \$http_host;`, not `\$host`\)\. Further such posts/,
    );
  } finally {
    await server.close();
  }
});

test('subscribe: a page of the newsletter’s own elsewhere, listed in subscribe.allowedOrigins, posts the form; a refusal is said on stderr once an hour, naming the origin and the key', async () => {
  const root = makeRoot({}, `${CONFIG_YAML}subscribe:\n  allowedOrigins: [https://Blog.Example.net/]\n`);
  const server = await startServer({ root });
  try {
    const listed = await post(server, { Origin: 'https://blog.example.net', 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(listed.status, 202);
    const said = await stderrOf(async () => {
      assert.equal((await post(server, { Origin: 'https://other.example.net', 'Sec-Fetch-Site': 'cross-site' })).status, 403);
      assert.equal((await post(server, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    });
    assert.equal(said.split('\n').filter(Boolean).length, 1, said);
    assert.match(said, /^paperboy: POST \/subscribe: refused \(403\): a form posted by a page of another site \(Origin https:\/\/other\.example\.net, Sec-Fetch-Site cross-site\), .*add its origin to subscribe\.allowedOrigins/);
    server.clock.now = new Date(server.clock.now.getTime() + 61 * 60 * 1000);
    const later = await stderrOf(async () => {
      assert.equal((await post(server, { Origin: 'https://evil.example' })).status, 403);
    });
    assert.match(later, /Origin https:\/\/evil\.example, Sec-Fetch-Site \(none\)/);
  } finally {
    await server.close();
  }
});
