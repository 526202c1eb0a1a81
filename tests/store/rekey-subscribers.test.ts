import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore, type Store } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { emailKey } from '../../src/config/address.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { Subscriptions } from '../../src/subscribers/subscription.js';

test('email key: every spelling of an internationalised address is one key (A-label domain, NFC, full-width folded)', () => {
  const key = 'leser@xn--bcher-kva.example';
  assert.equal(emailKey('leser@bücher.example'), key);
  assert.equal(emailKey('leser@bu\u0308cher.example'), key, 'a combining diaeresis');
  assert.equal(emailKey('LESER@XN--BCHER-KVA.EXAMPLE'), key);
  assert.equal(emailKey(' Leser@BÜCHER.example '), key);
  assert.equal(emailKey('full@ｅxample.org'), 'full@example.org', 'a full-width letter');
  assert.equal(emailKey('Ada@Example.ORG'), 'ada@example.org');
});

/** A database as the paperboy before the key change wrote it: keys only trimmed and lower-cased. */
function oldDatabase(
  rows: { email: string; status: string; consentAt: string; source?: string; name?: string; confirmedAt?: string | null; unsubscribedAt?: string | null; confirmationRequestedAt?: string }[],
): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'paperboy-rekey-')), '.paperboy');
  const db = openStore(dir, MIGRATIONS.slice(0, 2));
  const insert = db.prepare(
    `INSERT INTO subscribers (email, email_key, name, status, consent_source, consent_at, confirmed_at, unsubscribed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const request = db.prepare('INSERT INTO confirmations (subscriber_id, requested_at, used_at) VALUES (?, ?, NULL)');
  for (const row of rows) {
    const { lastInsertRowid } = insert.run(row.email, row.email.trim().toLowerCase(), row.name ?? '', row.status, row.source ?? 'cli', row.consentAt, row.confirmedAt ?? null, row.unsubscribedAt ?? null, row.consentAt, row.consentAt);
    if (row.confirmationRequestedAt) request.run(lastInsertRowid, row.confirmationRequestedAt);
  }
  db.close();
  return dir;
}

const all = (db: Store) => db.prepare('SELECT id, email, email_key, name, status, consent_source, consent_at, confirmed_at, unsubscribed_at FROM subscribers ORDER BY id').all();

test('migration: stored keys are recomputed, and two spellings of one mailbox become one subscriber keeping the suppression and the earliest consent', () => {
  const dir = oldDatabase([
    { email: 'leser@bücher.example', status: 'active', consentAt: '2024-03-01T00:00:00.000Z', source: 'import:a.csv', confirmedAt: '2024-03-01T00:00:00.000Z' },
    { email: 'ada@example.org', status: 'active', consentAt: '2024-03-02T00:00:00.000Z', confirmedAt: '2024-03-02T00:00:00.000Z' },
    { email: 'LESER@XN--BCHER-KVA.EXAMPLE', status: 'unsubscribed', consentAt: '2024-04-01T00:00:00.000Z', name: 'Leser', unsubscribedAt: '2024-05-01T00:00:00.000Z' },
    { email: 'leser@bu\u0308cher.example', status: 'active', consentAt: '2024-02-01T00:00:00.000Z', source: 'form', confirmedAt: '2024-02-02T00:00:00.000Z' },
    { email: 'full@ｅxample.org', status: 'bounced', consentAt: '2024-01-01T00:00:00.000Z' },
  ]);
  const before = openStore(dir, MIGRATIONS.slice(0, 2));
  // A send under way names the merged rows; an unsubscribe link already sent names row 3.
  before.prepare("INSERT INTO send_runs (issue, mode, created_at) VALUES (7, 'subscribers', 'x')").run();
  before.prepare("INSERT INTO deliveries (issue, recipient_key, email, subscriber_id, state, message_id, queued_at, updated_at) VALUES (7, 'k4', 'e', 4, 'queued', 'm', 'x', 'x')").run();
  before.close();

  const db = openStore(dir);
  assert.deepEqual(all(db), [
    {
      id: 1,
      email: 'leser@bücher.example',
      email_key: 'leser@xn--bcher-kva.example',
      name: 'Leser',
      status: 'unsubscribed',
      consent_source: 'form',
      consent_at: '2024-02-01T00:00:00.000Z',
      confirmed_at: '2024-02-02T00:00:00.000Z',
      unsubscribed_at: '2024-05-01T00:00:00.000Z',
    },
    {
      id: 2,
      email: 'ada@example.org',
      email_key: 'ada@example.org',
      name: '',
      status: 'active',
      consent_source: 'cli',
      consent_at: '2024-03-02T00:00:00.000Z',
      confirmed_at: '2024-03-02T00:00:00.000Z',
      unsubscribed_at: null,
    },
    {
      id: 5,
      email: 'full@ｅxample.org',
      email_key: 'full@example.org',
      name: '',
      status: 'bounced',
      consent_source: 'cli',
      consent_at: '2024-01-01T00:00:00.000Z',
      confirmed_at: null,
      unsubscribed_at: null,
    },
  ]);
  assert.equal((db.prepare('SELECT subscriber_id FROM deliveries WHERE issue = 7').get() as { subscriber_id: number }).subscriber_id, 1, 'the journal row follows the kept subscriber');
  const store = new SubscriberStore(db);
  assert.equal(store.byId(3)?.id, 1, 'a link naming a merged row names the kept one');
  assert.equal(store.find('full@example.org')?.status, 'bounced', 'another spelling finds the stored one');
  assert.equal(store.add({ email: 'full@example.org', consentSource: 'cli' }).kind, 'suppressed', 'and is never made active again');
  db.close();
});

test('migration: an unsubscribe link naming a merged row unsubscribes the kept subscriber', () => {
  const dir = oldDatabase([
    { email: 'leser@bücher.example', status: 'active', consentAt: '2024-03-01T00:00:00.000Z' },
    { email: 'Leser@Xn--Bcher-Kva.example', status: 'active', consentAt: '2024-03-02T00:00:00.000Z' },
  ]);
  const db = openStore(dir);
  const store = new SubscriberStore(db);
  assert.equal(store.unsubscribe(2), true);
  assert.equal(store.byId(1)?.status, 'unsubscribed');
  db.close();
});

test('migration: the newest confirmation link of a merged mailbox still confirms it, whichever row it names; older links are superseded', () => {
  const older = '2024-03-01T10:00:00.000Z';
  const newer = '2024-03-01T11:00:00.000Z';
  const dir = oldDatabase([
    { email: 'leser@bücher.example', status: 'pending', consentAt: older, source: 'form', confirmationRequestedAt: older },
    { email: 'Leser@Xn--Bcher-Kva.example', status: 'pending', consentAt: newer, source: 'form', confirmationRequestedAt: newer },
  ]);
  const db = openStore(dir);
  const subscriptions = new Subscriptions(db, () => new Date('2024-03-01T12:00:00.000Z'));
  const seconds = (time: string) => Date.parse(time) / 1000;
  assert.equal(subscriptions.confirm({ subscriberId: 1, requestedAt: seconds(older) }), 'superseded');
  assert.equal(subscriptions.confirm({ subscriberId: 2, requestedAt: seconds(newer) }), 'confirmed');
  assert.equal(new SubscriberStore(db).byId(1)?.status, 'active');
  assert.equal(subscriptions.confirm({ subscriberId: 2, requestedAt: seconds(newer) }), 'already-confirmed');
  db.close();
});
