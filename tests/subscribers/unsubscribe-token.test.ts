import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isPaperboyError } from '../../src/errors.js';
import { sign, signingKeys, verify } from '../../src/subscribers/unsubscribe-token.js';

const SECRET = 'a'.repeat(40);
const keys = signingKeys(SECRET);

test('unsubscribe token: verifies back to the subscriber id, holds no address', () => {
  const token = sign(42, keys);
  assert.equal(verify(token, keys), 42);
  assert.match(token, /^k[0-9a-f]{8}\.42\.[A-Za-z0-9_-]{43}$/);
  assert.ok(!token.includes('@'));
  assert.equal(encodeURIComponent(token), token, 'URL-safe as it is');
});

test('unsubscribe token: tampered, truncated, forged or foreign tokens verify to nothing', () => {
  const token = sign(42, keys);
  const [kid, , mac] = token.split('.');
  assert.equal(verify(`${kid}.43.${mac}`, keys), undefined, 'another id with the same MAC');
  assert.equal(verify(token.slice(0, -1), keys), undefined);
  assert.equal(verify(`${token}A`, keys), undefined);
  assert.equal(verify(sign(42, signingKeys('b'.repeat(40))), keys), undefined, 'signed with another secret');
  assert.equal(verify('', keys), undefined);
  assert.equal(verify('../../etc/passwd', keys), undefined);
  assert.equal(verify(`${kid}.0042.${mac}`, keys), undefined, 'leading zeros are another token');
});

test('unsubscribe token: the unused bits of the last character cannot be changed either', () => {
  const token = sign(7, keys);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1)!);
  for (let bits = 1; bits < 4; bits++) assert.equal(verify(token.slice(0, -1) + alphabet[last ^ bits], keys), undefined);
});

test('unsubscribe token: any flipped character is refused (property)', () => {
  const token = sign(7, keys);
  fc.assert(
    fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'0123456789abcdefABCDEF_-.'), (index, character) => {
      fc.pre(token[index] !== character);
      const changed = token.slice(0, index) + character + token.slice(index + 1);
      return verify(changed, keys) === undefined;
    }),
  );
});

test('unsubscribe token: key rotation — the new secret signs, the old one still verifies', () => {
  const old = signingKeys(SECRET);
  const rotated = signingKeys(`${'n'.repeat(40)}, ${SECRET}`);
  const before = sign(9, old);
  const after = sign(9, rotated);
  assert.notEqual(before.split('.')[0], after.split('.')[0], 'the key id changes with the secret');
  assert.equal(verify(before, rotated), 9);
  assert.equal(verify(after, rotated), 9);
  assert.equal(verify(after, old), undefined);
});

test('unsubscribe token: an empty or short PAPERBOY_SECRET is refused without echoing it', () => {
  assert.throws(() => signingKeys('  '), (error) => isPaperboyError(error) && error.exitCode === 2);
  assert.throws(
    () => signingKeys('short-secret-value'),
    (error) => isPaperboyError(error) && /at least 32/.test(error.message) && !error.message.includes('short-secret-value'),
  );
});

test('unsubscribe token: a secret of one character is said to have 1 character', () => {
  assert.throws(() => signingKeys('x'), (error) => isPaperboyError(error) && /secret 1 has 1 character, expected at least 32/.test(error.message));
});
