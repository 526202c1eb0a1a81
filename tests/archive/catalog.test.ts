import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { buildSite } from '../../src/archive/build.js';
import { CATALOG_PARTS, catalogEntry } from '../../src/archive/catalog.js';
import { joinParts } from '../../src/archive/data-files.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { publishedPapers } from '../../src/archive/published.js';
import { loadConfig } from '../../src/config/load.js';
import { editIssue } from './corpus-files.js';

/** What the papers page finds in `self.paperboyCatalog` after loading `script`. */
function catalogOf(script: string): unknown {
  const self: { paperboyCatalog?: unknown } = {};
  runInNewContext(script, { self });
  return self.paperboyCatalog;
}

test('the catalog joined from its parts is the script of the whole list, as JSON.stringify writes it, empty or not', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-catalog-'));
  await writeCorpus(root, { issues: 3, seed: 4 });
  const { database } = await publishedPapers(await loadConfig(root), { cache: false });
  const entries = database.papers.map((paper) => catalogEntry(paper));
  const whole = `self.paperboyCatalog = ${JSON.stringify(entries.map((entry) => JSON.parse(entry) as unknown))};\n`;
  assert.equal(joinParts(CATALOG_PARTS, entries), whole);
  assert.equal((catalogOf(whole) as unknown[]).length, database.papers.length);
  assert.equal(joinParts(CATALOG_PARTS, []), `self.paperboyCatalog = ${JSON.stringify(buildPaperDatabase([]).papers)};\n`);
  assert.equal((catalogOf(joinParts(CATALOG_PARTS, [])) as unknown[]).length, 0);
});

test("after one summary is reworded, the other papers' catalog entries are copied from the previous file, not made again", async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-catalog-'));
  await writeCorpus(root, { issues: 4, seed: 9 });
  const build = async () => buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: true });
  await build();
  const catalog = join(root, 'dist', 'papers', 'catalog.js');
  const before = catalogOf(readFileSync(catalog, 'utf8')) as { title: string; issue: number; excerpt: string }[];
  const untouched = before.find((entry) => entry.issue === 1)!;
  // A mark no build makes, of the same length: still there after the rebuild only if the entry's bytes were copied.
  const marked = `${untouched.title.slice(0, -1)}#`;
  writeFileSync(catalog, readFileSync(catalog, 'utf8').replace(JSON.stringify(untouched.title), JSON.stringify(marked)));
  editIssue(root, 3, / {4}summary: \|\n {6}/, '$&Reworded first. ');
  await build();
  const after = catalogOf(readFileSync(catalog, 'utf8')) as typeof before;
  assert.ok(after.some((entry) => entry.title === marked), "an untouched paper's entry is the previous file's bytes");
  assert.ok(after.some((entry) => entry.issue === 3 && entry.excerpt.startsWith('Reworded first.')), "the reworded paper's entry is made anew");
  assert.equal(after.length, before.length);
});
