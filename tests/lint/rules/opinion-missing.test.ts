import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/opinion-missing.js';
import { cleanIssue, lintWith } from '../../helpers/fixture.js';

test('opinion-missing: a paper with only a summary is named by its title', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(/ {4}opinion: \|\n.*\n/, '') });
  assert.deepEqual(messages.map((m) => m.message), ["Missing opinion for `Are Emergent Abilities of Large Language Models a Mirage?`, expected the editor's opinion"]);
});

test('opinion-missing: a paper whose title is not text is named by its place (paper 2), not as ``', async () => {
  const text = cleanIssue().replace('\n---\n', '\n  - title: {x: 1}\n    url: https://example.org/b\n    summary: B.\n---\n');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(messages.map((m) => `${m.line} ${m.message}`), ["19 Missing opinion for paper 2, expected the editor's opinion"]);
});

test('opinion-missing: an opinion written as a YAML list is not said to be missing (frontmatter-schema says how to write it); an empty one is', async () => {
  const asList = cleanIssue().replace(/ {4}opinion: \|\n.*\n/, '    opinion:\n      - Convincing.\n      - Though narrow.\n');
  assert.deepEqual(await lintWith([rule], { 'a.md': asList }), []);
  const empty = await lintWith([rule], { 'a.md': cleanIssue().replace(/ {4}opinion: \|\n.*\n/, '    opinion:\n') });
  assert.equal(empty.length, 1);
});
