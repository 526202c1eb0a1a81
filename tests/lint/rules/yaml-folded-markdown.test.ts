import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIssue } from '../../../src/issue/parse.js';
import { decodeIssueSource } from '../../../src/issue/source.js';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/yaml-folded-markdown.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

const modelOf = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).issue!;
/** cleanIssueWithMarkdown with the summary's `|` written `header` (`>`, `>-`…). */
const folded = (summary: string, header = '>') => cleanIssueWithMarkdown({ summary }).replace('summary: |', `summary: ${header}`);

test('yaml-folded-markdown: a clean issue, and a folded block of one paragraph over several lines, have no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
  assert.deepEqual(await lintWith([rule], { 'a.md': folded('Smooth metrics show\nsmooth scaling; sharp jumps\ncome from *sharp* metrics.') }), []);
});

test('yaml-folded-markdown: a folded block whose folding joins a list is a warning at the `>`, and --fix writes `|`, after which the list is read as written', async () => {
  const text = folded('The paper finds three things:\n\n- first finding\n- second finding\n- third finding');
  assert.match(modelOf(text).papers[0]!.summary!.text, /- first finding - second finding/);
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-folded-markdown 15:14']);
  assert.equal(messages[0]!.message, 'Unexpected folded block `>` for the Markdown of `summary` (YAML joins its lines, which changes a list), expected a literal block `|`, which keeps the lines as written');
  const fixed = applyFixes(text, messages).text;
  assert.equal(fixed, text.replace('summary: >', 'summary: |'));
  assert.equal(modelOf(fixed).papers[0]!.summary!.text, 'The paper finds three things:\n\n- first finding\n- second finding\n- third finding\n');
});

test('yaml-folded-markdown: the chomping indicator is kept, and paragraphs, headings and quotes that folding merges are reported too', async () => {
  const paragraphs = folded('First paragraph.\n\nSecond paragraph.', '>-');
  const messages = await lintWith([rule], { 'a.md': paragraphs });
  assert.match(messages[0]!.message, /changes a paragraph break/);
  assert.equal(applyFixes(paragraphs, messages).text, paragraphs.replace('summary: >-', 'summary: |-'));
  const quote = await lintWith([rule], { 'a.md': folded('Intro.\n\n> quoted\n> more') });
  assert.equal(quote.length, 1);
});

test('yaml-folded-markdown: a block the lines may only seem to start (a `- ` inside a paragraph, wrapped prose) or a hard break of spaces gets no fix, only the advice to write `|`', async () => {
  for (const summary of ['Prices went from 5\n- 10 dollars, they say.', 'A line with a break  \nand the next.']) {
    const messages = await lintWith([rule], { 'a.md': folded(summary) });
    assert.equal(messages.length, 1, summary);
    assert.equal(messages[0]!.fix, undefined, summary);
    assert.match(messages[0]!.message, /expected a literal block `\|`/);
  }
});
