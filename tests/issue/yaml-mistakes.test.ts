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

const SUMMARY = '    summary: |\n      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n';
/** The clean issue with a summary of two paragraphs, the given lines in place of its own (at lines 16–18). */
const withSummary = (first: string, last: string) => cleanIssue().replace(SUMMARY, `    summary: |\n${first}\n\n${last}\n`);

test('a tab indenting the first line of a block is named at the tab, with the spaces that indent it like the block’s other lines', () => {
  assert.deepEqual(problemsOf(withSummary('\t  Smooth metrics show smooth scaling.', '      Sharp jumps come from sharp metrics.')), [
    "16:1 Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the tab with 4 spaces, so that the line is indented 6 spaces, like the block's other lines",
  ]);
});

test('a tab indenting a later line of a block is named at the tab, with the spaces that indent it like the block’s first line', () => {
  assert.deepEqual(problemsOf(withSummary('      Smooth metrics show smooth scaling.', '\tSharp jumps come from sharp metrics.')), [
    "18:1 Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the tab with 6 spaces, so that the line is indented 6 spaces, like the block's other lines",
  ]);
});

test('a tab before a key says how many spaces replace it, as the key’s siblings are indented', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('    url: https', '\turl: https')), [
    "9:1 Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the tab with 4 spaces, so that the line is indented 4 spaces, like the paper's other keys",
  ]);
  assert.deepEqual(problemsOf(cleanIssue().replace('    url: https', '\t\turl: https').replace(/\n/g, '\r\n')), [
    "9:1 Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the 2 tabs with 4 spaces, so that the line is indented 4 spaces, like the paper's other keys",
  ]);
});

test('a tab where the lines around do not tell the width still says to indent with spaces', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('tags: [emergence, scaling]', 'tags:\n      - emergence\n\t- scaling')), [
    '16:1 Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the tab with spaces',
  ]);
});

test('a key indented unlike its siblings is named at the key with both indentations, whether indented less or more', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('    url: https', '   url: https')), ["9:4 Unexpected indentation of 3 spaces before `url`, expected 4, like the paper's other keys"]);
  // Indented more, the key reads to the parser as the line above running on: the error it raises is there, the message is not.
  assert.deepEqual(problemsOf(cleanIssue().replace('    url: https', '     url: https')), ["9:6 Unexpected indentation of 5 spaces before `url`, expected 4, like the paper's other keys"]);
  assert.deepEqual(problemsOf(cleanIssue().replace('date: ', ' date: ')), ['4:2 Unexpected indentation of 1 space before `date`, expected none, like the other top-level keys']);
});

test('a key indented unlike its siblings right after a block of text is named at the key as after a one-line value, not as the end of the text', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('    opinion: |', '     opinion: |')), ["17:6 Unexpected indentation of 5 spaces before `opinion`, expected 4, like the paper's other keys"]);
  assert.deepEqual(problemsOf(cleanIssue().replace('    opinion: |', '   opinion: |')), ["17:4 Unexpected indentation of 3 spaces before `opinion`, expected 4, like the paper's other keys"]);
  // A line of the text indented less than the text's first line, past its key, ends the text too: named as a line of the text.
  assert.deepEqual(problemsOf(withSummary('      Smooth metrics show smooth scaling.', '     Sharp jumps come from sharp metrics.')), [
    "18:6 Unexpected indentation of 5 spaces in the text of `summary` (its `summary:` on line 15), which ends the text there, expected 6, like the text's other lines",
  ]);
  // An indentation indicator sets the text's indentation: a first line indented further is text, and so is the line after it.
  assert.deepEqual(problemsOf(cleanIssue().replace(SUMMARY, '    summary: |2\n          indented code\n      Smooth metrics show smooth scaling.\n')), []);
});

test('a list item indented unlike the items before it is named at its dash, with both indentations and the line of the item before', () => {
  const second = paperYaml({ title: 'Second', url: 'https://arxiv.org/abs/2305.00001', arxiv: '2305.00001' });
  const papers = (indent: string) => cleanIssue().replace('---\n\nWelcome', `${second.replace(/^ {2}- /, `${indent}- `)}---\n\nWelcome`);
  assert.deepEqual(problemsOf(papers('   ')), ['19:4 Unexpected indentation of 3 spaces before `-`, expected 2, like the paper on line 8']);
  assert.deepEqual(problemsOf(papers('    ')), ['19:5 Unexpected indentation of 4 spaces before `-`, expected 2, like the paper on line 8']);
  assert.deepEqual(problemsOf(papers('')), ['19:1 Unexpected `-` at the start of the line, expected 2 spaces before it, like the paper on line 8']);
  const authors = cleanIssue().replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors:\n      - Rylan Schaeffer\n     - Brando Miranda');
  assert.deepEqual(problemsOf(authors), ['13:6 Unexpected indentation of 5 spaces before `-`, expected 6, like the item of `authors` on line 12']);
});

test('a key written twice is named at its second key, with the line of the first', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('status: sent', 'status: sent\nstatus: draft')), [
    '7:1 Unexpected second `status` key (the first is on line 6), expected each key once: keep one of the two',
  ]);
  assert.deepEqual(problemsOf(cleanIssue().replace('    year: 2023', '    year: 2023\n    url: https://example.org')), [
    '13:5 Unexpected second `url` key (the first is on line 9), expected each key once: keep one of the two',
  ]);
});

test("a paper written without its `- ` is named as another item of the list whose dash was left out, with the line to write, not as a key to delete", () => {
  const second = paperYaml({ title: 'How to Catch an AI Liar', url: 'https://arxiv.org/abs/2309.15840', arxiv: '2309.15840' });
  const text = cleanIssue().replace('---\n\nWelcome', `${second.replace(/^ {2}- /, '    ')}---\n\nWelcome`);
  assert.deepEqual(problemsOf(text), [
    "19:5 Unexpected second `title` key (the first is on line 8), which starts another item of the list without its `- `, expected `  - title: How to Catch an AI Liar`",
  ]);
  // The line suggested reads: two papers, no error.
  assert.deepEqual(problemsOf(text.replace('    title: How to Catch', '  - title: How to Catch')), []);
  // A key written twice that is not the item's first stays a key written twice.
  assert.deepEqual(problemsOf(cleanIssue().replace('    year: 2023', '    year: 2023\n    url: https://example.org')), [
    '13:5 Unexpected second `url` key (the first is on line 9), expected each key once: keep one of the two',
  ]);
});

test("a line of a summary block indented as little as its key, or less, is named as ending the block, with the block's indentation to write", () => {
  const base = cleanIssue();
  const lines = base.split('\n');
  const summaryLine = lines.findIndex((line) => line === '    summary: |') + 1;
  assert.ok(summaryLine > 0);
  const textLine = lines[summaryLine]!;
  for (const indent of ['    ', '  ']) {
    const text = base.replace(`${textLine}\n`, `${textLine}\n${indent}that are more interpretable than neurons (score 0.33 vs 0.19).\n`);
    assert.deepEqual(problemsOf(text), [
      `${summaryLine + 2}:${indent.length + 1} Unexpected indentation of ${indent.length} spaces in the text of \`summary\` (its \`summary:\` on line ${summaryLine}), which ends the text there, expected 6, like the text's other lines`,
    ], indent);
    assert.deepEqual(problemsOf(text.replace(`\n${indent}that are more`, '\n      that are more')), []);
  }
});

test('a `:` with nothing before it written twice is named as a key with no name, with the line of the first `:` (not of the comments above it)', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('status: sent', 'status: sent\n# a note\n: x\n: y')), [
    '9:1 Unexpected second key with no name, a `:` with nothing before it (the first is on line 8), expected each key once: keep one of the two',
  ]);
});

test('a key with no space after its colon, or no colon, gets the `key: value` to write', () => {
  assert.deepEqual(problemsOf(cleanIssue().replace('title: Emergence', 'title:Emergence')), ['3:1 Missing space after `title:`, expected `title: Emergence mirages`']);
  assert.deepEqual(problemsOf(cleanIssue().replace('    url: ', '    url ')), ['9:5 Missing `:` after `url`, expected `url: https://arxiv.org/abs/2304.15004`']);
});
