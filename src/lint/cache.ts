import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../config/load.js';
import { hashBytes } from '../issue/source.js';
import { VERSION } from '../version.js';
import type { FileOutcome } from './lint-file.js';

/**
 * The lint cache, after ESLint's `--cache`: per file, its messages and facts,
 * keyed by the file's hash. The whole cache is keyed by paperboy's version and
 * every setting a rule reads, so a changed config or upgrade starts afresh.
 * A cache that cannot be read or does not have the expected shape is
 * discarded, never trusted.
 */
interface CacheContents {
  version: 1;
  key: string;
  files: Record<string, FileOutcome>;
}

export class LintCache {
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly key: string,
    private readonly files: Record<string, FileOutcome>,
  ) {}

  /** A cache that stores nothing (`--no-cache`). */
  static disabled(): LintCache {
    return new LintCache(undefined, '', {});
  }

  static async open(config: Config, extraKey = ''): Promise<LintCache> {
    const file = join(config.dataDir, 'cache', 'lint.json');
    const key = hashBytes(JSON.stringify([VERSION, config.lint, config.sections ?? null, config.baseUrl, extraKey]));
    const stored = await readFile(file, 'utf8').then(parseCache, () => undefined);
    return new LintCache(file, key, stored && stored.key === key ? stored.files : {});
  }

  get(path: string, hash: string): FileOutcome | undefined {
    const entry = this.files[path];
    return entry && entry.hash === hash ? entry : undefined;
  }

  set(outcome: FileOutcome): void {
    if (!this.file) return;
    this.files[outcome.path] = outcome;
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.file || !this.changed) return;
    const contents: CacheContents = { version: 1, key: this.key, files: this.files };
    await mkdir(dirname(this.file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a half cache.
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(contents));
    await rename(temporary, this.file);
  }
}

function parseCache(text: string): CacheContents | undefined {
  try {
    const data = JSON.parse(text) as Partial<CacheContents>;
    if (data.version !== 1 || typeof data.key !== 'string' || !data.files || typeof data.files !== 'object') return undefined;
    for (const entry of Object.values(data.files)) {
      if (!isOutcome(entry)) return undefined;
    }
    return data as CacheContents;
  } catch {
    return undefined;
  }
}

function isOutcome(value: unknown): value is FileOutcome {
  const entry = value as Partial<FileOutcome> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.path === 'string' &&
    typeof entry.hash === 'string' &&
    Array.isArray(entry.messages) &&
    typeof entry.facts === 'object' &&
    entry.facts !== null &&
    Array.isArray(entry.facts.papers) &&
    Array.isArray(entry.facts.references)
  );
}
