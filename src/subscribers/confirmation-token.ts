import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SigningKey } from './unsubscribe-token.js';

/**
 * Double opt-in tokens: `<key id>.<subscriber id>.<requested at, s>.<HMAC-SHA256>`
 * in base64url. Unlike unsubscribe tokens they expire (a confirmation link
 * found in a mailbox a month later should not subscribe anyone), and they
 * name the request they answer, so only the newest link of an address works
 * and a used link cannot be used again (subscription.ts checks both against
 * the database).
 */

/** How long a confirmation link works after it was sent: two days, in ms (a weekend away from the inbox). */
export const CONFIRMATION_TTL_MS = 48 * 60 * 60 * 1000;

export interface ConfirmationClaim {
  subscriberId: number;
  /** When the confirmation email was sent, in whole seconds since the epoch. */
  requestedAt: number;
}

function mac(key: SigningKey, claim: ConfirmationClaim): Buffer {
  return createHmac('sha256', key.secret).update(`confirm\n${key.id}\n${claim.subscriberId}\n${claim.requestedAt}`).digest();
}

/** The token of one confirmation request, signed with the first key. */
export function signConfirmation(claim: ConfirmationClaim, keys: readonly SigningKey[]): string {
  const key = keys[0];
  if (!key) throw new Error('signConfirmation: no signing key');
  return `${key.id}.${claim.subscriberId}.${claim.requestedAt}.${mac(key, claim).toString('base64url')}`;
}

const TOKEN = /^(k[0-9a-f]{8})\.([1-9][0-9]{0,15})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

export type ConfirmationCheck = { kind: 'valid'; claim: ConfirmationClaim } | { kind: 'expired'; claim: ConfirmationClaim } | { kind: 'invalid' };

/**
 * What a token is worth at `now`: valid, expired (genuine but older than
 * CONFIRMATION_TTL_MS), or invalid (malformed, unknown key, tampered; the
 * MAC compared in constant time).
 */
export function verifyConfirmation(token: string, keys: readonly SigningKey[], now: Date): ConfirmationCheck {
  const match = TOKEN.exec(token);
  if (!match) return { kind: 'invalid' };
  const [, id, subscriber, requested, signature] = match as unknown as [string, string, string, string, string];
  const key = keys.find((candidate) => candidate.id === id);
  if (!key) return { kind: 'invalid' };
  const claim = { subscriberId: Number(subscriber), requestedAt: Number(requested) };
  // The encoded MACs are compared, not the decoded bytes: the last base64url
  // character has unused bits, and a token differing only there must not verify.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(key, claim).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'invalid' };
  return now.getTime() - claim.requestedAt * 1000 > CONFIRMATION_TTL_MS ? { kind: 'expired', claim } : { kind: 'valid', claim };
}
