import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SigningKey } from './unsubscribe-token.js';

/**
 * Double opt-in tokens: `c<key id>.<subscriber id>.<requested at, s>.<HMAC-SHA256>`
 * in base64url, the MAC over the list too (`TokenScope`, as an unsubscribe
 * token's): two newsletters sharing PAPERBOY_SECRET number their
 * subscribers alike, and a link of one confirmed the other's subscriber of
 * the same number whose request bore the same second. Unlike unsubscribe
 * tokens they expire (a confirmation link found in a mailbox a month later
 * should not subscribe anyone), and they name the request they answer, so
 * only the newest link of an address works and a used link cannot be used
 * again (subscription.ts checks both against the database). The old form,
 * `k<key id>.…` with no list, is made by keys with no list and verifies on
 * a list only for a request from before it signed its own
 * (`TokenScope.scopedSince`: the links mailed before an upgrade).
 */

/** How long a confirmation link works after it was sent: two days, in ms (a weekend away from the inbox). */
export const CONFIRMATION_TTL_MS = 48 * 60 * 60 * 1000;

export interface ConfirmationClaim {
  subscriberId: number;
  /** When the confirmation email was sent, in whole seconds since the epoch. */
  requestedAt: number;
}

/** The MAC of a confirmation token: over the list when there is one (`c…` tokens), else without (`k…`, the old form). */
function mac(key: SigningKey, claim: ConfirmationClaim, list: string | undefined): Buffer {
  const listLine = list === undefined ? '' : `${list}\n`;
  return createHmac('sha256', key.secret).update(`confirm\n${key.id}\n${listLine}${claim.subscriberId}\n${claim.requestedAt}`).digest();
}

/** The token of one confirmation request, signed with the first key, for its list when it has one. */
export function signConfirmation(claim: ConfirmationClaim, keys: readonly SigningKey[]): string {
  const key = keys[0];
  if (!key) throw new Error('signConfirmation: no signing key');
  const list = key.scope?.list;
  const id = list === undefined ? key.id : `c${key.id.slice(1)}`;
  return `${id}.${claim.subscriberId}.${claim.requestedAt}.${mac(key, claim, list).toString('base64url')}`;
}

const TOKEN = /^([kc])([0-9a-f]{8})\.([1-9][0-9]{0,15})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

export type ConfirmationCheck = { kind: 'valid'; claim: ConfirmationClaim } | { kind: 'expired'; claim: ConfirmationClaim } | { kind: 'invalid' };

/**
 * What a token is worth at `now`: valid, expired (genuine but older than
 * CONFIRMATION_TTL_MS), or invalid (malformed, unknown key, tampered; the
 * MAC compared in constant time).
 */
export function verifyConfirmation(token: string, keys: readonly SigningKey[], now: Date): ConfirmationCheck {
  const match = TOKEN.exec(token);
  if (!match) return { kind: 'invalid' };
  const [, form, hex, subscriber, requested, signature] = match as unknown as [string, 'k' | 'c', string, string, string, string];
  const key = keys.find((candidate) => candidate.id === `k${hex}`);
  if (!key) return { kind: 'invalid' };
  const claim = { subscriberId: Number(subscriber), requestedAt: Number(requested) };
  const { scope } = key;
  // A list's own form needs a list; the old form, a request from before the list signed its own (or keys with no list).
  if (form === 'c' ? scope === undefined : scope !== undefined && !(scope.scopedSince !== undefined && claim.requestedAt < scope.scopedSince)) return { kind: 'invalid' };
  // The encoded MACs are compared, not the decoded bytes: the last base64url
  // character has unused bits, and a token differing only there must not verify.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(key, claim, form === 'c' ? scope!.list : undefined).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'invalid' };
  return now.getTime() - claim.requestedAt * 1000 > CONFIRMATION_TTL_MS ? { kind: 'expired', claim } : { kind: 'valid', claim };
}
