import { randomBytes } from 'node:crypto';
import { PaperboyError } from '../errors.js';
import type { Store } from '../store/database.js';
import { signingKeys, type SigningKey } from './unsubscribe-token.js';

export interface UnsubscribeKeys {
  keys: SigningKey[];
  /** True when the keys are the stored development secret (outbox only). */
  development: boolean;
}

const DEVELOPMENT_SECRET = 'development_secret';

/**
 * The keys that sign unsubscribe tokens: PAPERBOY_SECRET from the
 * environment (never the config file). Without it, only a development
 * setting (`allowDevelopment`: sending to the outbox, the local server) gets
 * a secret generated once and kept in the database, so links in the outbox
 * still verify; real mail refuses to go out (SECRET_MISSING, exit 2), since
 * links signed with a secret stored next to the data protect nothing.
 */
export function unsubscribeKeys(env: NodeJS.ProcessEnv, db: Store, options: { allowDevelopment: boolean }): UnsubscribeKeys {
  const value = env.PAPERBOY_SECRET;
  if (value !== undefined && value.trim() !== '') return { keys: signingKeys(value), development: false };
  if (!options.allowDevelopment) {
    throw new PaperboyError('SECRET_MISSING', 'Missing PAPERBOY_SECRET in the environment: it signs the unsubscribe link of every message', {
      hint: 'Set it to a long random string kept out of the repository, e.g. `export PAPERBOY_SECRET="$(openssl rand -base64 32)"`, and keep it: changing it breaks the links already sent (list the old one after the new one to rotate).',
    });
  }
  db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)').run(DEVELOPMENT_SECRET, randomBytes(32).toString('base64url'));
  const stored = (db.prepare('SELECT value FROM settings WHERE name = ?').get(DEVELOPMENT_SECRET) as { value: string }).value;
  return { keys: signingKeys(stored), development: true };
}
