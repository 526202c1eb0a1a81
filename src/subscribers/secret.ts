import { randomBytes } from 'node:crypto';
import { PaperboyError } from '../errors.js';
import type { Store } from '../store/database.js';
import { scopedKeys, signingKeys, type SigningKey, type TokenScope } from './unsubscribe-token.js';

export interface UnsubscribeKeys {
  keys: SigningKey[];
  /** True when the keys are the stored development secret (outbox only). */
  development: boolean;
}

const DEVELOPMENT_SECRET = 'development_secret';
/** The settings naming this database's list in its tokens (unsubscribe-token.ts `TokenScope`); the second set by the migration for a database that had sent links of the old form. */
const TOKEN_LIST = 'unsubscribe_token_list';
const LEGACY_TOKENS = 'legacy_unsubscribe_tokens';
/** When this database first signed confirmation links for its list, in seconds since the epoch (`TokenScope.scopedSince`). */
const CONFIRMATIONS_SCOPED_SINCE = 'confirmation_tokens_scoped_since';

/**
 * The keys that sign unsubscribe tokens: PAPERBOY_SECRET from the
 * environment (never the config file). Without it, only a development
 * setting (`allowDevelopment`: sending to the outbox, the local server) gets
 * a secret generated once and kept in the database, so links in the outbox
 * still verify; real mail refuses to go out (SECRET_MISSING, exit 2), since
 * links signed with a secret stored next to the data protect nothing.
 * The keys sign for this database's list (`tokenScope`).
 */
export function unsubscribeKeys(env: NodeJS.ProcessEnv, db: Store, options: { allowDevelopment: boolean }): UnsubscribeKeys {
  if (keysSource(env, options) === 'environment') return { keys: scopedKeys(signingKeys(env.PAPERBOY_SECRET!), tokenScope(db)), development: false };
  db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)').run(DEVELOPMENT_SECRET, randomBytes(32).toString('base64url'));
  const stored = (db.prepare('SELECT value FROM settings WHERE name = ?').get(DEVELOPMENT_SECRET) as { value: string }).value;
  return { keys: scopedKeys(signingKeys(stored), tokenScope(db)), development: true };
}

/**
 * Where `unsubscribeKeys` would take the keys from, found without reading
 * or writing the database (what a dry run says: it writes nothing, and the
 * keys' list id and development secret are written at their first use):
 * PAPERBOY_SECRET, or the development secret. Throws SECRET_MISSING (exit
 * 2) as `unsubscribeKeys` does.
 */
export function keysSource(env: NodeJS.ProcessEnv, options: { allowDevelopment: boolean }): 'environment' | 'development' {
  const value = env.PAPERBOY_SECRET;
  if (value !== undefined && value.trim() !== '') return 'environment';
  if (!options.allowDevelopment) {
    throw new PaperboyError('SECRET_MISSING', 'Missing PAPERBOY_SECRET in the environment: it signs the unsubscribe link of every message', {
      hint: 'Set it to a long random string kept out of the repository, e.g. `export PAPERBOY_SECRET="$(openssl rand -base64 32)"`, and keep it: changing it breaks the links already sent (list the old one after the new one to rotate).',
    });
  }
  return 'development';
}

/**
 * The list this database's tokens are for: its random id, made at its first
 * use, whether it sent unsubscribe tokens of the old form, and since when
 * it signs confirmation links for its list (set at the first use too).
 */
function tokenScope(db: Store): TokenScope {
  const setting = (name: string, value: string) => {
    db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)').run(name, value);
    return (db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as { value: string }).value;
  };
  const list = setting(TOKEN_LIST, randomBytes(16).toString('base64url'));
  const scopedSince = Number(setting(CONFIRMATIONS_SCOPED_SINCE, String(Math.floor(Date.now() / 1000))));
  return { list, legacy: db.prepare('SELECT 1 FROM settings WHERE name = ?').get(LEGACY_TOKENS) !== undefined, scopedSince };
}
