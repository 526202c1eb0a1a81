import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { phrasebook } from '../../src/config/words.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';

/** A paper of `count` authors, "Member 0" to "Member <count − 1>", in cleanIssue's layout. */
function paperOf(count: number): string {
  const authors = Array.from({ length: count }, (_, i) => `Member ${i}`);
  return `  - title: A big collaboration
    url: https://arxiv.org/abs/2301.00001
    arxiv: "2301.00001"
    authors: [${authors.join(', ')}]
    year: 2023
    summary: |
      A report.
`;
}

/** The papers page's row of the big collaboration's authors, after a build of a newsletter of `configYaml` with a paper of `count` authors. */
async function rowOf(count: number, configYaml: string): Promise<string> {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, papers: paperOf(count) }) }, configYaml);
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const page = readFileSync(join(root, 'dist', 'papers', 'index.html'), 'utf8');
  return /<td>Member 0, [^]*?<\/td>/.exec(page)![0];
}

test('a row\'s "and N more authors" is said in the newsletter\'s words and joined in its language: "und 15 weitere Autoren"', async () => {
  const row = await rowOf(25, `${CONFIG_YAML}language: de\nwords:\n  moreAuthorsOne: "{count} weiterer Autor"\n  moreAuthorsOther: "{count} weitere Autoren"\n`);
  assert.match(row, /Member 8, Member 9 und <a href="[^"]+">15 weitere Autoren<\/a><\/td>$/);
});

test('a row\'s more authors take the plural form their language gives the count: Russian says 21 with the `one` form', async () => {
  const row = await rowOf(31, `${CONFIG_YAML}language: ru\nwords:\n  moreAuthorsOne: "ещё {count} автор"\n  moreAuthorsOther: "ещё {count} авторов"\n`);
  assert.match(row, /Member 9 и <a href="[^"]+">ещё 21 автор<\/a><\/td>$/);
});

test('a row\'s more authors in English, and in a German newsletter that leaves them English, as they always were', async () => {
  assert.match(await rowOf(25, CONFIG_YAML), /Member 9 and <a href="[^"]+">15 more authors<\/a><\/td>$/);
  assert.match(await rowOf(25, `${CONFIG_YAML}language: de\n`), /Member 9 und <a href="[^"]+">15 more authors<\/a><\/td>$/);
});

test('the count of more authors is grouped as the language of its words writes numbers: "2.990" in German, "2,990" in English, whatever the newsletter\'s language', () => {
  const german = { moreAuthorsOne: '{count} weiterer Autor', moreAuthorsOther: '{count} weitere Autoren' };
  assert.equal(phrasebook(german, 'de').counted('moreAuthors', 2990, { grouped: true }), '2.990 weitere Autoren');
  assert.equal(phrasebook(undefined, 'en').counted('moreAuthors', 2990, { grouped: true }), '2,990 more authors');
  assert.equal(phrasebook(undefined, 'de').counted('moreAuthors', 2990, { grouped: true }), '2,990 more authors');
  assert.equal(phrasebook({ opinion: 'Meinung' }, 'de').counted('moreAuthors', 2990, { grouped: true }), '2,990 more authors');
  // Without `grouped`, a count is its digits, as every other count of the pages has been.
  assert.equal(phrasebook(german, 'de').counted('paperCount', 2990), '2990 papers');
});
