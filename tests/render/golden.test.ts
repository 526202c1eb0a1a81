import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertSnapshot } from '../helpers/snapshot.js';
import { REPO_ROOT, renderAll } from '../helpers/render.js';

/**
 * The emails of sample issue 3 (cross-references, footnotes in the body and
 * in a paper, prerequisites, a table, "Summarized by", "H/T"), as the
 * placeholder recipient gets them. Refresh with `UPDATE=1` after a change to
 * the templates or the sample, and review the diff by eye.
 */
const FIXTURE = fileURLToPath(new URL('fixtures/issue-3/', import.meta.url));

for (const [name, format] of [
  ['email.html', 'html'],
  ['email.txt', 'text'],
] as const) {
  test(`golden: sample issue 3 ${name}`, async () => {
    const output = (await renderAll(REPO_ROOT, '3'))[format];
    const path = join(FIXTURE, name);
    assertSnapshot(path, output);
  });
}
