import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordFacts } from '../../src/archive/issue-output.js';
import { buildPaperDatabase, paperAuthors, papersByYear } from '../../src/archive/paper-database.js';
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

test('spellings that differ only in how an accent is encoded count as one: the tag and the author are named as most papers spell them, composed', () => {
  const composed = 'José García';
  const decomposed = composed.normalize('NFD');
  const database = buildPaperDatabase([{ papers: [record(1, 1, ['café'], [composed]), record(2, 1, ['café'.normalize('NFD')], [decomposed]), record(3, 1, ['Cafe'], ['Jose Garcia'])] }]);
  assert.deepEqual(
    database.authors.map(({ name, spellings }) => [name, spellings]),
    [[composed, [composed, decomposed, 'Jose Garcia'].sort((a, b) => a.localeCompare(b, 'en') || (a < b ? -1 : 1))]],
  );
  assert.deepEqual(database.tags.map(({ name }) => name), ['café']);
  assert.deepEqual(database.papers.map((paper) => paper.tags), [['café'], ['café'], ['café']]);
  // Every paper's authors and tags, however encoded, still lead to their page.
  const { name: onlyDecomposed, spellings } = buildPaperDatabase([{ papers: [record(1, 1, [], [decomposed])] }]).authors[0]!;
  assert.equal(onlyDecomposed, composed);
  assert.ok(spellings.includes(composed) && spellings.includes(decomposed));
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

test("a paper covered again without its authors, year, venue or section keeps an earlier issue's: each paper field, and the section it is listed under, is the newest issue's that gives it; each summary's fields stay its own", () => {
  const first = recordFacts(1, { title: 'Paper A', authors: ['Ann Lee', 'Bo Chen'], year: 2022, venue: 'NeurIPS', section: ['Evals'], summarizer: 'Rohin' });
  const middle = recordFacts(1, { title: 'Paper A, corrected', authors: [], year: undefined, venue: 'ICML', issue: { number: 2, date: '2023-02-06', title: 'Two' } });
  const newest = recordFacts(1, { title: 'Paper A revisited', authors: [], year: undefined, venue: undefined, arxiv: undefined, section: [], issue: { number: 3, date: '2023-03-06', title: 'Three' } });
  const [paper] = buildPaperDatabase([{ papers: [first] }, { papers: [middle] }, { papers: [newest] }]).papers;
  const { title, authors, year, venue, arxiv, url, section, summarizer, issue } = paper!.latest;
  assert.deepEqual({ title, authors, year, venue, arxiv, url }, { title: 'Paper A revisited', authors: ['Ann Lee', 'Bo Chen'], year: 2022, venue: 'ICML', arxiv: '2301.00001', url: first.url });
  assert.deepEqual({ section, summarizer, issue: issue.number }, { section: ['Evals'], summarizer: undefined, issue: 3 });
  // Each summary keeps what its issue wrote.
  assert.deepEqual(paper!.coverage.map((record) => record.venue), ['NeurIPS', 'ICML', undefined]);
  assert.deepEqual(paper!.coverage.map((record) => record.section), [['Evals'], [], []]);
  assert.deepEqual(papersByYear([paper!]).map(([year]) => year), ['2022']);
});

test('an author written "Last, First" and the same author written "First Last" are one author, at the "First Last" folder, shown as most papers write the name', () => {
  const database = buildPaperDatabase([
    { papers: [record(1, 1, [], ['Dong, Yihe', 'Loukas, Andreas'])] },
    { papers: [record(2, 2, [], ['Yihe Dong', 'Andreas Loukas']), record(3, 2, [], ['Yihe Dong'])] },
  ]);
  assert.deepEqual(
    database.authors.map(({ name, spellings, slug, papers }) => [name, spellings, slug, papers.length]),
    [
      ['Andreas Loukas', ['Andreas Loukas', 'Loukas, Andreas'], 'andreas-loukas', 2],
      ['Yihe Dong', ['Dong, Yihe', 'Yihe Dong'], 'yihe-dong', 3],
    ],
  );
  // A name with two commas ("Last, Jr, First") is no "Last, First": kept apart.
  const suffixed = buildPaperDatabase([{ papers: [record(1, 1, [], ['King, Jr, Martin', 'Martin King'])] }]);
  assert.equal(suffixed.authors.length, 2);
});

test('"et al.", "et al", "and others" or "others" among the authors is no author: no author page, no author filter entry', () => {
  const database = buildPaperDatabase([{ papers: [record(1, 1, [], ['Leo Gao', 'Stella Biderman', 'et al.']), record(2, 1, [], ['Ann Lee', 'and others']), record(3, 1, [], ['Bo Chen', 'Et al', 'Others'])] }]);
  assert.deepEqual(
    database.authors.map((author) => author.name),
    ['Ann Lee', 'Bo Chen', 'Leo Gao', 'Stella Biderman'],
  );
  assert.deepEqual(paperAuthors(database.papers.find((paper) => paper.id === 'arxiv:2301.00001')!), ['Leo Gao', 'Stella Biderman']);
  // The paper keeps its list as written.
  assert.deepEqual(database.papers.find((paper) => paper.id === 'arxiv:2301.00001')!.latest.authors, ['Leo Gao', 'Stella Biderman', 'et al.']);
});

test('an author written "First Last, Jr." is the author "First Last Jr.", one page, the suffix never read as a first name', () => {
  const database = buildPaperDatabase([{ papers: [record(1, 1, [], ['Sammy Davis, Jr.', 'Robert L. Logan IV'])] }, { papers: [record(2, 2, [], ['Sammy Davis Jr.'])] }]);
  assert.deepEqual(
    database.authors.map(({ spellings, slug, papers }) => [spellings, slug.replace(/-[0-9a-f]{6}$/, ''), papers.length]),
    [
      [['Robert L. Logan IV'], 'robert-l-logan-iv', 1],
      [['Sammy Davis Jr.', 'Sammy Davis, Jr.'], 'sammy-davis-jr', 2],
    ],
  );
});
