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
