import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordFacts } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { recordFacts } from './fixture.js';

/** A record of paper `n` in issue `issue` with `tags` and `authors`. */
function record(n: number, issue: number, tags: string[], authors: string[] = ['Ada Lovelace']): RecordFacts {
  return recordFacts(n, { url: undefined, arxiv: undefined, tags, authors, issue: { number: issue, date: '2023-01-02', title: `Issue ${issue}` } });
}

const slugs = (facets: { name: string; slug: string }[]) => Object.fromEntries(facets.map((facet) => [facet.name, facet.slug]));

test('tags that differ only in case, accents or spacing are one tag, named as most papers spell it, on every paper that has it', () => {
  const database = buildPaperDatabase([{ papers: [record(1, 1, ['emergence']), record(2, 1, ['Emergence']), record(3, 1, ['emergence', 'EMERGENCE']), record(4, 1, ['Scaling  laws']), record(5, 1, ['scaling laws']), record(6, 1, ['scaling laws'])] }]);
  assert.deepEqual(
    database.tags.map(({ name, spellings, papers }) => [name, spellings, papers.length]),
    [
      ['emergence', ['emergence', 'Emergence', 'EMERGENCE'], 3],
      ['scaling laws', ['Scaling  laws', 'scaling laws'], 3],
    ],
  );
  assert.deepEqual(
    database.papers.map((paper) => paper.tags),
    [['emergence'], ['emergence'], ['emergence'], ['scaling laws'], ['scaling laws'], ['scaling laws']],
  );
});

test("a tag's or an author's folder depends on its own name alone: tags and authors added later never move it", () => {
  const before = buildPaperDatabase([{ papers: [record(1, 1, ['c++'], ['José Núñez'])] }]);
  const after = buildPaperDatabase([{ papers: [record(1, 1, ['c++'], ['José Núñez'])] }, { papers: [record(2, 2, ['c', 'c#'], ['Jose Nunez', 'Josefa Nunez'])] }]);
  assert.equal(slugs(before.tags)['c++'], slugs(after.tags)['c++']);
  assert.match(slugs(after.tags)['c++']!, /^c-[0-9a-f]{6}$/);
  assert.equal(slugs(after.tags)['c'], 'c');
  assert.notEqual(slugs(after.tags)['c#'], slugs(after.tags)['c++']);
  // The same name with and without its accents is one author, at the folder of its plain spelling.
  assert.deepEqual(after.authors.map(({ name, spellings, slug, papers }) => [name, spellings, slug, papers.length]), [
    ['Jose Nunez', ['Jose Nunez', 'José Núñez'], 'jose-nunez', 2],
    ['Josefa Nunez', ['Josefa Nunez'], 'josefa-nunez', 1],
  ]);
});

test("a tag or an author written with hyphens for spaces (or spaces for hyphens) added later never takes the first one's folder", () => {
  const first = buildPaperDatabase([{ papers: [record(1, 1, ['scaling-laws', 'model organisms'], ['Jean-Luc Picard', 'Rylan Schaeffer'])] }]);
  const later = buildPaperDatabase([
    { papers: [record(1, 1, ['scaling-laws', 'model organisms'], ['Jean-Luc Picard', 'Rylan Schaeffer'])] },
    { papers: [record(2, 2, ['scaling laws', 'model-organisms'], ['Jean Luc Picard', 'Rylan-Schaeffer'])] },
  ]);
  for (const kind of ['tags', 'authors'] as const) {
    for (const [name, slug] of Object.entries(slugs(first[kind]))) assert.equal(slugs(later[kind])[name], slug, `${kind}: ${name}`);
    assert.equal(new Set(Object.values(slugs(later[kind]))).size, 4, `${kind}: four folders`);
  }
  // Each kind's usual spelling keeps the plain folder; the other gets a short hash of its name.
  assert.equal(slugs(later.tags)['scaling-laws'], 'scaling-laws');
  assert.match(slugs(later.tags)['scaling laws']!, /^scaling-laws-[0-9a-f]{6}$/);
  assert.equal(slugs(later.authors)['Jean Luc Picard'], 'jean-luc-picard');
  assert.match(slugs(later.authors)['Jean-Luc Picard']!, /^jean-luc-picard-[0-9a-f]{6}$/);
});

test('names in scripts without Latin letters each have their own folder, the same alone as among others', () => {
  const names = ['محمد علي', '王小明', 'Иван Петров'];
  const together = slugs(buildPaperDatabase([{ papers: [record(1, 1, [], names)] }]).authors);
  assert.equal(new Set(Object.values(together)).size, 3);
  for (const name of names) assert.equal(slugs(buildPaperDatabase([{ papers: [record(1, 1, [], [name])] }]).authors)[name], together[name], name);
  for (const slug of Object.values(together)) assert.match(slug, /^[a-z0-9-]+$/);
});

test('an author or tag folder keeps every letter, transliterated to ASCII, beside the hash that keeps it apart from the plain spelling', () => {
  const database = buildPaperDatabase([{ papers: [record(1, 1, ['ĸ-model'], ['Иван Петров', '山田 太郎', 'Ivan Petrov'])] }]);
  const authors = slugs(database.authors);
  assert.match(authors['Иван Петров']!, /^ivan-petrov-[0-9a-f]{6}$/);
  assert.equal(authors['Ivan Petrov'], 'ivan-petrov');
  assert.match(authors['山田 太郎']!, /^shantian-tailang-[0-9a-f]{6}$/);
  assert.match(slugs(database.tags)['ĸ-model']!, /^q-model-[0-9a-f]{6}$/);
});

test('names that differ in a letter NFKD leaves whole (ł, ø, ß, æ, þ…) are one author or tag, at the plain spelling\'s folder', () => {
  const database = buildPaperDatabase([
    { papers: [record(1, 1, ['Ærø', 'straße'], ['Łukasz Kaiser', 'Søren Kierkegaard', 'Þórður Đorđević'])] },
    { papers: [record(2, 2, ['aero', 'Strasse'], ['Lukasz Kaiser', 'Soren Kierkegaard', 'Thordur Dordevic'])] },
  ]);
  assert.deepEqual(
    database.authors.map(({ spellings, slug, papers }) => [spellings, slug, papers.length]),
    [
      [['Lukasz Kaiser', 'Łukasz Kaiser'], 'lukasz-kaiser', 2],
      [['Soren Kierkegaard', 'Søren Kierkegaard'], 'soren-kierkegaard', 2],
      [['Thordur Dordevic', 'Þórður Đorđević'], 'thordur-dordevic', 2],
    ],
  );
  assert.deepEqual(
    database.tags.map(({ spellings, slug, papers }) => [spellings, slug, papers.length]),
    [
      [['aero', 'Ærø'], 'aero', 2],
      [['Strasse', 'straße'], 'strasse', 2],
    ],
  );
});
