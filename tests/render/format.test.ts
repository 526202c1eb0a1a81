import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedNames, briefAuthors, joinPieces, counted, joinNames, listedNames, paperSourceLine, reviewersThanks } from '../../src/render/format.js';

test('briefAuthors: every name up to the limit, "First Author et al." past it', () => {
  assert.equal(briefAuthors(['A', 'B', 'C'], 3), 'A, B and C');
  assert.equal(briefAuthors(['Stephen Casper', 'B', 'C', 'D'], 3), 'Stephen Casper et al.');
  assert.equal(briefAuthors([], 3), '');
});

test('paperSourceLine: a venue that is one of the authors is said once, as the author ("Anthropic · Anthropic, 2023")', () => {
  assert.equal(paperSourceLine({ authors: ['Anthropic'], venue: 'Anthropic', year: 2023 }), '2023');
  assert.equal(paperSourceLine({ authors: ['OpenAI'], venue: 'openai', year: undefined }), undefined);
  assert.equal(paperSourceLine({ authors: ['A. Author'], venue: 'LessWrong', year: 2023 }), 'LessWrong, 2023');
});

test('counted: "1 paper", "2 papers", "0 papers", and an irregular plural given ("3 summaries")', () => {
  assert.equal(counted(1, 'paper'), '1 paper');
  assert.equal(counted(2, 'paper'), '2 papers');
  assert.equal(counted(0, 'paper'), '0 papers');
  assert.equal(counted(1, 'summary', 'summaries'), '1 summary');
  assert.equal(counted(3, 'summary', 'summaries'), '3 summaries');
});

test('joinNames: a name written "Last, First" makes the separator a semicolon, so the list never reads as more people than it names', () => {
  assert.equal(joinNames(['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']), 'Ashish Vaswani, Noam Shazeer and Niki Parmar');
  assert.equal(joinNames(['Vaswani, Ashish', 'Noam Shazeer']), 'Vaswani, Ashish; and Noam Shazeer');
  assert.equal(joinNames(['Vaswani, Ashish', 'Noam Shazeer', 'Parmar, Niki']), 'Vaswani, Ashish; Noam Shazeer; and Parmar, Niki');
  assert.equal(briefAuthors(['Vaswani, Ashish', 'Noam Shazeer', 'Niki Parmar'], 6), 'Vaswani, Ashish; Noam Shazeer; and Niki Parmar');
});

test('joinNames: an "et al." (or "et al", "and others", "others") ends the list as "et al.", without an "and" before it', () => {
  assert.equal(joinNames(['Leo Gao', 'Stella Biderman', 'et al.']), 'Leo Gao, Stella Biderman et al.');
  assert.equal(joinNames(['Leo Gao', 'and others']), 'Leo Gao et al.');
  assert.equal(joinNames(['Leo Gao', 'Stella Biderman', 'Horace He', 'others']), 'Leo Gao, Stella Biderman, Horace He et al.');
  assert.equal(joinNames(["O'Neil, Cathy", 'Nguyễn Văn An', 'et al']), "O'Neil, Cathy; Nguyễn Văn An et al.");
  assert.equal(joinNames(['et al.']), 'et al.');
});

test('listedNames: each name with the text after it, for pages that link each name; "et al." comes last, marked, whatever the issue wrote', () => {
  assert.deepEqual(listedNames(['Leo Gao', 'and others', 'Stella Biderman']), [
    { name: 'Leo Gao', after: ', ' },
    { name: 'Stella Biderman', after: ' ' },
    { name: 'et al.', after: '', others: true },
  ]);
  assert.deepEqual(listedNames(['Vaswani, Ashish', 'Noam Shazeer', 'Parmar, Niki']), [
    { name: 'Vaswani, Ashish', after: '; ' },
    { name: 'Noam Shazeer', after: '; and ' },
    { name: 'Parmar, Niki', after: '' },
  ]);
  assert.deepEqual(listedNames(['Ann Lee', 'Bo Chen']), [
    { name: 'Ann Lee', after: ' and ' },
    { name: 'Bo Chen', after: '' },
  ]);
});

test('boundedNames: at most `max` named authors joined whole; past it the first `shown` and the count of the others, after the "and" joinNames would put', () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `Name ${i}`);
  assert.deepEqual(joined(boundedNames(names(3), 3, 2)), { names: 'Name 0, Name 1 and Name 2', more: undefined });
  assert.deepEqual(joined(boundedNames([...names(3), 'et al.'], 3, 2)), { names: 'Name 0, Name 1, Name 2 et al.', more: undefined });
  assert.deepEqual(joined(boundedNames(names(3000), 20, 2)), { names: 'Name 0, Name 1', more: { before: ' and ', count: 2998 } });
  assert.deepEqual(joined(boundedNames(['Vaswani, Ashish', 'Noam Shazeer', 'Niki Parmar', 'et al.'], 2, 2)), { names: 'Vaswani, Ashish; Noam Shazeer', more: { before: '; and ', count: 1 } });
});

test('a name written "Last, First" right before "et al." reads "First Last", so its comma does not split it from its first name', () => {
  assert.equal(briefAuthors(['Grosse, Roger', 'Juhan Bae', 'Cem Anil', 'Nelson Elhage', 'et al.'], 4), 'Roger Grosse et al.');
  assert.equal(joinNames(['Grosse, Roger', 'et al.']), 'Roger Grosse et al.');
  assert.equal(joinNames(['Juhan Bae', 'Grosse, Roger', 'et al.']), 'Juhan Bae; Roger Grosse et al.');
  // Elsewhere in the list, and in a list without "et al.", the semicolons keep each name whole as written.
  assert.equal(joinNames(['Grosse, Roger', 'Juhan Bae', 'et al.']), 'Grosse, Roger; Juhan Bae et al.');
  assert.equal(joinNames(['Grosse, Roger', 'Juhan Bae']), 'Grosse, Roger; and Juhan Bae');
  // A page that links each name finds the author by the name as the list wrote it.
  assert.deepEqual(listedNames(['Grosse, Roger', 'et al.']), [
    { name: 'Roger Grosse', after: ' ', written: 'Grosse, Roger' },
    { name: 'et al.', after: '', others: true },
  ]);
});

test('joinNames: two names, one written "Last, First", are joined with a semicolon, so they never read as three people', () => {
  assert.equal(joinNames(["O'Brien, Siobhán", 'Łukasz Kaiser']), "O'Brien, Siobhán; and Łukasz Kaiser");
  assert.equal(joinNames(['Łukasz Kaiser', "O'Brien, Siobhán"]), "Łukasz Kaiser; and O'Brien, Siobhán");
  assert.equal(joinNames(['Ashish Vaswani', 'Noam Shazeer']), 'Ashish Vaswani and Noam Shazeer');
});

test('reviewersThanks: a reviewer written "Last, First" is thanked "First Last", so the sentence never reads as more people than it names', () => {
  assert.equal(reviewersThanks(["O'Brien, Siobhán", 'Łukasz Kaiser']), "Thanks to Siobhán O'Brien and Łukasz Kaiser for reviewing this issue.");
  assert.equal(reviewersThanks(['Kaiser, Łukasz', "O'Brien, Siobhán", 'Been Kim']), "Thanks to Łukasz Kaiser, Siobhán O'Brien and Been Kim for reviewing this issue.");
  // Two commas: no "First Last" to read, kept as written, and the list takes semicolons.
  assert.equal(reviewersThanks(['King, Jr., Martin', 'Been Kim']), 'Thanks to King, Jr., Martin; and Been Kim for reviewing this issue.');
  assert.equal(reviewersThanks([]), undefined);
});

/** `boundedNames`' names written in order, as a row shows them. */
function joined({ names, more }: ReturnType<typeof boundedNames>) {
  return { names: joinPieces(names), more };
}

test('joinNames: a newsletter whose language is not English joins names with its language\'s words (CLDR, Intl.ListFormat); English, en-GB and no language as before', () => {
  for (const language of [undefined, 'en', 'en-GB', 'en-US']) {
    assert.equal(joinNames(['A', 'B', 'C'], language), 'A, B and C', language);
    assert.equal(joinNames(['Vaswani, Ashish', 'Noam Shazeer', 'Parmar, Niki'], language), 'Vaswani, Ashish; Noam Shazeer; and Parmar, Niki', language);
  }
  assert.equal(joinNames(['A', 'B', 'C'], 'de'), 'A, B und C');
  assert.equal(joinNames(['A', 'B'], 'fr'), 'A et B');
  assert.equal(joinNames(['Ana', 'Ignacio'], 'es'), 'Ana e Ignacio');
  assert.equal(joinNames(['甲', '乙', '丙'], 'zh'), '甲、乙和丙');
  // A name holding a comma: the semicolons of the English, where the language's separator is a comma too; none where it is not.
  assert.equal(joinNames(['Vaswani, Ashish', 'Noam Shazeer', 'Parmar, Niki'], 'de'), 'Vaswani, Ashish; Noam Shazeer; und Parmar, Niki');
  assert.equal(joinNames(['Vaswani, Ashish', 'Noam Shazeer'], 'de'), 'Vaswani, Ashish; und Noam Shazeer');
  assert.equal(joinNames(['Vaswani, Ashish', '乙', '丙'], 'zh'), 'Vaswani, Ashish、乙和丙');
  // "et al." ends the list without the language's "and" either.
  assert.equal(joinNames(['A', 'B', 'et al.'], 'de'), 'A, B et al.');
});

test('joinNames in another language: the pieces for pages, the bounded rows and the reviewers\' thanks join as joinNames does', () => {
  assert.deepEqual(listedNames(['A', 'B', 'C'], 'de').map(({ after }) => after), [', ', ' und ', '']);
  assert.deepEqual(boundedNames(['A', 'B', 'C', 'D'], 2, 2, 'fr'), { names: [{ text: 'A', after: ', ' }, { text: 'B', after: '' }], more: { before: ' et ', count: 2 } });
  assert.equal(reviewersThanks(['Anna', 'Ben'], 'Danke an {names} für die Durchsicht.', 'de'), 'Danke an Anna und Ben für die Durchsicht.');
  assert.equal(reviewersThanks(['Anna', 'Ben']), 'Thanks to Anna and Ben for reviewing this issue.');
});
