import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/database.js';
import { unsubscribeKeys } from '../../src/subscribers/secret.js';
import type { SigningKey } from '../../src/subscribers/unsubscribe-token.js';

/**
 * The keys `secret` gives for the list of a subscriber database (a `Store`,
 * or the `.paperboy` folder of a newsletter root), as `send`, `serve` and
 * `unsubscribe-from` take them: tokens they sign are that list's.
 */
export function listKeys(where: Store | string, secret: string): SigningKey[] {
  if (typeof where !== 'string') return unsubscribeKeys({ PAPERBOY_SECRET: secret }, where, { allowDevelopment: false }).keys;
  const db = openStore(join(where, '.paperboy'));
  try {
    return listKeys(db, secret);
  } finally {
    db.close();
  }
}
