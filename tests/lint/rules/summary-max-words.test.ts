import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/summary-max-words.js';
import { CONFIG_YAML, cleanIssue, configWith, lintWith, places } from '../../helpers/fixture.js';

// The clean issue's summary has 11 words.
const withSummaryWords = (count: number) =>
  cleanIssue().replace(/summary: \|\n.*\n/, `summary: |\n      ${'[word](https://example.org) '.repeat(count).trim()}\n`);

test('summary-max-words: a short summary has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
  assert.deepEqual(await lintWith([rule], { 'a.md': withSummaryWords(300) }), []);
});

test('summary-max-words: a summary over 300 words is reported at its key, counting text not syntax', async () => {
  const messages = await lintWith([rule], { 'a.md': withSummaryWords(301) });
  assert.deepEqual(places(messages), ['summary-max-words 15:5']);
  assert.equal(messages[0]!.message, 'Unexpected summary of 301 words, expected at most 300');
});

test('summary-max-words: the maximum comes from the config, as a number or {max}', async () => {
  const asNumber = await lintWith([rule], { 'a.md': cleanIssue() }, { configYaml: configWith('lint: { rules: { summary-max-words: [warn, 10] } }') });
  assert.equal(asNumber[0]!.message, 'Unexpected summary of 11 words, expected at most 10');
  const asObject = await lintWith([rule], { 'a.md': cleanIssue() }, { configYaml: configWith('lint: { rules: { summary-max-words: [warn, { max: 11 }] } }') });
  assert.deepEqual(asObject, []);
});

test('summary-max-words: options of the wrong shape are a config error, not a silent default', async () => {
  const configYaml = `${CONFIG_YAML}lint:\n  rules:\n    summary-max-words: [warn, "two hundred"]\n`;
  await assert.rejects(lintWith([rule], { 'a.md': cleanIssue() }, { configYaml }), /Unexpected text `two hundred` for the options of `lint\.rules\.summary-max-words`, expected the most words a summary may have/);
});

test('summary-max-words: words are counted block by block (a paragraph never glues to the next), and link definitions, URLs and emphasis marks are not words', async () => {
  const summary = 'One **two** [three](https://example.org/four-five) `six`[^n].\n\n[ref]: https://example.org/a "Title words here"\n[^n]: Seven.';
  const text = cleanIssue().replace(/summary: \|\n.*\n/, `summary: |\n${summary.split('\n').map((line) => `      ${line}`.trimEnd()).join('\n')}\n`);
  const configYaml = configWith('lint: { rules: { summary-max-words: [warn, 4] } }');
  const messages = await lintWith([rule], { 'a.md': text }, { configYaml });
  assert.equal(messages[0]!.message, 'Unexpected summary of 5 words, expected at most 4');
});
