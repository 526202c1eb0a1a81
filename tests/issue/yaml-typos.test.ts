import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { cleanIssue, paperYaml } from '../helpers/fixture.js';

/** Each problem as `line:column message`, with its rule id checked. */
const problemsOf = (text: string) =>
  parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems.map((problem) => {
    assert.equal(problem.ruleId, 'yaml-syntax');
    return `${problem.position.start.line}:${problem.position.start.column} ${problem.message}`;
  });

/** Whether the text has no problem once `from` is replaced by `to` in it. */
const cleanAfter = (text: string, from: string, to: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text.replace(from, to)))).problems.length === 0;

test('a list item with no space after its `-` is named at the `-`, with the item written right', () => {
  const second = paperYaml({ title: 'B', url: 'https://arxiv.org/abs/2305.00001', arxiv: '2305.00001' }).replace('  - title: B', '  -title: B');
  const papers = cleanIssue().replace('---\n\nWelcome', `${second}---\n\nWelcome`);
  assert.deepEqual(problemsOf(papers), ['19:3 Missing space after `-` starting a list item, expected `- title: B`']);
  assert.ok(cleanAfter(papers, '  -title: B', '  - title: B'));
  // The first paper, and an author below the first.
  assert.deepEqual(problemsOf(cleanIssue().replace('  - title: Are', '  -title: Are')), ['8:3 Missing space after `-` starting a list item, expected `- title: Are Emergent Abilities of Large Language Models a Mirage?`']);
  const authors = cleanIssue().replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors:\n      - Rylan Schaeffer\n      -Brando Miranda');
  assert.deepEqual(problemsOf(authors), ['13:7 Missing space after `-` starting a list item, expected `- Brando Miranda`']);
});

test('a quote never closed is named where it opens, with the quote closed where the text ends', () => {
  const title = cleanIssue().replace('title: Emergence mirages', 'title: "Half typed');
  assert.deepEqual(problemsOf(title), ['3:8 Missing closing `"` of the text of `title` quoted here, expected it on its line: `title: "Half typed"`']);
  assert.ok(cleanAfter(title, 'title: "Half typed', 'title: "Half typed"'));
  assert.deepEqual(problemsOf(cleanIssue().replace('    section: Evaluations', "    section: 'Evals")), ["13:14 Missing closing `'` of the text of `section` quoted here, expected it on its line: `section: 'Evals'`"]);
  // A quote the text holds (`''` in single quotes) is not where it opens.
  assert.deepEqual(problemsOf(cleanIssue().replace('title: Emergence mirages', "title: 'It''s half")), ["3:8 Missing closing `'` of the text of `title` quoted here, expected it on its line: `title: 'It''s half'`"]);
  assert.deepEqual(problemsOf(cleanIssue().replace('  - title: Are Emergent', '  - title: "Are Emergent').replace('a Mirage?', 'a Mirage?  ')), [
    '8:12 Missing closing `"` of the text of `title` quoted here, expected it on its line: `- title: "Are Emergent Abilities of Large Language Models a Mirage?"`',
  ]);
  // A text in quotes over two lines ends at the end of the second; an item of a flow list at its `,`.
  assert.deepEqual(problemsOf(cleanIssue().replace(/^ {4}summary: \|\n.*$/m, '    summary: "Smooth metrics\n      show smooth scaling.')), [
    '15:14 Missing closing `"` of the text of `summary` quoted here, expected it on line 16, where the text ends: `show smooth scaling."`',
  ]);
  assert.deepEqual(problemsOf(cleanIssue().replace('[Rylan Schaeffer, Brando', '[Rylan Schaeffer, "Brando')), [
    '11:32 Missing closing `"` of the text quoted here, expected it on its line: `authors: [Rylan Schaeffer, "Brando Miranda", Sanmi Koyejo]`',
  ]);
});

test('a list item with no space after its `-` that YAML reads as a key is named at the `-`, with the item written right, or the key without its `-`', () => {
  const problems = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems.map((p) => `${p.ruleId} ${p.position.start.line}:${p.position.start.column} ${p.message}`);
  // Papers written at column 0: a last `-title: B` is a top-level key to YAML, with no error.
  const atColumn0 = cleanIssue().replace(/^papers:\n[\s\S]*?---/m, (papers) => papers.replace(/^ {2}/gm, ''));
  const item = atColumn0.replace('---\n\nWelcome', '-title: B\n---\n\nWelcome');
  assert.deepEqual(problems(item), ['frontmatter-schema 19:1 Missing space after `-` starting a list item, which YAML reads as the key `-title`, expected `- title: B`']);
  assert.equal(parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(item.replace('-title: B', '- title: B')))).issue!.papers.length, 2);
  // Among a paper's keys, a key the paper takes: the key without the `-`.
  assert.deepEqual(problems(cleanIssue().replace('    year: 2023', '    -year: 2023')), [
    'frontmatter-schema 12:5 Unexpected `-` before the key `year`, which YAML reads as part of the key (`-year`; a list item needs `- `, a dash then a space), expected `year: 2023`',
  ]);
  assert.ok(cleanAfter(cleanIssue().replace('    year: 2023', '    -year: 2023'), '-year', 'year'));
  // Before a `- ` item, where the parser stumbles on the item below.
  assert.deepEqual(problemsOf(cleanIssue().replace(/^papers:\n/m, 'papers:\n  -title: A\n    url: https://example.org/a\n')), ['8:3 Missing space after `-` starting a list item, expected `- title: A`']);
  // A real unknown key keeps its message.
  assert.deepEqual(problems(cleanIssue().replace('    year: 2023', '    yaer: 2023')), ['frontmatter-schema 12:5 Unexpected key `yaer`, expected `year`']);
});
