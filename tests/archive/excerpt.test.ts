import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstSentence } from '../../src/archive/excerpt.js';

const FORMULA = 'Explaining neurons with a language model and scoring by simulation: the score is the correlation $\\rho(\\hat a, a)$ between simulated and real activations.';

test('an excerpt is cut before a formula that would not fit whole, never inside it, and keeps its ellipsis', () => {
  const at = FORMULA.indexOf('$');
  for (let max = at + 2; max < at + 18; max++) assert.equal(firstSentence(FORMULA, max), 'Explaining neurons with a language model and scoring by simulation: the score is the correlation…', String(max));
  assert.equal(firstSentence(FORMULA, at + 18), `${FORMULA.slice(0, at + 17)}…`, 'a formula that fits is kept whole');
  assert.equal(firstSentence('A cost of $$ n \\log n $$ per step, which is far less than before.', 20), 'A cost of…');
});

test('an excerpt is cut before a URL or a word that would not fit whole, between words', () => {
  assert.equal(firstSentence('See https://example.org/a/very/long/path/to/the/paper.html for the code.', 30), 'See…');
  assert.equal(firstSentence('Interpretability of transformers.', 22), 'Interpretability of…');
  assert.equal(firstSentence('Incomprehensibilities abound here.', 10), '…', 'a first word longer than the excerpt leaves only the ellipsis');
});

test("an excerpt's sentence ends at a full stop outside math, not at one inside a formula", () => {
  assert.equal(firstSentence('The bound $a. b$ holds. Then more.', 100), 'The bound $a. b$ holds.');
  assert.equal(firstSentence('It costs $5. Then more.', 100), 'It costs $5.', 'a lone dollar is a character of its word');
  assert.equal(firstSentence('Short and whole. Then more.', 16), 'Short and whole.');
});
