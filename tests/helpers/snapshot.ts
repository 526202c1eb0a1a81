import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Compares `output` with the reviewed snapshot file at `path`. `UPDATE=1`
 * rewrites the file (review the diff before committing); without it a
 * missing snapshot fails, so a deleted or renamed fixture cannot pass by
 * quietly writing itself, in CI least of all.
 */
export function assertSnapshot(path: string, output: string): void {
  if (process.env.UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, output);
  }
  assert.ok(existsSync(path), `${path} is missing; run with UPDATE=1, review it and commit it`);
  assert.equal(output, readFileSync(path, 'utf8'), `${path} differs; run with UPDATE=1 and review the diff`);
}
