import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError } from '../../src/errors.js';
import { openStore } from '../../src/store/database.js';
import { unsubscribeKeys } from '../../src/subscribers/secret.js';
import { sign, verify } from '../../src/subscribers/unsubscribe-token.js';

const store = () => openStore(join(mkdtempSync(join(tmpdir(), 'paperboy-secret-')), 'data'));

test('secret: PAPERBOY_SECRET from the environment signs, never a stored one', () => {
  const db = store();
  const { keys, development } = unsubscribeKeys({ PAPERBOY_SECRET: 's'.repeat(40) }, db, { allowDevelopment: true });
  assert.equal(development, false);
  assert.equal((db.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }).n, 0);
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
