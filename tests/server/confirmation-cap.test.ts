import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { rawRequest, startServer, stderrOf, type TestServer } from './helpers.js';

let client = 0;
/** A request to subscribe `email` from a client of its own (X-Forwarded-For, trusted from loopback): a botnet's, each address new. */
const subscribe = (server: TestServer, email: string) =>
  rawRequest(server.port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: new URLSearchParams({ email }).toString() }, { 'X-Forwarded-For': `192.0.2.${++client % 250}` });
const stored = (server: TestServer) => (server.db.prepare('SELECT COUNT(*) AS n FROM subscribers').get() as { n: number }).n;
const capped = (perHour: number) => makeRoot({}, `${CONFIG_YAML}subscribe:\n  confirmationsPerHour: ${perHour}\n`);

test('subscribe: past subscribe.confirmationsPerHour confirmation emails in the last hour, from however many clients, every request is a 429 with Retry-After saying to try again later, nothing stored; one line on stderr an hour', async () => {
  const server = await startServer({ root: capped(3) });
  try {
    new SubscriberStore(server.db).add({ email: 'active@example.org', consentSource: 'test' });
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) assert.equal((await subscribe(server, email)).status, 202);
    await server.app.settled();
    assert.equal(server.confirmations.length, 3);
    const before = stored(server);
    const said = await stderrOf(async () => {
      for (const email of ['d@example.org', 'e@example.org', 'active@example.org']) {
        const answer = await subscribe(server, email);
        assert.equal(answer.status, 429, email);
        assert.equal(answer.headers['retry-after'], '3600');
        assert.match(answer.body, /Many people are subscribing right now, so sending confirmation emails is paused for a while\. Nothing was stored: please try again in 60 minutes\./);
      }
    });
    assert.equal(stored(server), before, 'nothing stored over the cap');
    assert.equal(server.confirmations.length, 3);
    assert.equal(said.split('\n').filter(Boolean).length, 1, said);
    assert.match(said, /^paperboy: 3 confirmation emails went out in the last hour \(subscribe\.confirmationsPerHour\): requests to subscribe are answered 429/);
    // Half an hour on: still the cap, still no second line; an hour after the first, a place again.
    server.clock.now = new Date(server.clock.now.getTime() + 30 * 60 * 1000);
    assert.equal(await stderrOf(async () => assert.equal((await subscribe(server, 'd@example.org')).headers['retry-after'], '1800')), '');
    server.clock.now = new Date(server.clock.now.getTime() + 30 * 60 * 1000 + 1000);
    assert.equal((await subscribe(server, 'd@example.org')).status, 202);
    await server.app.settled();
    assert.deepEqual(server.confirmations.map((message) => message.to).at(-1), 'd@example.org');
  } finally {
    await server.close();
  }
});

test('subscribe: the cap on confirmation emails holds across a restart of the server (counted in the database); a link sent before the cap is reached still confirms', async () => {
  const root = capped(2);
  const first = await startServer({ root });
  for (const email of ['a@example.org', 'b@example.org']) assert.equal((await subscribe(first, email)).status, 202);
  await first.app.settled();
  const link = new URL(first.confirmations[0]!.confirmUrl);
  await first.close();
  const again = await startServer({ root });
  try {
    await stderrOf(async () => assert.equal((await subscribe(again, 'c@example.org')).status, 429));
    const confirmed = await rawRequest(again.port, 'POST', `${link.pathname}${link.search}`);
    assert.equal(confirmed.status, 200);
    assert.equal(new SubscriberStore(again.db).find('a@example.org')?.status, 'active');
  } finally {
    await again.close();
  }
});

test('subscribe: a confirmation the relay refused (withdrawn, never sent) takes no place under the cap', async () => {
  const server = await startServer({ root: capped(1), failMail: true });
  try {
    await stderrOf(async () => {
      assert.equal((await subscribe(server, 'a@example.org')).status, 202);
      await server.app.settled();
      assert.equal((await subscribe(server, 'b@example.org')).status, 202);
      await server.app.settled();
    });
  } finally {
    await server.close();
  }
});

test('config: subscribe.confirmationsPerHour is 500 unless set', async () => {
  const server = await startServer();
  try {
    assert.equal(server.config.subscribe.confirmationsPerHour, 500);
  } finally {
    await server.close();
  }
});
