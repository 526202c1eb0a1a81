import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { PaperboyError } from '../errors.js';

/**
 * Unsubscribe tokens: `<key id>.<subscriber id>.<HMAC-SHA256>` in base64url,
 * e.g. `k3f9a21c0.42.Qm9…` (about 55 characters). They carry no address
 * (RELIABILITY 22), never expire (an unsubscribe link must keep working long
 * after the send: CAN-SPAM asks for 30 days, readers click years later), and
 * name the key that signed them, so a new secret can sign while the old one
 * still verifies the links already in inboxes.
 */

export interface SigningKey {
  /** Derived from the secret (a hash prefix), so rotating needs no naming. */
  id: string;
  secret: Buffer;
}

/** NIST SP 800-107 asks an HMAC key for at least the hash's security strength: 128 bits, written as 32 characters here. */
const MIN_SECRET_LENGTH = 32;

/**
 * The keys in a `PAPERBOY_SECRET` value: one or more secrets separated by
 * commas or whitespace; the first signs, every one verifies (rotation: put
 * the new secret first and keep the old one after it).
 * Throws PaperboyError SECRET_INVALID (exit 2) for an empty or short secret;
 * the message never contains the secret.
 */
export function signingKeys(value: string): SigningKey[] {
  const secrets = value.split(/[\s,]+/).filter((secret) => secret !== '');
  if (secrets.length === 0) throw secretError('is empty');
  for (const [index, secret] of secrets.entries()) {
    if (secret.length < MIN_SECRET_LENGTH) throw secretError(`secret ${index + 1} has ${secret.length} characters, expected at least ${MIN_SECRET_LENGTH}`);
  }
  return secrets.map((secret) => ({ id: keyId(secret), secret: Buffer.from(secret, 'utf8') }));
}

function secretError(problem: string): PaperboyError {
  return new PaperboyError('SECRET_INVALID', `Unexpected PAPERBOY_SECRET: ${problem}`, {
    hint: 'Set PAPERBOY_SECRET to a long random string, e.g. the output of `openssl rand -base64 32`.',
  });
}

function keyId(secret: string): string {
  return `k${createHash('sha256').update(`paperboy unsubscribe key\n${secret}`).digest('hex').slice(0, 8)}`;
}

function mac(key: SigningKey, subscriberId: string): Buffer {
  return createHmac('sha256', key.secret).update(`unsubscribe\n${key.id}\n${subscriberId}`).digest();
}

/** The token of a subscriber, signed with the first key. */
export function sign(subscriberId: number, keys: readonly SigningKey[]): string {
  const key = keys[0];
  if (!key) throw new Error('sign: no signing key');
  return `${key.id}.${subscriberId}.${mac(key, String(subscriberId)).toString('base64url')}`;
}

const TOKEN = /^(k[0-9a-f]{8})\.([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{43})$/;

/**
 * The subscriber id a token names, or undefined for a token that is
 * malformed, signed by an unknown key or tampered with: one answer for all,
 * and the MAC compared in constant time (crypto.timingSafeEqual).
 */
export function verify(token: string, keys: readonly SigningKey[]): number | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [, id, subscriberId, signature] = match as unknown as [string, string, string, string];
  const key = keys.find((candidate) => candidate.id === id);
  if (!key) return undefined;
  // The encoded strings are compared, not the decoded bytes: the last of 43
  // base64url characters has two unused bits, and a token with them changed
  // must not verify too.
  const given = Buffer.from(signature, 'latin1');
  const expected = Buffer.from(mac(key, subscriberId).toString('base64url'), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const number = Number(subscriberId);
  return Number.isSafeInteger(number) ? number : undefined;
}

