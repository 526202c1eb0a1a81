import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from '../replace-file.js';
import { VERSION } from '../version.js';
import type { IssueFacts } from './facts.js';

/**
 * Each issue file's facts (`extractFacts` of a frontmatter-only parse) on
 * disk, keyed by the hash of the file's bytes: a build reads every issue's
 * facts, and parsing every frontmatter with `yaml` was most of the CPU of a
 * rebuild after one edit (2.2 s of 200 issues' on the bench machine,
 * measured with --cpu-prof). One file, `<dataDir>/cache/facts.json`, as
 * every build needs every entry. A store that cannot be read, or was
 * written by another version, is ignored; facts are plain JSON (the lint
 * cache stores them too).
 */
interface Store {
  key: string;
  entries: Record<string, { hash: string; facts: IssueFacts }>;
}

/** Facts depend on paperboy's parsing and paper ids (normalize-url): a new version starts afresh. */
const STORE_KEY = `facts-v2-${VERSION}`;

export class FactsCache {
  private readonly entries: Store['entries'];
  private changed = false;

  private constructor(private readonly file: string) {
    this.entries = readStore(file);
  }

  static inDataDir(dataDir: string): FactsCache {
    return new FactsCache(join(dataDir, 'cache', 'facts.json'));
  }

  /** The facts stored for `path` when its bytes hash to `hash`. */
  get(path: string, hash: string): IssueFacts | undefined {
    const entry = this.entries[path];
    return entry?.hash === hash ? entry.facts : undefined;
  }

  set(path: string, hash: string, facts: IssueFacts): void {
    this.entries[path] = { hash, facts };
    this.changed = true;
  }

  /** Writes the store if an entry changed, keeping only the `paths` still there (renamed or deleted files leave). */
  save(paths: readonly string[]): void {
    const kept = new Set(paths);
    const stale = Object.keys(this.entries).filter((path) => !kept.has(path));
    if (!this.changed && stale.length === 0) return;
    for (const path of stale) delete this.entries[path];
    try {
      replaceFile(this.file, JSON.stringify({ key: STORE_KEY, entries: this.entries } satisfies Store));
    } catch {
      // A cache that cannot be written only costs the next run a parse.
    }
  }
}

function readStore(file: string): Store['entries'] {
  try {
    const store = JSON.parse(readFileSync(file, 'utf8')) as Partial<Store>;
    return store.key === STORE_KEY && typeof store.entries === 'object' && store.entries !== null ? store.entries : {};
  } catch {
    return {};
  }
}
