import { join } from 'node:path';
import type { Root } from 'mdast';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import { VERSION } from '../version.js';
import { withinLimits } from './limits.js';
import { parseMarkdown } from './markdown.js';
import type { MarkdownParser } from './parse.js';
import { sha256 } from '../sha256.js';

/**
 * mdast trees on disk, keyed by the hash of each Markdown text, so a text is
 * parsed by remark once and then read back as JSON (about a hundred times
 * faster) by every later run: renders, previews, builds.
 *
 * One store file per issue file (`<dataDir>/cache/trees/<hash of path>.json`)
 * holds the trees of that file's texts: rendering one issue reads one file,
 * and an edited issue finds the trees of its unchanged texts. A store that
 * cannot be read, whose bytes changed since it was written (cache-file.ts),
 * or written by another version, is ignored.
 */
interface Store {
  key: string;
  trees: Record<string, Root>;
}

/** Trees depend on paperboy's parser setup: a new version starts afresh. v2: every stored tree is within the limits. v3: a table cell's `\|` in math is a `|` (table-math.ts). v4: every stored tree is within the bound on delimiter runs (delimiter-runs.ts). */
const STORE_KEY = `trees-v4-${VERSION}`;

/** Only trees within the limits are parsed, stored and handed out (limits.ts). */
const parseWithinLimits = withinLimits(parseMarkdown);

export interface CachedParser {
  parse: MarkdownParser;
  /** Writes the store when a text was parsed anew, keeping only the trees this parse used. */
  save(): void;
}

export class TreeCache {
  constructor(private readonly dir: string | undefined) {}

  /** A cache that never stores: every text goes to remark. */
  static disabled(): TreeCache {
    return new TreeCache(undefined);
  }

  static inDataDir(dataDir: string): TreeCache {
    return new TreeCache(join(dataDir, 'cache', 'trees'));
  }

  parserFor(issuePath: string): CachedParser {
    if (!this.dir) return { parse: parseWithinLimits, save: () => undefined };
    const file = join(this.dir, `${sha256(issuePath).slice(0, 24)}.json`);
    const stored = readStore(file);
    const used: Record<string, Root> = {};
    let missed = false;
    return {
      parse(text) {
        const hash = sha256(text);
        const raw = isTree(stored[hash]) ? stored[hash] : undefined;
        // The stored trees are handed out as they are: trees are never mutated.
        const tree = raw ?? parseWithinLimits(text);
        if (!raw) missed = true;
        used[hash] = tree;
        return tree;
      },
      save() {
        if (!missed && Object.keys(used).length === Object.keys(stored).length) return;
        try {
          writeCacheFile(file, JSON.stringify({ key: STORE_KEY, trees: used } satisfies Store));
        } catch {
          // A dataDir that cannot be written (read-only, a file) only costs the next run the parse, as the other caches.
        }
      },
    };
  }
}

function isTree(value: unknown): value is Root {
  return typeof value === 'object' && value !== null && (value as Root).type === 'root' && Array.isArray((value as Root).children);
}

function readStore(file: string): Record<string, Root> {
  const store = readCacheJson(file) as Partial<Store> | null | undefined;
  return store?.key === STORE_KEY && store.trees && typeof store.trees === 'object' ? store.trees : {};
}
