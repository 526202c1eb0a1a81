import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { parseIssue } from '../../src/issue/parse.js';
import { describeSchemaIssues } from '../../src/issue/schema-messages.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { cleanIssue } from '../helpers/fixture.js';

test('schema messages: an exclusive bound is named as one (more than, less than), an inclusive one as at least, at most', () => {
  const schema = z.strictObject({ rate: z.number().positive(), share: z.number().lt(1), year: z.number().min(1900).max(2100) });
  const messages = (data: Record<string, number>) => describeSchemaIssues(schema.safeParse(data).error!.issues, data).map((problem) => problem.message);
  assert.deepEqual(messages({ rate: 0, share: 1, year: 1899 }), [
    'Unexpected `rate` value `0`, expected more than 0',
    'Unexpected `share` value `1`, expected less than 1',
    'Unexpected `year` value `1899`, expected at least 1900',
  ]);
  assert.deepEqual(messages({ rate: 1, share: 0, year: 2101 }), ['Unexpected `year` value `2101`, expected at most 2100']);
});

test('schema messages: a number is quoted as typed, not as YAML rounded it, and a value past two bounds gets the tighter one', () => {
  const text = cleanIssue({ number: 1 })
    .replace('number: 1', 'number: 9007199254740993')
    .replace('year: 2023', 'year: 20231234567890123456789');
  const problems = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems.map((problem) => problem.message);
  assert.deepEqual(problems, [
    'Unexpected `number` value `9007199254740993`, expected at most 9007199254740991',
    "Unexpected paper 1's `year` value `20231234567890123456789`, expected at most 2100",
  ]);
});

test('schema messages: a list whose first item has no space after its `-`, read as text, says to write the space', () => {
  const text = cleanIssue().replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors:\n      -Rylan Schaeffer\n      - Brando Miranda');
  const problems = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems.map((problem) => problem.message);
  assert.deepEqual(problems, ["Unexpected string `-Rylan Schaeffer - Brando Miranda` for paper 1's `authors`, expected a list (a space after each item's `-`: `- Rylan Schaeffer`)"]);
});

test('schema messages: a list written as one text (`authors: Ann Lee, Bo Chen`, `tags: evals`) says to write it in brackets, with the items written', () => {
  const problems = (from: string, to: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue().replace(from, to)))).problems.map((problem) => problem.message);
  assert.deepEqual(problems('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: Rylan Schaeffer, Brando Miranda'), [
    "Unexpected string `Rylan Schaeffer, Brando Miranda` for paper 1's `authors`, expected a list in brackets: `authors: [Rylan Schaeffer, Brando Miranda]`",
  ]);
  assert.deepEqual(problems('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: Rylan Schaeffer'), [
    "Unexpected string `Rylan Schaeffer` for paper 1's `authors`, expected a list in brackets: `authors: [Rylan Schaeffer]`",
  ]);
  assert.deepEqual(problems('tags: [emergence, scaling]', 'tags: evals'), ["Unexpected string `evals` for paper 1's `tags`, expected a list in brackets: `tags: [evals]`"]);
  // An item YAML would read otherwise in brackets (a quote, a `#`, an `&`) gets no guess.
  assert.deepEqual(problems('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', `authors: "O'Brien, Siobhán & co"`), [
    "Unexpected string `O'Brien, Siobhán & co` for paper 1's `authors`, expected a list",
  ]);
});

test('schema messages: the bracketed list a text is told to be reads back as the items written: an item YAML reads as a number, a yes or no or nothing is quoted', () => {
  const problems = (from: string, to: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue().replace(from, to)))).problems.map((problem) => problem.message);
  assert.deepEqual(problems('tags: [emergence, scaling]', 'tags: 2023, true, null-safety, null'), [
    'Unexpected string `2023, true, null-safety, null` for paper 1\'s `tags`, expected a list in brackets: `tags: ["2023", "true", null-safety, "null"]`',
  ]);
});

test('schema messages: `authors: Vaswani, Ashish`, which may be one name written "Last, First", is not told only to be two authors', () => {
  const problems = (to: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue().replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', to)))).problems.map((problem) => problem.message);
  assert.deepEqual(problems('authors: Vaswani, Ashish'), [
    'Unexpected string `Vaswani, Ashish` for paper 1\'s `authors`, expected a list in brackets: `authors: [Vaswani, Ashish]`, or for names written "Last, First" each in quotes: `authors: ["Vaswani, Ashish"]`',
  ]);
  assert.deepEqual(problems('authors: Vaswani, Ashish, Shazeer, Noam'), [
    'Unexpected string `Vaswani, Ashish, Shazeer, Noam` for paper 1\'s `authors`, expected a list in brackets: `authors: [Vaswani, Ashish, Shazeer, Noam]`, or for names written "Last, First" each in quotes: `authors: ["Vaswani, Ashish", "Shazeer, Noam"]`',
  ]);
  // Half the items one word and half not cannot be read either way for sure: no guess.
  assert.deepEqual(problems('authors: Smith, J. K., Bo Chen'), ["Unexpected string `Smith, J. K., Bo Chen` for paper 1's `authors`, expected a list"]);
});

test('schema messages: a list whose only item has no space after its `-`, read as a mapping, says to write the space, as the config does', () => {
  const located = (papers: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue({ papers })))).problems.map((problem) => `${problem.position.start.line}:${problem.position.start.column} ${problem.message}`);
  assert.deepEqual(located('  -title: A\n'), ["8:3 Unexpected mapping for `papers`, expected a list (a space after each item's `-`: `- title: A`)"]);
  // A mapping written as one, with no `-`, gets no such hint.
  assert.deepEqual(located('  title: A\n'), ['8:3 Unexpected mapping for `papers`, expected a list']);
});

test('schema messages: an unknown frontmatter key beside the key it resembles is said to be unknown, not told to be that key again', () => {
  const problems = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems.map((problem) => problem.message);
  assert.ok(problems(cleanIssue().replace(/^title: (.*)$/m, 'title: $1\ntitel: Other')).includes('Unexpected key `titel`, an unknown key: `title`, which it resembles, is set already (keep one of the two, named `title`)'));
  assert.ok(problems(cleanIssue().replace(/^title: .*$/m, 'titel: Other')).includes('Unexpected key `titel`, expected `title`'));
});

test('schema messages: a date written as people write one (`29/05/2023`, `May 29, 2023`) is given its YYYY-MM-DD form to write; one that could be two days, or names no day, only the format', () => {
  const problems = (date: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue({ number: 1 }).replace(/^date: .*$/m, `date: ${date}`)))).problems.map((problem) => problem.message);
  const told = {
    '29/05/2023': '2023-05-29',
    '5/29/2023': '2023-05-29',
    '29.05.2023': '2023-05-29',
    '2023/05/29': '2023-05-29',
    '2023-5-9': '2023-05-09',
    'May 29, 2023': '2023-05-29',
    '29 May 2023': '2023-05-29',
    '1st Sept. 2023': '2023-09-01',
    '29 février 2024': undefined,
    '05/06/2023': undefined,
    '31/04/2023': undefined,
    '29/02/2023': undefined,
    '29/02/2024': '2024-02-29',
    'next week': undefined,
  };
  for (const [date, iso] of Object.entries(told)) {
    assert.deepEqual(problems(date), [`Unexpected \`date\` value \`${date}\`, expected a date as YYYY-MM-DD${iso ? `: \`date: ${iso}\`` : ''}`], date);
  }
});
