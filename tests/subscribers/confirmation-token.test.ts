import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CONFIRMATION_TTL_MS, signConfirmation, verifyConfirmation } from '../../src/subscribers/confirmation-token.js';
import { scopedKeys, signingKeys } from '../../src/subscribers/unsubscribe-token.js';

const keys = signingKeys('confirmation-secret-confirmation-secret-01');
const claim = { subscriberId: 42, requestedAt: Math.floor(Date.parse('2026-11-30T10:00:00Z') / 1000) };
const at = (ms: number) => new Date(claim.requestedAt * 1000 + ms);

test('confirmation token: valid until CONFIRMATION_TTL_MS after the request, then expired (still genuine)', () => {
  const token = signConfirmation(claim, keys);
  assert.deepEqual(verifyConfirmation(token, keys, at(0)), { kind: 'valid', claim });
  assert.deepEqual(verifyConfirmation(token, keys, at(CONFIRMATION_TTL_MS)), { kind: 'valid', claim });
  assert.deepEqual(verifyConfirmation(token, keys, at(CONFIRMATION_TTL_MS + 1000)), { kind: 'expired', claim });
});

test('confirmation token: another key, another subscriber or another request time is invalid', () => {
  const token = signConfirmation(claim, keys);
  const [keyId, , requested, mac] = token.split('.');
  assert.equal(verifyConfirmation(signConfirmation(claim, signingKeys('another-secret-another-secret-0123456789')), keys, at(0)).kind, 'invalid');
  assert.equal(verifyConfirmation(`${keyId}.43.${requested}.${mac}`, keys, at(0)).kind, 'invalid');
  assert.equal(verifyConfirmation(`${keyId}.42.${Number(requested) + 1}.${mac}`, keys, at(0)).kind, 'invalid');
});

test('confirmation token: any flipped character is refused (property)', () => {
  const token = signConfirmation(claim, keys);
  fc.assert(
    fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), (index, character) => {
      fc.pre(token[index] !== character);
      const flipped = token.slice(0, index) + character + token.slice(index + 1);
      return verifyConfirmation(flipped, keys, at(0)).kind === 'invalid';
    }),
    { seed: 20261130, numRuns: 2000 },
  );
});

test('confirmation token: signed for one list (one subscriber database), it is invalid for another list sharing the secret, as an unsubscribe token is; a link of the old form (`k…`, no list) verifies only for a request from before the list signed its own', () => {
  const listA = scopedKeys(keys, { list: 'list-a', legacy: false, scopedSince: claim.requestedAt });
  const listB = scopedKeys(keys, { list: 'list-b', legacy: false, scopedSince: claim.requestedAt });
  const token = signConfirmation(claim, listA);
  assert.match(token, /^c[0-9a-f]{8}\./);
  assert.deepEqual(verifyConfirmation(token, listA, at(0)), { kind: 'valid', claim });
  assert.equal(verifyConfirmation(token, listB, at(0)).kind, 'invalid');
  // The old form, mailed before this list signed for itself, still confirms its request there; one for a later request does not.
  const older = { ...claim, requestedAt: claim.requestedAt - 60 };
  assert.deepEqual(verifyConfirmation(signConfirmation(older, keys), listB, at(0)), { kind: 'valid', claim: older });
  assert.equal(verifyConfirmation(signConfirmation(claim, keys), listB, at(0)).kind, 'invalid');
});
