import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertSnapshot } from '../../helpers/snapshot.js';
import { PLAIN, previewSample } from './fixture.js';

/**
 * The terminal preview of the newest sample issue (highlights, nested
 * sections, a table, a footnote, cross-references, private notes, "H/T",
 * "Summarized by"), without colour, at three widths. Refresh with `UPDATE=1`
 * after a change to the renderer or the sample, and read the diff.
 */
const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));

for (const width of [40, 80, 120]) {
  test(`terminal preview snapshot: newest sample issue at ${width} columns`, async () => {
    const output = `${await previewSample({ ...PLAIN, width })}\n`;
    const path = join(FIXTURES, `issue-5-width-${width}.txt`);
    assertSnapshot(path, output);
  });
}
