import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { Subscriptions } from '../../src/subscribers/subscription.js';

test('a confirmed subscription keeps when the reader asked (consent) apart from when they confirmed (RELIABILITY 20)', () => {
  const db = openStore(mkdtempSync(join(tmpdir(), 'paperboy-subscription-')));
  let clock = new Date('2026-03-01T10:00:00.000Z');
  const subscriptions = new Subscriptions(db, () => clock);
  const request = subscriptions.request('ada@example.org', 'Ada', 'https://example.org/');
  assert.equal(request.kind, 'confirm');
  clock = new Date('2026-03-01T12:30:00.000Z');
  assert.equal(subscriptions.confirm((request as { claim: Parameters<Subscriptions['confirm']>[0] }).claim), 'confirmed');
  const ada = new SubscriberStore(db).find('ada@example.org')!;
  assert.deepEqual(
    { status: ada.status, consentSource: ada.consentSource, consentAt: ada.consentAt, confirmedAt: ada.confirmedAt },
    { status: 'active', consentSource: 'form', consentAt: '2026-03-01T10:00:00.000Z', confirmedAt: '2026-03-01T12:30:00.000Z' },
  );
  db.close();
});

test('the cap on confirmations an hour: at it, a request is busy until enough of the hour’s confirmations are an hour old, also after the cap was lowered; nothing is stored meanwhile', () => {
  const db = openStore(mkdtempSync(join(tmpdir(), 'paperboy-subscription-')));
  let clock = new Date('2026-03-01T10:00:00.000Z');
  const subscriptions = new Subscriptions(db, () => clock);
  for (const [minute, email] of [[0, 'a@example.org'], [10, 'b@example.org'], [20, 'c@example.org']] as const) {
    clock = new Date(Date.parse('2026-03-01T10:00:00.000Z') + minute * 60_000);
    assert.equal(subscriptions.request(email, '', 'https://example.org/', 3).kind, 'confirm');
  }
  clock = new Date('2026-03-01T10:30:00.000Z');
  // Three in the hour, the cap 3: a place frees when the first (10:00) leaves, at 11:00.
  assert.deepEqual(subscriptions.request('d@example.org', '', 'https://example.org/', 3), { kind: 'busy', retryAfterMs: 30 * 60_000 });
  // The cap lowered to 2: two must leave, the second at 11:10.
  assert.deepEqual(subscriptions.request('d@example.org', '', 'https://example.org/', 2), { kind: 'busy', retryAfterMs: 40 * 60_000 });
  assert.equal(new SubscriberStore(db).find('d@example.org'), undefined);
  clock = new Date('2026-03-01T11:00:00.001Z');
  assert.equal(subscriptions.request('d@example.org', '', 'https://example.org/', 3).kind, 'confirm');
  db.close();
});
