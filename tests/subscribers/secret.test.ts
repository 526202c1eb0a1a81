import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError } from '../../src/errors.js';
import { openStore } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { unsubscribeKeys } from '../../src/subscribers/secret.js';
import { sign, signingKeys, verify } from '../../src/subscribers/unsubscribe-token.js';

const store = () => openStore(join(mkdtempSync(join(tmpdir(), 'paperboy-secret-')), 'data'));

test('secret: PAPERBOY_SECRET from the environment signs, never a stored one', () => {
  const db = store();
  const { keys, development } = unsubscribeKeys({ PAPERBOY_SECRET: 's'.repeat(40) }, db, { allowDevelopment: true });
  assert.equal(development, false);
  assert.equal(db.prepare("SELECT 1 FROM settings WHERE name = 'development_secret'").get(), undefined);
  assert.equal(verify(sign(3, keys), keys), 3);
});

test('secret: without PAPERBOY_SECRET, real mail refuses to go (exit 2); the outbox gets one stored development secret', () => {
  const db = store();
  assert.throws(() => unsubscribeKeys({}, db, { allowDevelopment: false }), (error) => isPaperboyError(error) && error.code === 'SECRET_MISSING' && error.exitCode === 2);
  const first = unsubscribeKeys({}, db, { allowDevelopment: true });
  const second = unsubscribeKeys({ PAPERBOY_SECRET: '' }, db, { allowDevelopment: true });
  assert.equal(first.development, true);
  assert.equal(verify(sign(5, first.keys), second.keys), 5, 'the same secret on the next run');
});

test('secret: a token names its list, so one secret shared by two newsletters, or a database made anew, unsubscribes no stranger', () => {
  const secret = { PAPERBOY_SECRET: 's'.repeat(40) };
  const [a, b] = [store(), store()];
  const keysA = unsubscribeKeys(secret, a, { allowDevelopment: false }).keys;
  const keysB = unsubscribeKeys(secret, b, { allowDevelopment: false }).keys;
  const token = sign(4, keysB);
  assert.match(token, /^u[0-9a-f]{8}\.4\.[A-Za-z0-9_-]{43}$/);
  assert.equal(verify(token, keysB), 4);
  assert.equal(verify(token, unsubscribeKeys(secret, b, { allowDevelopment: false }).keys), 4, 'the same list on the next run');
  assert.equal(verify(token, keysA), undefined, "subscriber #4 of the other newsletter's database");
});

test('secret: a token of the form made before lists were named verifies only where the database had sent some when it was migrated, never in a new one', () => {
  const secret = { PAPERBOY_SECRET: 's'.repeat(40) };
  const old = sign(1, signingKeys(secret.PAPERBOY_SECRET));
  assert.match(old, /^k[0-9a-f]{8}\.1\./);
  // Two databases of the paperboy before: one whose send carried such links (its deliveries name subscribers), one that never sent.
  const [sent, unsent] = [true, false].map((hasSent) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'paperboy-secret-')), 'data');
    const before = openStore(dir, MIGRATIONS.slice(0, 4));
    before.prepare("INSERT INTO subscribers (email, email_key, status, consent_source, consent_at, created_at, updated_at) VALUES ('ada@example.org', 'ada@example.org', 'active', 'test', 't', 't', 't')").run();
    if (hasSent) {
      before.prepare("INSERT INTO send_runs (issue, mode, created_at) VALUES (1, 'subscribers', 't')").run();
      before.prepare("INSERT INTO deliveries (issue, recipient_key, email, subscriber_id, state, message_id, queued_at, updated_at) VALUES (1, 'ada@example.org', 'ada@example.org', 1, 'sent', '<m@x>', 't', 't')").run();
    }
    before.close();
    return openStore(dir);
  });
  assert.equal(verify(old, unsubscribeKeys(secret, sent!, { allowDevelopment: false }).keys), 1);
  assert.equal(verify(old, unsubscribeKeys(secret, unsent!, { allowDevelopment: false }).keys), undefined);
  assert.equal(verify(old, unsubscribeKeys(secret, store(), { allowDevelopment: false }).keys), undefined, 'a database made now');
});
