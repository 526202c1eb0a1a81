import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBytes } from '../issue/source.js';
import type { IssueOutput } from './issue-output.js';

/**
 * Each published issue's rendering (`IssueOutput`) on disk under
 * `<dataDir>/cache/build/`, one file per issue file, with the hash of every
 * input it was rendered from (`IssueKey`). A build renders only the issues
 * whose key changed; everything else reads the stored output. A store that
 * cannot be read is a miss, never an error.
 */
export class BuildCache {
  private constructor(private readonly dir: string | undefined) {}

  static inDataDir(dataDir: string): BuildCache {
    return new BuildCache(join(dataDir, 'cache', 'build'));
  }

  /** A cache that never stores (`--no-cache`, a clean build). */
  static disabled(): BuildCache {
    return new BuildCache(undefined);
  }

  get(path: string, key: string): IssueOutput | undefined {
    if (!this.dir) return undefined;
    try {
      const stored = JSON.parse(readFileSync(this.file(path), 'utf8')) as { key?: string; output?: IssueOutput };
      return stored.key === key ? stored.output : undefined;
    } catch {
      return undefined;
    }
  }

  set(path: string, key: string, output: IssueOutput): void {
    if (!this.dir) return;
    mkdirSync(this.dir, { recursive: true });
    const file = this.file(path);
    const temporary = `${file}.${process.pid}.tmp`;
    // undefined becomes null: a stored view keeps every key, as the templates' strict mode needs.
    writeFileSync(temporary, JSON.stringify({ key, output }, (_key, value: unknown) => (value === undefined ? null : value)));
    renameSync(temporary, file);
  }

  private file(path: string): string {
    return join(this.dir!, `${hashBytes(path).slice(0, 24)}.json`);
  }
}
