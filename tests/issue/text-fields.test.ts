import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { cleanIssue } from '../helpers/fixture.js';

const parse = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text)));

test('an aliased opinion is the anchored text, positioned where the anchor is', () => {
  const text = cleanIssue().replace('    opinion: |\n      Convincing, though the natural metric is often the one we care about.\n', '    opinion: *s\n').replace('    summary: |', '    summary: &s |');
  const parsed = parse(text);
  assert.deepEqual(parsed.problems, []);
  const paper = parsed.issue!.papers[0]!;
  assert.equal(paper.opinion?.text, 'Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n');
  assert.equal(paper.opinion?.tree.children.length, 1);
  assert.equal(parsed.lines.point(paper.opinion!.fileOffset(0)).line, 16);
});

test('a paper written as an alias (`- *p`) has the anchored paper\'s summary and opinion, not empty fields', () => {
  const text = cleanIssue().replace('papers:\n  - title:', 'papers:\n  - &p\n    title:').replace('---\n\nWelcome', '  - *p\n---\n\nWelcome');
  const parsed = parse(text);
  assert.deepEqual(parsed.problems, []);
  const [first, second] = parsed.issue!.papers;
  assert.equal(second!.summary.text, first!.summary.text);
  assert.match(second!.summary.text, /^Smooth metrics/);
  assert.equal(second!.opinion?.text, first!.opinion?.text);
});

test('an alias with no anchor is a positioned yaml-syntax error, not a crash', () => {
  const parsed = parse(cleanIssue().replace('    opinion: |\n      Convincing, though the natural metric is often the one we care about.\n', '    opinion: *s\n'));
  assert.equal(parsed.problems.length, 1);
  const [problem] = parsed.problems;
  assert.equal(problem!.ruleId, 'yaml-syntax');
  assert.equal(problem!.message, 'Unexpected alias `*s`, expected an anchor `&s` before it, or the text in quotes: `opinion: "*s"`');
  assert.deepEqual([problem!.position.start.line, problem!.position.start.column], [17, 14]);
});

test('an alias with no anchor outside a text field is reported as such', () => {
  const problems = parse(cleanIssue().replace('year: 2023', 'year: *y')).problems;
  assert.deepEqual(problems.map((p) => p.message), ['Unexpected alias `*y`, expected an anchor `&y` before it']);
});
