import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { clientAddress } from '../../src/server/client-address.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { decodeEntities } from '../helpers/render.js';
import { rawRequest, startServer, stderrOf, type RawResponse, type TestServer } from './helpers.js';

const form = (fields: Record<string, string>) => ({ type: 'application/x-www-form-urlencoded', data: new URLSearchParams(fields).toString() });
const subscribe = (server: TestServer, email: string, extra: Record<string, string> = {}) => rawRequest(server.port, 'POST', '/subscribe', form({ email, ...extra }));
const statusOf = (server: TestServer, email: string) => new SubscriberStore(server.db).find(email)?.status;
/** The answer to `request` and what the server said on stderr meanwhile. */
async function answerAndLog(request: () => Promise<RawResponse>): Promise<{ answer: RawResponse; said: string }> {
  let answer: RawResponse | undefined;
  const said = await stderrOf(async () => {
    answer = await request();
  });
  return { answer: answer!, said };
}
/** What a reader is shown for a field that is not one text, the field named in the log's `message` ("… for `email`, expected text"). */
const notOneText = (message: string) => `This request could not be read: its field “${/for `(\w+)`/.exec(message)![1]}” does not hold one piece of text. Please go back to the page you came from and try again.`;
/** The path and query of the confirmation link, as the server is reached in the test. */
const confirmPath = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

test('subscribe → confirmation email → confirm link → its button → active (double opt-in); a GET or HEAD of the link (a mail scanner) confirms nothing', async () => {
  const server = await startServer();
  try {
    const answer = await subscribe(server, 'Ada@Example.org', { name: 'Ada' });
    assert.equal(answer.status, 202);
    assert.match(answer.body, /<h1>Check your inbox<\/h1>/);
    assert.equal(statusOf(server, 'ada@example.org'), 'pending');
    assert.equal(server.confirmations.length, 1);
    const [sent] = server.confirmations;
    assert.equal(sent!.to, 'Ada@Example.org');
    // Asked of the server at 127.0.0.1 (a local view): the link leads back to it.
    assert.match(sent!.confirmUrl, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/confirm\\?token=`));

    // A link carrying a second, different token confirms nothing: which one was meant would be a guess.
    const doubled = await rawRequest(server.port, 'GET', `${confirmPath(sent!.confirmUrl)}&token=k00000000.1.1.${'A'.repeat(43)}`);
    assert.equal(doubled.status, 400);
    assert.equal(statusOf(server, 'ada@example.org'), 'pending');

    // A HEAD or a GET (a mail scanner fetching the link, or the reader opening it) changes nothing: the page asks, with one button.
    const checked = await rawRequest(server.port, 'HEAD', confirmPath(sent!.confirmUrl));
    assert.equal(checked.status, 200);
    const opened = await rawRequest(server.port, 'GET', confirmPath(sent!.confirmUrl));
    assert.equal(opened.status, 200);
    assert.match(opened.body, /<h1>Subscribe to Test Newsletter\?<\/h1>/);
    const action = decodeEntities(/<form method="post" action="([^"]+)"/.exec(opened.body)?.[1] ?? '');
    assert.equal(action, `confirm?token=${encodeURIComponent(new URL(sent!.confirmUrl).searchParams.get('token')!)}`);
    assert.match(opened.body, /<button type="submit">Confirm my subscription<\/button>/);
    assert.equal(statusOf(server, 'ada@example.org'), 'pending');

    // The button.
    const confirmed = await rawRequest(server.port, 'POST', confirmPath(sent!.confirmUrl));
    assert.equal(confirmed.status, 200);
    assert.match(confirmed.body, /<h1>You are subscribed<\/h1>/);
    assert.equal(statusOf(server, 'ada@example.org'), 'active');

    const reused = await rawRequest(server.port, 'POST', confirmPath(sent!.confirmUrl));
    assert.equal(reused.status, 200);
    assert.match(reused.body, /<h1>You are already subscribed<\/h1>/);
  } finally {
    await server.close();
  }
});

test('subscribe: new, pending, active and unsubscribed addresses get the same answer (no enumeration); a confirmation goes out at most once an hour', async () => {
  const server = await startServer();
  try {
    const store = new SubscriberStore(server.db);
    store.add({ email: 'active@example.org', consentSource: 'test' });
    const answers = [];
    for (const email of ['new@example.org', 'new@example.org', 'active@example.org']) answers.push(await subscribe(server, email));
    assert.deepEqual(new Set(answers.map((answer) => `${answer.status} ${answer.body}`)).size, 1);
    assert.deepEqual(server.confirmations.map((c) => c.to), ['new@example.org']);

    server.clock.now = new Date(server.clock.now.getTime() + 61 * 60 * 1000);
    await subscribe(server, 'new@example.org');
    assert.deepEqual(server.confirmations.map((c) => c.to), ['new@example.org', 'new@example.org']);
  } finally {
    await server.close();
  }
});

test('confirm: an expired link, a link replaced by a newer one and a forged one change nothing', async () => {
  const server = await startServer();
  try {
    await subscribe(server, 'ada@example.org');
    const first = confirmPath(server.confirmations[0]!.confirmUrl);
    server.clock.now = new Date(server.clock.now.getTime() + 2 * 60 * 60 * 1000);
    await subscribe(server, 'ada@example.org');
    const second = confirmPath(server.confirmations[1]!.confirmUrl);

    const superseded = await rawRequest(server.port, 'POST', first);
    assert.equal(superseded.status, 410);
    assert.match(superseded.body, /<h1>A newer confirmation link was sent<\/h1>/);
    const forged = await rawRequest(server.port, 'GET', `${second.slice(0, -3)}abc`);
    assert.equal(forged.status, 400);
    assert.equal(statusOf(server, 'ada@example.org'), 'pending');

    server.clock.now = new Date(server.clock.now.getTime() + 49 * 60 * 60 * 1000);
    const expired = await rawRequest(server.port, 'GET', second);
    assert.equal(expired.status, 410);
    assert.match(expired.body, /<h1>This confirmation link has expired<\/h1>/);
    assert.equal(statusOf(server, 'ada@example.org'), 'pending');
  } finally {
    await server.close();
  }
});

test('subscribe: a reader who unsubscribed comes back only by confirming; until then nothing changes, and a used link never brings them back', async () => {
  const server = await startServer();
  try {
    const store = new SubscriberStore(server.db);
    const { subscriber } = store.add({ email: 'ada@example.org', consentSource: 'test' });
    store.unsubscribe(subscriber.id);
    await subscribe(server, 'ada@example.org');
    assert.equal(statusOf(server, 'ada@example.org'), 'unsubscribed');
    await rawRequest(server.port, 'POST', confirmPath(server.confirmations[0]!.confirmUrl));
    assert.equal(statusOf(server, 'ada@example.org'), 'active');
    // Left again: the used link neither subscribes anew nor says "already subscribed".
    store.unsubscribe(subscriber.id);
    const reused = await rawRequest(server.port, 'POST', confirmPath(server.confirmations[0]!.confirmUrl));
    assert.equal(reused.status, 410);
    assert.match(reused.body, /<h1>This confirmation link was used before<\/h1>/);
    assert.equal(statusOf(server, 'ada@example.org'), 'unsubscribed');
  } finally {
    await server.close();
  }
});

test('subscribe: the honeypot field filled gets the usual answer, and nothing is stored or sent', async () => {
  const server = await startServer();
  try {
    const answer = await subscribe(server, 'bot@example.org', { website: 'http://spam.example' });
    assert.equal(answer.status, 202);
    assert.equal(statusOf(server, 'bot@example.org'), undefined);
    assert.equal(server.confirmations.length, 0);
  } finally {
    await server.close();
  }
});

test('subscribe: a bad address is a 400 saying why; JSON in (its media type in any case) gives JSON out; GET is not allowed', async () => {
  const server = await startServer();
  try {
    const page = await subscribe(server, 'not an address');
    assert.equal(page.status, 400);
    assert.match(page.body, /This address can&#x27;t be used: it has a space in it/);
    const json = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: JSON.stringify({ email: 'ada@example.org' }) });
    assert.equal(json.status, 202);
    assert.equal((JSON.parse(json.body) as { status: string }).status, 'confirmation-sent');
    const longName = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: JSON.stringify({ email: 'bob@example.org', name: 'B'.repeat(5000) }) });
    assert.equal(longName.status, 400, 'a name import and `subscribers add` refuse is refused here too');
    assert.match((JSON.parse(longName.body) as { error: string }).error, /This name is too long: it has 5000 characters, and at most 200 fit/);
    // Media types are case-insensitive: a body read as JSON is answered as JSON.
    const shouted = await rawRequest(server.port, 'POST', '/subscribe', { type: 'APPLICATION/JSON', data: JSON.stringify({ email: 'not an address' }) });
    assert.equal(shouted.status, 400);
    assert.match((JSON.parse(shouted.body) as { error: string }).error, /This address can't be used/);
    const badJson = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: '{"email":' });
    assert.equal(badJson.status, 400);
    assert.match((JSON.parse(badJson.body) as { error: string }).error, /This request could not be read/);
    assert.equal((await rawRequest(server.port, 'GET', '/subscribe')).status, 405);
  } finally {
    await server.close();
  }
});

test('subscribe: a field that is not one text (a JSON list, object, number, null; a form field given twice) is a 400 naming the field, what came instead said on stderr, and nothing is stored', async () => {
  const server = await startServer();
  try {
    const json = { type: 'application/json', data: (body: Record<string, unknown>) => JSON.stringify(body) };
    const form = { type: 'application/x-www-form-urlencoded', data: (body: string) => body };
    const cases: [{ type: string; data: string }, string][] = [
      [{ type: json.type, data: json.data({ email: ['ada@example.org'] }) }, 'Unexpected list for `email`, expected text'],
      [{ type: json.type, data: json.data({ email: 'ada@example.org', name: { x: 1 } }) }, 'Unexpected object for `name`, expected text'],
      [{ type: json.type, data: json.data({ email: 'ada@example.org', name: 42 }) }, 'Unexpected number `42` for `name`, expected text'],
      [{ type: json.type, data: json.data({ email: 'ada@example.org', name: null }) }, 'Unexpected null for `name`, expected text'],
      [{ type: json.type, data: json.data({ email: 'ada@example.org', website: true }) }, 'Unexpected boolean `true` for `website`, expected text'],
      [{ type: form.type, data: form.data('email=ada%40example.org&email=bob%40example.org') }, 'Unexpected 2 values for `email`, expected text'],
      [{ type: form.type, data: form.data('email=ada%40example.org&name=Ada&name=Bob') }, 'Unexpected 2 values for `name`, expected text'],
    ];
    for (const [index, [body, message]] of cases.entries()) {
      // Each case from its own reader (behind the proxy on this machine), under the rate limit.
      const { answer, said } = await answerAndLog(() => rawRequest(server.port, 'POST', '/subscribe', body, { Accept: 'application/json', 'X-Forwarded-For': `203.0.113.${index}` }));
      assert.equal(answer.status, 400, message);
      assert.equal((JSON.parse(answer.body) as { error: string }).error, notOneText(message));
      assert.equal(said, `paperboy: POST /subscribe: refused (400): ${message}\n`);
    }
    assert.equal(statusOf(server, 'ada@example.org'), undefined);
    assert.equal(server.confirmations.length, 0);
  } finally {
    await server.close();
  }
});

test('subscribe: a JSON name given twice with different values is a 400 naming the field, as in a form; given twice alike, it is that value', async () => {
  const server = await startServer();
  try {
    const cases: [body: string, message: string][] = [
      ['{"email":"x@example.org","email":"y@example.org"}', 'Unexpected 2 values for `email`, expected text'],
      // The name as JSON reads it: an escape spells the same name.
      ['{"email":"x@example.org", "name": "X", "n\\u0061me": {"a": ["}", ","]}}', 'Unexpected 2 values for `name`, expected text'],
    ];
    for (const [index, [data, message]] of cases.entries()) {
      const { answer, said } = await answerAndLog(() => rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data }, { Accept: 'application/json', 'X-Forwarded-For': `203.0.113.${index}` }));
      assert.equal(answer.status, 400, data);
      assert.equal((JSON.parse(answer.body) as { error: string }).error, notOneText(message));
      assert.equal(said, `paperboy: POST /subscribe: refused (400): ${message}\n`);
    }
    assert.equal(statusOf(server, 'x@example.org'), undefined);
    assert.equal(statusOf(server, 'y@example.org'), undefined);
    const alike = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: '{"email":"z@example.org","email":"z@example.org"}' }, { Accept: 'application/json', 'X-Forwarded-For': '203.0.113.9' });
    assert.equal(alike.status, 202, alike.body);
    assert.equal(statusOf(server, 'z@example.org'), 'pending');
  } finally {
    await server.close();
  }
});

test('subscribe: behind a proxy on this machine, each reader (X-Forwarded-For) has their own limit; from elsewhere the header is not trusted', async () => {
  const server = await startServer();
  try {
    const from = (address: string, email: string) => rawRequest(server.port, 'POST', '/subscribe', form({ email }), { 'X-Forwarded-For': `10.9.9.9, ${address}` });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await from('203.0.113.7', `reader${i}@example.org`)).status);
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
    assert.equal((await from('198.51.100.4', 'other@example.org')).status, 202, 'another reader behind the same proxy');
  } finally {
    await server.close();
  }
  const direct = (address: string) => ({ socket: { remoteAddress: address }, headers: { 'x-forwarded-for': '203.0.113.7' } }) as unknown as IncomingMessage;
  assert.equal(clientAddress(direct('192.0.2.1')), '192.0.2.1');
  assert.equal(clientAddress(direct('::1')), '203.0.113.7');
});

test('subscribe: behind a proxy on this machine that names the reader by X-Real-IP or Forwarded alone, each reader has their own limit and nothing is said on stderr', async () => {
  for (const header of [(address: string) => ({ 'X-Real-IP': address }), (address: string) => ({ Forwarded: `for="${address}";proto=https` })]) {
    const server = await startServer();
    try {
      const from = (address: string, email: string) => rawRequest(server.port, 'POST', '/subscribe', form({ email }), { Host: `127.0.0.1:${server.port}`, Origin: 'https://news.example.org', ...header(address) });
      const { answer, said } = await answerAndLog(async () => {
        for (let i = 0; i < 5; i++) assert.equal((await from('203.0.113.7', `reader${i}@example.org`)).status, 202);
        return from('203.0.113.7', 'reader5@example.org');
      });
      assert.equal(answer.status, 429, 'the same reader a sixth time');
      assert.equal(said, '', 'the proxy names the reader: no notice');
      assert.equal((await from('198.51.100.4', 'other@example.org')).status, 202, 'another reader behind the same proxy');
    } finally {
      await server.close();
    }
  }
});

test('subscribe: readers reaching it through a proxy on this machine that adds no X-Forwarded-For (nginx\'s proxy_pass as it comes) are one client to the limit, and stderr says so once an hour, with the line to add; a local view or a proxy that adds it says nothing', async () => {
  const server = await startServer();
  try {
    // nginx's default: Host rewritten to the upstream, the reader's browser's Origin passed on, no header naming the reader.
    const proxied = (email: string, headers: Record<string, string> = {}) => rawRequest(server.port, 'POST', '/subscribe', form({ email }), { Host: `127.0.0.1:${server.port}`, Origin: 'https://news.example.org', ...headers });
    const { answer: first, said } = await answerAndLog(() => proxied('reader0@example.org'));
    assert.equal(first.status, 202);
    assert.match(said, /^paperboy: POST \/subscribe: a request came through a proxy on this machine that does not say the reader's address \(no X-Forwarded-For, Forwarded or X-Real-IP\): every reader reaching the server through it is one client to the limit of 5 requests in 10 minutes, past which they are all refused \(429\)\. Make the proxy add it: in nginx, `proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;` \(Caddy adds it\)\. Said once an hour\n$/);
    const { answer: later, said: saidLater } = await answerAndLog(async () => {
      for (let i = 1; i < 5; i++) assert.equal((await proxied(`reader${i}@example.org`)).status, 202);
      return proxied('reader5@example.org');
    });
    assert.equal(later.status, 429, 'a sixth reader is refused: all are one client');
    assert.equal(saidLater, '', 'said once an hour, not once a request');

    const quiet = await startServer();
    try {
      const { said: local } = await answerAndLog(() => rawRequest(quiet.port, 'POST', '/subscribe', form({ email: 'me@example.org' }), { Origin: `http://127.0.0.1:${quiet.port}` }));
      const { said: script } = await answerAndLog(() => rawRequest(quiet.port, 'POST', '/subscribe', form({ email: 'curl@example.org' })));
      const { said: forwarded } = await answerAndLog(() => rawRequest(quiet.port, 'POST', '/subscribe', form({ email: 'fwd@example.org' }), { Origin: 'https://news.example.org', 'X-Forwarded-For': '203.0.113.9' }));
      assert.deepEqual([local, script, forwarded], ['', '', '']);
    } finally {
      await quiet.close();
    }
  } finally {
    await server.close();
  }
});

test('subscribe: one client address gets 429 with Retry-After past five requests in ten minutes', async () => {
  const server = await startServer();
  try {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await subscribe(server, `reader${i}@example.org`)).status);
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429, 429]);
    const limited = await subscribe(server, 'late@example.org');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(statusOf(server, 'late@example.org'), undefined);
  } finally {
    await server.close();
  }
});

test('subscribe: a confirmation that cannot be sent gets the same 202 as any request, is said on stderr in one line without the address, and is withdrawn so the next request sends it at once', async () => {
  const server = await startServer({ failMail: true });
  try {
    const said = await stderrOf(async () => {
      const answer = await subscribe(server, 'ada@example.org');
      assert.equal(answer.status, 202);
      assert.match(answer.body, /<h1>Check your inbox<\/h1>/);
      await server.app.settled();
    });
    assert.equal(said, "paperboy: a confirmation email was not sent (421 4.3.2 (an address): Recipient address rejected,⏎try later); the reader's next request to subscribe sends it again\n");
    assert.ok(!said.includes('ada@'), 'no address in the log');
    const row = server.db.prepare('SELECT count(*) AS n FROM confirmations').get() as { n: number };
    assert.equal(row.n, 0);
    assert.equal(statusOf(server, 'ada@example.org'), 'pending');
  } finally {
    await server.close();
  }
});

test('subscribe: behind a slow relay, a new address and an active one are answered alike and at once (no enumeration by timing); the confirmation goes out after the answer, and a stop waits for it', async () => {
  const server = await startServer({ mailDelayMs: 400 });
  try {
    new SubscriberStore(server.db).add({ email: 'active@example.org', consentSource: 'test' });
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await subscribe(server, email);
      return { status: answer.status, body: answer.body, ms: performance.now() - started };
    };
    const fresh = await timed('new@example.org');
    const active = await timed('active@example.org');
    assert.deepEqual([fresh.status, active.status], [202, 202]);
    assert.equal(fresh.body, active.body);
    assert.ok(fresh.ms < 300, `a new address answered in ${fresh.ms} ms, before the relay's 400`);
    assert.equal(server.confirmations.length, 0, 'nothing sent yet');
  } finally {
    await server.close();
  }
  assert.deepEqual(
    server.confirmations.map((confirmation) => confirmation.to),
    ['new@example.org'],
    'sent before the server closed',
  );
});

/** The bytes SQLite holds as the name of `email`: what an export and every email get. */
const storedName = (server: TestServer, email: string) => {
  const row = server.db.prepare('SELECT CAST(name AS BLOB) AS bytes FROM subscribers WHERE email = ?').get(email) as { bytes: Uint8Array } | undefined;
  return row && Buffer.from(row.bytes).toString('utf8');
};

test('subscribe: a form in the charset its Content-Type declares (ISO-8859-1, Windows-1252: a page in that encoding) is read in it, the name stored as written', async () => {
  const server = await startServer();
  try {
    const cases: [type: string, data: Buffer, email: string][] = [
      ['application/x-www-form-urlencoded; charset=ISO-8859-1', Buffer.from('email=latin%40example.org&name=J%F6rg'), 'latin@example.org'],
      ['application/x-www-form-urlencoded; charset="windows-1252"', Buffer.concat([Buffer.from('email=cp%40example.org&name=J'), Buffer.from([0xf6]), Buffer.from('rg+%80')]), 'cp@example.org'],
      ['application/json; charset=windows-1252', Buffer.concat([Buffer.from('{"email":"json@example.org","name":"J'), Buffer.from([0xf6]), Buffer.from('rg"}')]), 'json@example.org'],
    ];
    for (const [type, data, email] of cases) {
      const answer = await rawRequest(server.port, 'POST', '/subscribe', { type, data }, { 'X-Forwarded-For': `198.51.100.${cases.findIndex((c) => c[2] === email)}` });
      assert.equal(answer.status, 202, `${type}: ${answer.body}`);
    }
    assert.deepEqual(['latin@example.org', 'cp@example.org', 'json@example.org'].map((email) => storedName(server, email)), ['Jörg', 'Jörg €', 'Jörg']);
  } finally {
    await server.close();
  }
});

test('subscribe: a name\'s control characters, C1 ones too (U+009B, a terminal\'s CSI; U+009D, its OSC), are stored as spaces, as a line break is: none reaches `subscribers list`\'s terminal', async () => {
  const server = await startServer();
  try {
    const form = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=form%40example.org&name=Ada%C2%9B2JLovelace' });
    assert.equal(form.status, 202, form.body);
    const json = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: '{"email":"json@example.org","name":"Bob\\u009d0;owned\\u009c\\u001b[31m"}' }, { 'X-Forwarded-For': '198.51.100.7' });
    assert.equal(json.status, 202, json.body);
    assert.deepEqual(['form@example.org', 'json@example.org'].map((email) => storedName(server, email)), ['Ada 2JLovelace', 'Bob 0;owned [31m']);
  } finally {
    await server.close();
  }
});

test('subscribe: a field that is not UTF-8 text (a byte F6 with no charset declared, in a form, JSON or multipart) or a JSON lone surrogate is a 400 naming the field, nothing stored; a U+FFFD the reader sent is kept', async () => {
  const server = await startServer();
  const f6 = (before: string, after: string) => Buffer.concat([Buffer.from(before), Buffer.from([0xf6]), Buffer.from(after)]);
  const boundary = 'x-boundary';
  const multipart = f6(`--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nmp@example.org\r\n--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nJ`, `rg\r\n--${boundary}--\r\n`);
  const page = 'This request could not be read: its field “name” did not arrive as text this site can read (UTF-8). Please write it without accented letters or symbols, or try again from another page or browser.';
  const cases: [type: string, data: Buffer, log: RegExp][] = [
    ['application/x-www-form-urlencoded', Buffer.from('email=form%40example.org&name=J%F6rg'), /refused \(400\): Unexpected bytes that are not utf-8 text in `name`, expected text in the charset the Content-Type declares, UTF-8 when it declares none \(a form on a page in another encoding\? give it accept-charset="utf-8"\)\n/],
    ['application/x-www-form-urlencoded', f6('email=raw%40example.org&name=J', 'rg'), /not utf-8 text in `name`/],
    ['application/json', f6('{"email":"json@example.org","name":"J', 'rg"}'), /not utf-8 text in `name`/],
    ['application/json', Buffer.from('{"email":"lone@example.org","name":"Ada \\ud800"}'), /Unexpected lone surrogate \(a JSON escape such as \\ud800, no character\) in `name`, expected text\n/],
    [`multipart/form-data; boundary=${boundary}`, multipart, /not utf-8 text in `name`/],
  ];
  try {
    for (const [i, [type, data, log]] of cases.entries()) {
      let answer: RawResponse | undefined;
      const said = await stderrOf(async () => {
        answer = await rawRequest(server.port, 'POST', '/subscribe', { type, data }, { Accept: 'application/json', 'X-Forwarded-For': `198.51.100.${i}` });
      });
      assert.equal(answer!.status, 400, `${type} ${i}: ${answer!.body}`);
      assert.deepEqual(JSON.parse(answer!.body), { error: page });
      assert.match(said, log);
    }
    assert.equal(new SubscriberStore(server.db).count('pending'), 0, 'nothing stored');
    const unknown = await answerAndLog(() => rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded; charset=x-klingon', data: 'email=k%40example.org' }, { 'X-Forwarded-For': '198.51.100.9' }));
    assert.equal(unknown.answer.status, 415);
    assert.match(unknown.said, /Unexpected charset in the content type/);
    const sent = await rawRequest(server.port, 'POST', '/subscribe', form({ email: 'fffd@example.org', name: 'Ada \ufffd' }), { 'X-Forwarded-For': '198.51.100.10' });
    assert.equal(sent.status, 202);
    assert.equal(storedName(server, 'fffd@example.org'), 'Ada \ufffd');
  } finally {
    await server.close();
  }
});

test('subscribe: a body that trickles in is cut at the request deadline (408, connection closed), nothing stored; the server answers others meanwhile', async () => {
  const server = await startServer({ requestTimeoutMs: 800 });
  try {
    const started = performance.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write('POST /subscribe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=slo');
      });
      let got = '';
      socket.on('data', (chunk) => (got += chunk.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(performance.now() - started < 5000, `closed after ${performance.now() - started} ms`);
    assert.equal((await subscribe(server, 'fast@example.org')).status, 202);
    assert.equal(new SubscriberStore(server.db).count('pending'), 1, 'the trickled address not stored');
  } finally {
    await server.close();
  }
});

test('subscribe: a request a stop cuts short is said on stderr to be cut by the stop, not by its client', async () => {
  const server = await startServer();
  const said = await stderrOf(async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write('POST /subscribe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=slo');
        setTimeout(() => {
          server.app.stopping();
          server.app.server.closeAllConnections();
        }, 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  await server.close();
  assert.equal(said, 'paperboy: POST /subscribe: the server stopped before its request was read whole; nothing was changed\n');
});

test('subscribe: a browser opening /subscribe (GET or HEAD: the address bar after the form was sent, a bookmark) gets a page saying where the form is, with a link home, not a blank 405', async () => {
  const server = await startServer();
  try {
    const opened = await rawRequest(server.port, 'GET', '/subscribe');
    assert.equal(opened.status, 405);
    assert.equal(opened.headers.allow, 'POST');
    assert.match(String(opened.headers['content-type']), /^text\/html/);
    assert.match(decodeEntities(opened.body), /<h1>Subscribe to [^<]+<\/h1>[\s\S]*enter your email address in the form on the home page/);
    assert.match(opened.body, /<a href="[^"]*index\.html">Back to /);
    const head = await rawRequest(server.port, 'HEAD', '/subscribe');
    assert.equal(head.status, 405);
    assert.equal(head.body, '');
    const put = await rawRequest(server.port, 'PUT', '/subscribe');
    assert.equal(put.status, 405, 'other methods are no browser\'s: still answered without a page');
    assert.equal(put.body, '');
  } finally {
    await server.close();
  }
});

test("subscribe: a confirmation asked of a local server (localhost) leads back to the address it was reached at, and its link confirms there; one asked through a proxy or the published name leads under baseUrl", async () => {
  const server = await startServer();
  try {
    const ask = async (email: string, headers: Record<string, string>) => {
      assert.equal((await rawRequest(server.port, 'POST', '/subscribe', form({ email }), headers)).status, 202);
      await server.app.settled();
      return server.confirmations.at(-1)!.confirmUrl;
    };
    const local = await ask('local@example.org', { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` });
    assert.match(local, new RegExp(`^http://localhost:${server.port}/confirm\\?token=`));
    assert.equal((await rawRequest(server.port, 'POST', confirmPath(local))).status, 200);
    assert.equal(statusOf(server, 'local@example.org'), 'active');
    // nginx's default proxy_pass: Host is the upstream's address, Origin the reader's page.
    assert.match(await ask('proxied@example.org', { Host: `127.0.0.1:${server.port}`, Origin: 'https://news.example.org' }), /^https:\/\/news\.example\.org\/confirm\?token=/);
    assert.match(await ask('forwarded@example.org', { 'X-Forwarded-For': '203.0.113.7' }), /^https:\/\/news\.example\.org\/confirm\?token=/);
    assert.match(await ask('published@example.org', { Host: 'news.example.org' }), /^https:\/\/news\.example\.org\/confirm\?token=/);
  } finally {
    await server.close();
  }
});

test('confirm: the confirmation link of another newsletter sharing PAPERBOY_SECRET (its subscriber of the same number, asked in the same second) confirms nothing here: one generic 400, the reader here left pending', async () => {
  const ours = await startServer();
  const theirs = await startServer();
  try {
    // Both clocks stand at the same second: the other list's first subscriber and ours are claims alike but for the list.
    assert.equal((await subscribe(ours, 'victim@example.org')).status, 202);
    assert.equal((await subscribe(theirs, 'attacker@example.org')).status, 202);
    const foreign = confirmPath(theirs.confirmations[0]!.confirmUrl);
    const answer = await rawRequest(ours.port, 'POST', foreign);
    assert.equal(answer.status, 400);
    assert.equal(statusOf(ours, 'victim@example.org'), 'pending');
    // Our own link still confirms.
    assert.equal((await rawRequest(ours.port, 'POST', confirmPath(ours.confirmations[0]!.confirmUrl))).status, 200);
    assert.equal(statusOf(ours, 'victim@example.org'), 'active');
  } finally {
    await ours.close();
    await theirs.close();
  }
});

test('subscribe: a name with a bidirectional control (a RIGHT-TO-LEFT OVERRIDE, an isolate) or a zero-width space is stored without it, so it never shows reversed in a To header or a list', async () => {
  const server = await startServer();
  try {
    const cases = [
      ['rlo@example.org', '\u202eevE\u202c', 'evE'],
      ['iso@example.org', 'Ada \u2067Lovelace\u2069', 'Ada Lovelace'],
      ['zw@example.org', 'Zo\u200be', 'Zoe'],
    ] as const;
    for (const [i, [email, name]] of cases.entries()) {
      const answer = await rawRequest(server.port, 'POST', '/subscribe', form({ email, name }), { 'X-Forwarded-For': `198.51.100.${i + 1}` });
      assert.equal(answer.status, 202, answer.body);
    }
    assert.deepEqual(
      cases.map(([email]) => storedName(server, email)),
      cases.map(([, , stored]) => stored),
    );
  } finally {
    await server.close();
  }
});
