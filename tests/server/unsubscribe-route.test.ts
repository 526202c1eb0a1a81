import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign, signingKeys } from '../../src/subscribers/unsubscribe-token.js';
import { listKeys } from '../helpers/tokens.js';
import { rawRequest, SECRET, startServer, type TestServer } from './helpers.js';

function subscriber(server: TestServer, email = 'ada@example.org') {
  const store = new SubscriberStore(server.db);
  const { subscriber } = store.add({ email, consentSource: 'test' });
  return { id: subscriber.id, token: sign(subscriber.id, listKeys(server.db, SECRET)), status: () => store.byId(subscriber.id)!.status };
}

const ONE_CLICK = { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=One-Click' };

test('unsubscribe: GET shows one button and changes nothing (link scanners fetch every URL)', async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    const page = await rawRequest(server.port, 'GET', `/unsubscribe?token=${reader.token}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<form method="post" action="unsubscribe\?token(=|&#x3D;)[^"]+">/);
    assert.match(page.body, /name="List-Unsubscribe" value="One-Click"/);
    assert.equal(reader.status(), 'active');
  } finally {
    await server.close();
  }
});

test('unsubscribe: one-click POST (form-urlencoded) commits, answers 200 without a redirect or cookie; repeating it is harmless', async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    const other = subscriber(server, 'bob@example.org');
    const first = await rawRequest(server.port, 'POST', `/unsubscribe?token=${reader.token}`, ONE_CLICK);
    assert.equal(first.status, 200);
    assert.equal(first.headers.location, undefined);
    assert.equal(first.headers['set-cookie'], undefined);
    assert.equal(reader.status(), 'unsubscribed');
    assert.equal(other.status(), 'active');
    const again = await rawRequest(server.port, 'POST', `/unsubscribe?token=${reader.token}`, ONE_CLICK);
    assert.equal(again.status, 200);
    assert.equal(reader.status(), 'unsubscribed');
  } finally {
    await server.close();
  }
});

test('unsubscribe: the link of a reader who already left (unsubscribed, bounced) or is gone from the store says they are already unsubscribed, with no button, never that the link is invalid', async () => {
  const server = await startServer();
  try {
    const left = subscriber(server);
    assert.equal((await rawRequest(server.port, 'POST', `/unsubscribe?token=${left.token}`, ONE_CLICK)).status, 200);
    const bounced = subscriber(server, 'bob@example.org');
    new SubscriberStore(server.db).markBounced(bounced.id);
    const gone = subscriber(server, 'cy@example.org');
    server.db.prepare('DELETE FROM subscribers WHERE id = ?').run(gone.id);
    // The GET of each; the one-click POST of a reader gone from the store too (one still in it is answered "You are unsubscribed", as a repeat is).
    for (const [reader, methods] of [[left, ['GET']], [bounced, ['GET']], [gone, ['GET', 'POST']]] as const) {
      for (const method of methods) {
        const body = method === 'POST' ? ONE_CLICK : undefined;
        const page = await rawRequest(server.port, method, `/unsubscribe?token=${reader.token}`, body);
        assert.equal(page.status, 200, `${method} ${reader.id}`);
        assert.match(page.body, /<h1[^>]*>You are already unsubscribed<\/h1>/, `${method} ${reader.id}`);
        assert.doesNotMatch(page.body, /<form|not valid/, `${method} ${reader.id}`);
      }
    }
    assert.equal(bounced.status(), 'bounced');
    // A reader still on the list gets the button, as before.
    assert.match((await rawRequest(server.port, 'GET', `/unsubscribe?token=${subscriber(server, 'dee@example.org').token}`)).body, /<form method="post"/);
  } finally {
    await server.close();
  }
});

test('unsubscribe: one-click POST as multipart/form-data (RFC 8058 allows it) commits too', async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    const boundary = 'x-paperboy-boundary';
    const data = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const answer = await rawRequest(server.port, 'POST', `/unsubscribe?token=${reader.token}`, { type: `multipart/form-data; boundary=${boundary}`, data });
    assert.equal(answer.status, 200);
    assert.equal(reader.status(), 'unsubscribed');
  } finally {
    await server.close();
  }
});

test('unsubscribe: a one-click POST whose client repeats List-Unsubscribe=One-Click commits as one; two different values change nothing', async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    const repeated = await rawRequest(server.port, 'POST', `/unsubscribe?token=${reader.token}`, { ...ONE_CLICK, data: 'List-Unsubscribe=One-Click&List-Unsubscribe=One-Click' });
    assert.equal(repeated.status, 200);
    assert.equal(reader.status(), 'unsubscribed');
    const other = subscriber(server, 'bob@example.org');
    const mixed = await rawRequest(server.port, 'POST', `/unsubscribe?token=${other.token}`, { ...ONE_CLICK, data: 'List-Unsubscribe=One-Click&List-Unsubscribe=Later' });
    assert.equal(mixed.status, 400);
    assert.equal(other.status(), 'active');
  } finally {
    await server.close();
  }
});

test('unsubscribe: two different tokens in one link act on neither (400, nothing changed); one token repeated alike is that token', async () => {
  const server = await startServer();
  try {
    const [ada, bob] = [subscriber(server), subscriber(server, 'bob@example.org')];
    const both = await rawRequest(server.port, 'POST', `/unsubscribe?token=${ada.token}&token=${bob.token}`, ONE_CLICK);
    assert.equal(both.status, 400);
    assert.match(both.body, /This unsubscribe link is not valid/);
    assert.deepEqual([ada.status(), bob.status()], ['active', 'active']);
    const repeated = await rawRequest(server.port, 'POST', `/unsubscribe?token=${ada.token}&token=${ada.token}`, ONE_CLICK);
    assert.equal(repeated.status, 200);
    assert.deepEqual([ada.status(), bob.status()], ['unsubscribed', 'active']);
  } finally {
    await server.close();
  }
});

test('unsubscribe: forged, truncated, tampered and other-key tokens get one generic 400 and change nothing', async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    const other = subscriber(server, 'bob@example.org');
    const [keyId, , mac] = reader.token.split('.');
    const tampered = [
      '',
      'garbage',
      reader.token.slice(0, -5),
      `${reader.token.slice(0, -1)}${reader.token.endsWith('A') ? 'B' : 'A'}`,
      `${keyId}.${other.id}.${mac}`,
      sign(reader.id, listKeys(server.db, 'another-secret-another-secret-0123456789')),
      // The form made before tokens named their list, which a database that never sent one does not take.
      sign(reader.id, signingKeys(SECRET)),
    ];
    const bodies = new Set<string>();
    for (const token of tampered) {
      const answer = await rawRequest(server.port, 'POST', `/unsubscribe?token=${encodeURIComponent(token)}`, ONE_CLICK);
      assert.equal(answer.status, 400, token);
      bodies.add(answer.body);
    }
    assert.equal(bodies.size, 1, 'one answer for every bad token');
    assert.equal(reader.status(), 'active');
    assert.equal(other.status(), 'active');
  } finally {
    await server.close();
  }
});

test('unsubscribe: a POST without List-Unsubscribe=One-Click, or with an unreadable body, changes nothing; a genuine link is offered the button, not called invalid', async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    for (const body of [
      { type: 'application/x-www-form-urlencoded', data: '' },
      { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=Yes' },
      { type: 'multipart/form-data', data: 'no boundary' },
      { type: 'text/plain', data: 'List-Unsubscribe=One-Click' },
      { type: 'application/x-www-form-urlencoded', data: `List-Unsubscribe=One-Click&pad=${'x'.repeat(20_000)}` },
    ]) {
      const answer = await rawRequest(server.port, 'POST', `/unsubscribe?token=${reader.token}`, body);
      assert.ok(answer.status >= 400 && answer.status < 500, `${body.type}: ${answer.status}`);
      // A readable form without the field: the link is genuine, not called invalid, and the reader gets the button that does unsubscribe.
      if (body.type === 'application/x-www-form-urlencoded' && !body.data.includes('One-Click')) {
        assert.equal(answer.status, 400);
        assert.doesNotMatch(answer.body, /not valid/, body.data.slice(0, 40));
        assert.match(answer.body, /<button[^>]*>Unsubscribe<\/button>/, body.data.slice(0, 40));
      }
    }
    assert.equal(reader.status(), 'active');
    assert.equal((await rawRequest(server.port, 'PUT', `/unsubscribe?token=${reader.token}`)).status, 405);
  } finally {
    await server.close();
  }
});

test('access log: one JSON line per request, with no token and no address', { timeout: 10_000 }, async () => {
  const server = await startServer();
  try {
    const reader = subscriber(server);
    await rawRequest(server.port, 'POST', `/unsubscribe?token=${reader.token}`, ONE_CLICK);
    await rawRequest(server.port, 'GET', '/');
    // The line is written when the response is finished on the server's side, just after the client has it.
    while (server.logs.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(server.logs.length, 2);
    const line = JSON.parse(server.logs[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(line).sort(), ['bytes', 'method', 'ms', 'path', 'status', 'time']);
    assert.equal(line.path, '/unsubscribe');
    assert.ok(server.logs.every((entry) => !entry.includes(reader.token) && !entry.includes('example.org')));
  } finally {
    await server.close();
  }
});

test('access log: a path over 2,000 characters is cut there, marked with … and its full length, so the line stays a line', { timeout: 10_000 }, async () => {
  const server = await startServer();
  try {
    // Under the 16 KB Node allows a request's head, past which it answers 431 itself.
    const long = `/${'a'.repeat(9999)}`;
    const whole = `/${'b'.repeat(1999)}`;
    await rawRequest(server.port, 'GET', `${long}?token=x`);
    await rawRequest(server.port, 'GET', whole);
    for (let waits = 0; server.logs.length < 2 && waits < 400; waits++) await new Promise((resolve) => setTimeout(resolve, 5));
    const [cut, kept] = server.logs.map((entry) => (JSON.parse(entry) as { path: string }).path);
    assert.equal(cut, `${long.slice(0, 2000)}… (10000 characters)`);
    assert.equal(kept, whole, 'a path of 2,000 characters is shown whole');
    assert.ok(server.logs[0]!.length < 2200, `${server.logs[0]!.length} characters`);
  } finally {
    await server.close();
  }
});
