import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { PaperboyError } from '../errors.js';
import { counted } from '../render/format.js';

/**
 * Unsubscribe tokens: `u<key id>.<subscriber id>.<HMAC-SHA256>` in base64url,
 * e.g. `u3f9a21c0.42.Qm9…` (about 55 characters). They carry no address
 * (RELIABILITY 22), never expire (an unsubscribe link must keep working long
 * after the send: CAN-SPAM asks for 30 days, readers click years later), and
 * name the key that signed them, so a new secret can sign while the old one
 * still verifies the links already in inboxes.
 *
 * The MAC covers the list the token was made for (`TokenScope`, a random
 * id each subscriber database keeps), not only the subscriber's number: a
 * number names another reader in another newsletter signed with the same
 * secret, or in this one's database made anew, and a token that named a
 * number alone unsubscribed that stranger. Tokens made before (`k<key
 * id>.…`, their MAC over the number alone) verify only where the database
 * sent them (`TokenScope.legacy`).
 */

export interface SigningKey {
  /** Derived from the secret (a hash prefix), so rotating needs no naming: `k` and 8 hex digits. */
  id: string;
  secret: Buffer;
  /** The list the key signs for (`scopedKeys`); a key without one signs and verifies the tokens made before lists were named. */
  scope?: TokenScope;
}

/** Which list an unsubscribe token is for: what the database of its subscribers says (subscribers/secret.ts). */
export interface TokenScope {
  /** A random id made once per database. */
  list: string;
  /** Whether this database sent tokens of the old form (`k…`), which then still verify here. */
  legacy: boolean;
  /**
   * Since when (s since the epoch) this database signs its confirmation
   * links for its list (confirmation-token.ts): one of the old form names no
   * list, and verifies only for a request made before. Undefined: every
   * old-form confirmation link is refused.
   */
  scopedSince?: number;
}

/** `keys` signing and verifying for the list `scope`. */
export function scopedKeys(keys: readonly SigningKey[], scope: TokenScope): SigningKey[] {
  return keys.map((key) => ({ ...key, scope }));
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
    if (secret.length < MIN_SECRET_LENGTH) throw secretError(`secret ${index + 1} has ${counted(secret.length, 'character')}, expected at least ${MIN_SECRET_LENGTH}`);
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

/** The MAC of a token for `subscriberId`: over the list when there is one (`u…` tokens), else over the number alone (`k…`, the old form). */
function mac(key: SigningKey, subscriberId: string, list: string | undefined): Buffer {
  const signed = list === undefined ? `unsubscribe\n${key.id}\n${subscriberId}` : `unsubscribe\n${key.id}\n${list}\n${subscriberId}`;
  return createHmac('sha256', key.secret).update(signed).digest();
}

/** The token of a subscriber, signed with the first key: for its list (`u…`) when the key has one. */
export function sign(subscriberId: number, keys: readonly SigningKey[]): string {
  const key = keys[0];
  if (!key) throw new Error('sign: no signing key');
  const list = key.scope?.list;
  const id = list === undefined ? key.id : `u${key.id.slice(1)}`;
  return `${id}.${subscriberId}.${mac(key, String(subscriberId), list).toString('base64url')}`;
}

const TOKEN = /^([ku])([0-9a-f]{8})\.([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{43})$/;

/** Whether `text` has the shape of an unsubscribe token (either form), signed or not: a word after "unsubscribe" that is none is no request. */
export function looksLikeToken(text: string): boolean {
  return TOKEN.test(text);
}

/** Whether `text` starts as a token does, a key id and a dot: a token cut short or changed, which is a request that does not verify. */
export function startsLikeToken(text: string): boolean {
  return /^[ku][0-9a-f]{8}\./.test(text);
}

/**
 * The subscriber id a token names, or undefined for a token that is
 * malformed, signed by an unknown key, for another list (or of the old
 * form where this list sent none) or tampered with: one answer for all,
 * and the MAC compared in constant time (crypto.timingSafeEqual).
 */
export function verify(token: string, keys: readonly SigningKey[]): number | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const [, form, hex, subscriberId, signature] = match as unknown as [string, 'k' | 'u', string, string, string];
  const key = keys.find((candidate) => candidate.id === `k${hex}`);
  if (!key) return undefined;
  if (form === 'u' ? key.scope === undefined : key.scope?.legacy === false) return undefined;
  const list = form === 'u' ? key.scope!.list : undefined;
  // The encoded strings are compared, not the decoded bytes: the last of 43
  // base64url characters has two unused bits, and a token with them changed
  // must not verify too.
  const given = Buffer.from(signature, 'latin1');
  const expected = Buffer.from(mac(key, subscriberId, list).toString('base64url'), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const number = Number(subscriberId);
  return Number.isSafeInteger(number) ? number : undefined;
}

