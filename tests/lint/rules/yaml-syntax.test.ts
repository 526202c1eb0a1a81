import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIssue } from '../../../src/issue/parse.js';
import { decodeIssueSource } from '../../../src/issue/source.js';
import { applyFixes } from '../../../src/lint/fix.js';
import frontmatterSchema from '../../../src/lint/rules/frontmatter-schema.js';
import rule from '../../../src/lint/rules/yaml-syntax.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

const parsedOf = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text)));

test('yaml-syntax: a text starting with `!` is an error at the tag, not a title without its first word, and --fix quotes it', async () => {
  const text = cleanIssue({ title: '!Surprise results in interpretability' }).replace(
    '      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n',
    '      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n    notes: !important check the numbers\n',
  );
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-syntax 3:8', 'yaml-syntax 17:12']);
  assert.equal(
    messages[0]!.message,
    'Unexpected YAML tag `!Surprise` in the unquoted text of `title`, which YAML drops, reading the value as if it were not there, expected the text in quotes: `"!Surprise results in interpretability"`',
  );
  assert.equal(parsedOf(text).issue, undefined, 'no renderer meets the text YAML cut');
  const fixed = parsedOf(applyFixes(text, messages).text);
  assert.deepEqual(fixed.problems, []);
  assert.equal(fixed.issue!.title, '!Surprise results in interpretability');
  assert.equal(fixed.issue!.papers[0]!.notes!.text, '!important check the numbers');
});

test('yaml-syntax: any tag that YAML drops or that changes a value\'s type is an error at the tag, with no fix when the text is not plainly the tag\'s', async () => {
  const cases: [title: string, message: string][] = [
    ['!include other.yaml', 'Unexpected YAML tag `!include` in the unquoted text of `title`, which YAML drops, reading the value as if it were not there, expected the text in quotes: `"!include other.yaml"`'],
    ['!!js/function "function(){return 1}"', 'Unexpected YAML tag `!!js/function` on the text of `title`, which YAML drops, reading the value as if it were not there, expected the text without the tag: `title: "function(){return 1}"`'],
    ['!!float 5', 'Unexpected YAML tag `!!float` on the text of `title`, which YAML drops, reading the value as if it were not there, expected the text without the tag: `title: "5"`'],
    ['!<tag:x> Title', 'Unexpected YAML tag `!<tag:x>` on the text of `title`, which YAML drops, reading the value as if it were not there, expected the text without the tag: `title: "Title"`'],
    ['!x "quoted"', 'Unexpected YAML tag `!x` at the start of the text of `title`, which YAML drops, reading the value as if it were not there, expected the whole text in quotes'],
  ];
  for (const [title, message] of cases) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue({ title }) });
    assert.deepEqual(
      messages.map((m) => [m.line, m.column, m.message, m.fix !== undefined]),
      [[3, 8, message, !title.startsWith('!!') && !title.startsWith('!<') && !title.includes('"')]],
      title,
    );
  }
  const date = await lintWith([rule], { 'a.md': cleanIssue({ date: '!!str 2023-05-29' }) });
  assert.deepEqual(date, [], 'text read as text is harmless');
  const typed = await lintWith([rule], { 'a.md': cleanIssue().replace('number: 1', 'number: !!int "1"').replace('tags: [emergence, scaling]', 'tags: [emergence, !!float 1]') });
  assert.deepEqual(
    typed.map((m) => `${m.line}:${m.column} ${m.message}`),
    [
      '2:9 Unexpected YAML tag `!!int` on `number`, which makes the value the number `1`, expected the value without the tag',
      '14:23 Unexpected YAML tag `!!float` on the text of `tags`, which YAML drops, reading the value as if it were not there, expected the text without the tag: `"1"`',
    ],
  );
});

test('yaml-syntax: a tag that changes nothing (`!!int` on a number, `!!str` on text, `!!map`, `!!seq`) is left alone; a number where text belongs is frontmatter-schema\'s, as untagged', async () => {
  const number = await lintWith([rule, frontmatterSchema], { 'a.md': cleanIssue({ title: '!!int 6' }) });
  assert.deepEqual(places(number), ['frontmatter-schema 3:14']);
  const text = cleanIssue({ title: '!!str Emergence mirages' }).replace('number: 1', 'number: !!int 1').replace('papers:\n', 'papers: !!seq\n').replace('  - title: Are', '  - !!map\n    title: Are');
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
  assert.equal(parsedOf(text).issue!.title, 'Emergence mirages');
});

test('yaml-syntax: a tagged text followed by a comment gets no quoting fix that would leave the comment out', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ title: '!Top results #1' }) });
  assert.deepEqual(
    messages.map((m) => [m.message, m.fix]),
    [['Unexpected YAML tag `!Top` at the start of the text of `title`, which YAML drops, reading the value as if it were not there, expected the whole text in quotes', undefined]],
  );
});

test('yaml-syntax: a text starting with `&` that no alias uses is an error at the anchor, not a title without its first word, and --fix quotes it', async () => {
  const text = cleanIssue({ title: '&Co — a study of firms' }).replace('tags: [emergence, scaling]', 'tags: [&Partners evals, scaling]');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column}-${m.endColumn} ${m.message}`),
    [
      '3:8-11 Unexpected YAML anchor `&Co` in the unquoted text of `title`, which YAML drops, reading the value as if it were not there, expected the text in quotes: `"&Co — a study of firms"`',
      '14:12-21 Unexpected YAML anchor `&Partners` in the unquoted text of `tags`, which YAML drops, reading the value as if it were not there, expected the text in quotes: `"&Partners evals"`',
    ],
  );
  assert.equal(parsedOf(text).issue, undefined, 'no renderer meets the text YAML cut');
  const fixed = parsedOf(applyFixes(text, messages).text);
  assert.deepEqual(fixed.problems, []);
  assert.equal(fixed.issue!.title, '&Co — a study of firms');
  assert.deepEqual(fixed.issue!.papers[0]!.tags, ['&Partners evals', 'scaling']);
  const overLines = await lintWith([rule], { 'a.md': cleanIssue({ title: '&Co — a study\n  of firms' }) });
  assert.deepEqual(
    overLines.map((m) => [m.message, m.fix]),
    [['Unexpected YAML anchor `&Co` at the start of the text of `title`, which YAML drops, reading the value as if it were not there, expected the whole text in quotes or in a `|` block', undefined]],
  );
});

test('yaml-syntax: an anchor an alias uses, or one before quoted text or a block, is YAML meant and left alone', async () => {
  const text = cleanIssue({ title: '&t Emergence mirages' })
    .replace('    year: 2023\n', '    year: 2023\n    venue: *t\n')
    .replace(/ {4}summary: \|/, '    summary: &s |')
    .replace('tags: [emergence, scaling]', 'tags: [&q "evals", scaling]');
  assert.equal(parsedOf(text).problems.length, 0, JSON.stringify(parsedOf(text).problems));
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
});

test('yaml-syntax: a tag or an unused anchor starting the last text of a paper written as a flow mapping is quoted by --fix too', async () => {
  const text = cleanIssue({ papers: '  - {url: "https://example.org/a", summary: "A.", opinion: "B.", title: &Co firms}\n  - {url: "https://example.org/b", summary: "A.", opinion: "B.", title: !Surprise results}\n' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.equal(messages.length, 2);
  const fixed = parsedOf(applyFixes(text, messages).text);
  assert.deepEqual(fixed.problems, []);
  assert.deepEqual(fixed.issue!.papers.map((paper) => paper.title), ['&Co firms', '!Surprise results']);
});
