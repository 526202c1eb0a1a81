import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeEmailFiles } from '../../src/preview/email-files.js';
import { decodeEntities, flat, parseEml, REPO_ROOT, renderAll, sampleNumbers } from '../helpers/render.js';

/**
 * A paper's `notes` are for the editor and the reviewers only (SPEC): every
 * subscriber output of every sample issue is searched for each of them.
 */
const numbers = await sampleNumbers();

/**
 * The longest run of each note free of Markdown syntax (so it reads the same
 * in every output), whitespace-collapsed: unmistakably that note.
 */
function noteProbes(notes: string[]): string[] {
  return notes.map((note) => {
    const runs = flat(note).split(/[*_`[\]()<>#|!&"']/).map((run) => run.trim());
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
    assert.ok(longest.length >= 20, `a note too short to search for: ${note}`);
    return longest.slice(0, 60);
  });
}

test('private notes: the sample issues have notes to look for', async () => {
  let notes = 0;
  for (const number of numbers) notes += (await renderAll(REPO_ROOT, String(number))).parsed.issue!.papers.filter((paper) => paper.notes).length;
  assert.ok(notes >= 3, `${notes} notes in the samples`);
});

for (const number of numbers) {
  test(`private notes: issue ${number}, absent from every subscriber output, present in the review proof`, async () => {
    const { html, text, eml, parsed, workspace } = await renderAll(REPO_ROOT, String(number));
    const probes = noteProbes(parsed.issue!.papers.flatMap((paper) => (paper.notes ? [paper.notes.text] : [])));
    const mail = await parseEml(eml);
    const out = mkdtempSync(join(tmpdir(), 'paperboy-notes-'));
    const file = await workspace.findOrAdd(String(number), REPO_ROOT);
    const written = (await writeEmailFiles(workspace, file, out)).map((path) => readFileSync(path, 'utf8'));
    const outputs = { html, text, 'eml html': String(mail.html), 'eml text': mail.text ?? '', ...Object.fromEntries(written.map((content, i) => [`file ${i}`, content])) };
    for (const probe of probes) {
      for (const [name, output] of Object.entries(outputs)) {
        assert.ok(!flat(output).includes(probe), `the ${name} of issue ${number} holds the note "${probe}"`);
      }
    }

    const proof = await renderAll(REPO_ROOT, String(number), { review: { warnings: [] } });
    for (const probe of probes) {
      assert.ok(flat(proof.text).includes(probe), `the review plaintext lacks "${probe}"`);
      assert.ok(flat(decodeEntities(proof.html)).includes(probe), `the review HTML lacks "${probe}"`);
    }
  });
}
