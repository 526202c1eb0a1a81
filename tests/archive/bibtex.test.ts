import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { citationKeys, papersBib } from '../../src/archive/bibtex.js';
import type { RecordFacts } from '../../src/archive/issue-output.js';
import type { PaperEntry } from '../../src/archive/paper-database.js';
import { recordFacts } from './fixture.js';

/** A paper of one issue with the facts a BibTeX entry is made of. */
function paper(n: number, facts: Partial<RecordFacts>): PaperEntry<RecordFacts> {
  const record = recordFacts(n, {
    id: `url:https://example.com/${n}`,
    title: 'Emergent abilities',
    url: `https://example.com/${n}`,
    authors: [],
    arxiv: undefined,
    issue: { number: 1, date: '2023-01-15', title: 'Issue 1' },
    ...facts,
  });
  return { id: record.id, slug: `paper-${n}`, latest: record, tags: [], coverage: [record] };
}

test('a url in papers.bib is the URL verbatim, as a BibTeX parser reads it back; braces, backslashes and dollars percent-encoded', () => {
  const urls = {
    'https://example.com/a_b?x=1&y=%20#frag': 'https://example.com/a_b?x=1&y=%20#frag',
    'https://example.com/p?q={x}&r=~^$': 'https://example.com/p?q=%7Bx%7D&r=~^%24',
    'https://example.com/p?q=}#end\\': 'https://example.com/p?q=%7D#end%5C',
  };
  const library = parseBibtex(papersBib(Object.keys(urls).map((url, n) => paper(n, { url }))));
  assert.deepEqual(library.errors, []);
  assert.deepEqual(
    library.entries.map((entry) => entry.fields.url),
    Object.values(urls),
  );
});

test('the citation key is named after the first author\'s family name, written "First Last" or "Last, First", as BibTeX reads names', () => {
  const authors = ['Schaeffer, R.', 'Rylan Schaeffer', 'van der Berg, Jan', 'Ödön von Horváth', 'Garcia Marquez, Gabriel', 'Jean-Paul Sartre', 'Anthropic'];
  const papers = authors.map((name, n) => paper(n, { authors: [name] }));
  const keys = citationKeys(papers);
  assert.deepEqual(
    papers.map((entry) => keys.get(entry)),
    ['schaeffer2023emergent', 'schaeffer2023emergentb', 'berg2023emergent', 'horvath2023emergent', 'garciamarquez2023emergent', 'sartre2023emergent', 'anthropic2023emergent'],
  );
  // The name part is the family name a BibTeX parser reads from the entry's author field.
  for (const entry of parseBibtex(papersBib(papers, keys)).entries) {
    const family = entry.fields.author![0]!.lastName!.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
    assert.ok(entry.key.startsWith(`${family}2023`), `${entry.key} for ${family}`);
  }
});

test('a paper covered in a new issue never takes the citation key of one covered before: keys that meet get b, c… in order of first coverage', () => {
  const covered = (n: number, id: string, issue: number) => paper(n, { id, authors: ['Łukasz Kaiser'], year: 2020, title: 'The paper', issue: { number: issue, date: '2023-01-15', title: `Issue ${issue}` } });
  const before = [covered(1, 'url:example.com/p2', 1), covered(2, 'url:example.com/p3', 2)];
  const keysBefore = citationKeys(before);
  assert.deepEqual(before.map((entry) => keysBefore.get(entry)), ['kaiser2020paper', 'kaiser2020paperb']);
  // An arXiv id sorts before any URL, and `url:example.com/p0` before both: neither moves the keys given before.
  const after = [...before, covered(3, 'arxiv:2001.00001', 3), covered(1, 'url:example.com/p0', 3)];
  const keysAfter = citationKeys(after);
  assert.deepEqual(after.map((entry) => keysAfter.get(entry)), ['kaiser2020paper', 'kaiser2020paperb', 'kaiser2020paperd', 'kaiser2020paperc']);
});

test('the citation key transliterates letters accents alone cannot reduce and names in other scripts, never dropping them or falling back to anon', () => {
  const cases: [string, string, string][] = [
    ['Jan Łukasiewicz', 'Many-valued logic', 'lukasiewicz2023manyvalued'],
    ['Ødegaard, Kari', 'Emergent abilities', 'odegaard2023emergent'],
    ['Johann Straße', 'Emergent abilities', 'strasse2023emergent'],
    ['Иван Петров', 'Обучение с подкреплением', 'petrov2023obuchenie'],
    ['山田 太郎', '数学的推論', 'tailang2023shuxuedetuilun'],
    ['Ξενοφών Παπαδόπουλος', 'Emergent abilities', 'papadopoylos2023emergent'],
  ];
  const papers = cases.map(([author, title], n) => paper(n, { authors: [author], title }));
  const keys = citationKeys(papers);
  assert.deepEqual(
    papers.map((entry) => keys.get(entry)),
    cases.map(([, , key]) => key),
  );
  // Keys a BibTeX parser takes: ASCII letters and digits.
  const library = parseBibtex(papersBib(papers, keys));
  assert.deepEqual(library.errors, []);
  assert.deepEqual(
    library.entries.map((entry) => entry.key),
    cases.map(([, , key]) => key),
  );
});

test('an author whose name holds the word "and" is one author to a BibTeX parser (braced whole), and keyed by the whole name', () => {
  const entry = paper(1, { authors: ['Tom and Jerry Lab', 'Ada Lovelace', 'Research AND Development Group'] });
  const keys = citationKeys([entry]);
  assert.equal(keys.get(entry), 'tomandjerrylab2023emergent');
  const [parsed] = parseBibtex(papersBib([entry], keys)).entries;
  assert.deepEqual(
    parsed!.fields.author!.map((name) => name.name ?? name.lastName),
    ['Tom and Jerry Lab', 'Lovelace', 'Research AND Development Group'],
  );
  // "Anderson" and "Alexander" hold "and" within a word: names as before.
  const plain = paper(2, { authors: ['Ann Anderson', 'Alexander Grand'] });
  assert.match(papersBib([plain]), /author = \{Ann Anderson and Alexander Grand\}/);
});

test('an author list ending "et al." (or "et al", "and others", "others") ends the author field with `others`, which BibTeX styles print as "et al."', () => {
  for (const others of ['et al.', 'et al', 'and others', 'Others']) {
    const entry = paper(1, { authors: ['Leo Gao', 'Stella Biderman', others] });
    const bib = papersBib([entry]);
    assert.match(bib, /author = \{Leo Gao and Stella Biderman and others\}/, others);
    const [parsed] = parseBibtex(bib).entries;
    assert.deepEqual(parsed!.fields.author!.map((name) => name.lastName ?? name.name), ['Gao', 'Biderman', 'others'], others);
  }
});

/**
 * Whether every brace of `bib` pairs when each is counted, a backslash
 * before it or not, as BibTeX and btparse (biber's) find a field's end;
 * each entry ending at depth 0 on its own line.
 */
function bracesPairAsBibtexCounts(bib: string): boolean {
  return bib.split(/\n(?=@)/).every((entry) => {
    let depth = 0;
    for (const c of entry) {
      if (c === '{') depth++;
      else if (c === '}' && --depth < 0) return false;
    }
    return depth === 0;
  });
}

test('an unbalanced brace in a title, an author or a venue leaves every brace paired, as BibTeX counts them, and the entry after it whole', () => {
  const papers = [
    paper(1, { title: 'Paper with {unbalanced brace', authors: ['A {weird} name}', 'Ann Lee'], venue: 'Proc. of {X' }),
    paper(2, { title: '{Braces} and 50% of #things_ ~ ^ \\ $x$', authors: ['Martin Luther King Jr.'] }),
    paper(3, { title: 'Closing} first', authors: ['}{'] }),
  ];
  const bib = papersBib(papers);
  assert.ok(bracesPairAsBibtexCounts(bib), bib);
  const library = parseBibtex(bib);
  assert.deepEqual(library.errors, []);
  assert.deepEqual(
    library.entries.map((entry) => entry.fields.title),
    ['Paper with {unbalanced brace', '{Braces} and 50% of #things_ ~ ^ \\ $x$', 'Closing} first'],
  );
});

test('bibtex: a title with a backtick, "--", "---", "\'\'", ",,", "<", ">", "|" or a double quote is escaped so LaTeX prints it as written, and a BibTeX parser reads it back', () => {
  const titles = ['Use `code` here', 'Pages 1--2, and---so on', "It''s ,,quoted''", 'a <b> c << d >> e', 'a | b', 'Say "hi"', 'Why?` and !`', "Plain -x- and 'y' and a, b"];
  const entries = titles.map((title, n) => paper(n, { title }));
  const bib = papersBib(entries);
  for (const raw of ['`', '--', "''", ',,', '<', '>', '|', '"']) {
    const titleLines = bib.split('\n').filter((line) => line.includes('title ='));
    assert.ok(!titleLines.some((line) => line.includes(raw)), `${raw} written raw: ${titleLines.join('\n')}`);
  }
  assert.match(bib, /title = \{\{Use \\textasciigrave\{\}code\\textasciigrave\{\} here\}\}/);
  assert.match(bib, /title = \{\{Pages 1-\{\}-2, and-\{\}-\{\}-so on\}\}/);
  const library = parseBibtex(bib);
  assert.deepEqual(library.errors, []);
  // The parser reads \textasciigrave as U+02CB, the grave's spacing glyph; every other character as written.
  assert.deepEqual(
    library.entries.map((entry) => String(entry.fields.title).replaceAll('\u02cb', '`')),
    titles,
  );
});

test('bibtex: a name with a suffix ("Martin Luther King Jr.", "Sammy Davis, Jr.", "Henry Ford II") is written "King, Jr., Martin Luther", which a BibTeX parser reads with its family name, and keys the entry by it', () => {
  const entry = paper(1, { authors: ['Martin Luther King Jr.', 'Sammy Davis, Jr.', 'Henry Ford II', 'Ludwig van Beethoven Sr'] });
  const keys = citationKeys([entry]);
  assert.equal(keys.get(entry), 'king2023emergent');
  const library = parseBibtex(papersBib([entry], keys));
  assert.deepEqual(library.errors, []);
  assert.deepEqual(
    library.entries[0]!.fields.author!.map(({ firstName, prefix, lastName, suffix }) => ({ firstName, prefix, lastName, suffix })),
    [
      { firstName: 'Martin Luther', prefix: undefined, lastName: 'King', suffix: 'Jr.' },
      { firstName: 'Sammy', prefix: undefined, lastName: 'Davis', suffix: 'Jr.' },
      { firstName: 'Henry', prefix: undefined, lastName: 'Ford', suffix: 'II' },
      { firstName: 'Ludwig', prefix: 'van', lastName: 'Beethoven', suffix: 'Sr' },
    ],
  );
});
