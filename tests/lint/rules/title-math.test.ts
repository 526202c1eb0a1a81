import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/title-math.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('title-math: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('title-math: math in a paper title is a warning at the formula, saying titles are plain text shown as written', async () => {
  const text = cleanIssue().replace('title: Are Emergent Abilities', 'title: $\\alpha$-Emergent Abilities');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['title-math 8:12']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(
    messages[0]!.message,
    'Unexpected math `$\\alpha$` in a title, expected its characters written out (α, x², ≤) or words: a title is plain text, shown as written on every page, feed and subject line',
  );
  assert.equal(messages[0]!.fix, undefined);
});

test('title-math: math in the issue title, display math, and each formula of a title are warnings, in a quoted title at their place as written', async () => {
  const text = cleanIssue({ title: "'Scaling $x^2$ and $$\\sum_i f_i$$'" });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['title-math 3:17', 'title-math 3:27']);
  assert.match(messages[1]!.message, /`\$\$\\sum_i f_i\$\$`/);
});

test('title-math: prices, an escaped dollar and a lone dollar are text', async () => {
  for (const title of ['Training costs $5 to $10 million', 'A \\$5 model', 'The $ sign', 'From $ 5 to $ 10', 'US$100']) {
    assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ title: JSON.stringify(title) }) }), [], title);
  }
});
