import type { KnownHash } from '../issue/known-hashes.js';
import type { CacheSnapshot } from './cache.js';

/**
 * What one process remembers between lints: the hash of each file it read,
 * and the lint cache as it last read or wrote it. A one-shot command lints
 * once with a fresh session (the default); a long-running process
 * (`preview --watch`, `serve --dev`) keeps one and lints after every save
 * re-reading only what changed, and starts a new session to forget it all
 * (another process rewrote the files under it, the config changed).
 * Nothing in it outlives the session but what the lint cache and the
 * stored file hashes (issue/known-hashes.ts) keep: no state at module level.
 */
export class LintSession {
  /** Per issue path: see `KnownHash`; a file saved within the last seconds is never remembered (issue/known-hashes.ts). */
  readonly fileHashes = new Map<string, KnownHash>();
  /** Whether the stored file hashes were read into `fileHashes` (once a session), and whether `fileHashes` changed since they were last stored. */
  readonly storedHashes = { read: false, changed: false };
  /** Per cache file: the entries last read or written, and the file's identity then. */
  readonly cacheSnapshots = new Map<string, CacheSnapshot>();
}
