import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/no-placeholder.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('no-placeholder: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('no-placeholder: lookalike words, code and URLs are not placeholders', async () => {
  const body = [
    'Tkachenko et al. keep a todo list; Todo is a name, TODOs are plural.',
    'Grep for `TODO` and `lorem ipsum`:',
    '',
    '```',
    'FIXME XXX',
    '```',
    '',
    'See https://github.com/x/y/blob/main/TODO and [the draft](https://example.org/FIXME).',
  ].join('\n');
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ title: 'Notes on Tkachenko', body }) }), []);
});

test('no-placeholder: words on the 2nd and 3rd line of a summary block are reported at their file line and column', async () => {
  const summary = 'Smooth metrics show smooth scaling.\nSharp jumps come from TODO metrics.\nLorem  Ipsum, says XXX.';
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) });
  assert.deepEqual(places(messages), ['no-placeholder 17:29', 'no-placeholder 18:7', 'no-placeholder 18:26']);
  assert.equal(messages[0]!.message, 'Unexpected placeholder `TODO`, expected finished text');
  assert.equal(messages[1]!.message, 'Unexpected placeholder `Lorem Ipsum`, expected finished text');
  assert.equal(`${messages[0]!.endLine}:${messages[0]!.endColumn}`, '17:33');
});

test('no-placeholder: plain frontmatter values are checked at the word', async () => {
  const text = cleanIssue({ title: 'Emergence FIXME mirages', body: 'TK: intro.' }).replace('Sanmi Koyejo', '"XXX"');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-placeholder 3:18', 'no-placeholder 11:49', 'no-placeholder 21:1']);
  assert.match(messages[1]!.message, /`XXX`/);
});

test('no-placeholder: a frontmatter YAML could only partly read is still checked, without throwing', async () => {
  const messages = await lintWith([rule], { 'a.md': '---\ntitle: [TODO\n---\n' });
  assert.deepEqual(places(messages), ['no-placeholder 2:9']);
});

test('no-placeholder: a word after what parse.ts replaces (a control character, escaped or raw) or adds (the close of a bidi scope) in a title is at its place', async () => {
  for (const title of [String.raw`"A\e[1m bold\u202E mirror\P then TODO"`, 'A\x1b[1m bold mirror then TODO']) {
    const text = cleanIssue({ title });
    const messages = await lintWith([rule], { 'a.md': text });
    assert.deepEqual(places(messages), [`no-placeholder 3:${text.split('\n')[2]!.indexOf('TODO') + 1}`], title);
  }
});

test('no-placeholder: a URL on a host reserved for examples holding a placeholder is one; a real URL naming a TODO file is not', async () => {
  const papers = `  - title: A paper
    url: https://example.org/TODO-the-paper
    summary: See https://github.com/x/y/blob/main/TODO.md and https://docs.example.com/FIXME-later.
`;
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ papers }) });
  assert.deepEqual(places(messages), ['no-placeholder 9:30', 'no-placeholder 10:88']);
  assert.deepEqual(messages.map((m) => m.message), ['Unexpected placeholder `TODO`, expected finished text', 'Unexpected placeholder `FIXME`, expected finished text']);
});

test('no-placeholder: names and a paper\'s title are their owners\' words: a placeholder there is one only as the whole value or the `TODO ` that `paperboy new` writes', async () => {
  const written = (title: string, authors: string) => `  - title: ${title}
    url: https://arxiv.org/abs/2304.15004
    authors: ${authors}
    summary: |
      Smooth metrics.
`;
  const real = cleanIssue({ papers: written('"TODO: A Benchmark of Unfinished Code, and the XXL-TK models"', '[TK Lee, Ann Park, Lorem Ipsumova]') });
  assert.deepEqual(await lintWith([rule], { 'a.md': real }), []);
  const skeleton = cleanIssue({ papers: written("TODO the paper's title", '[TODO First Author, XXX, "TK."]') });
  const messages = await lintWith([rule], { 'a.md': skeleton });
  assert.deepEqual(places(messages), ['no-placeholder 8:12', 'no-placeholder 10:15', 'no-placeholder 10:34', 'no-placeholder 10:40']);
});

test('no-placeholder: a marker joined to a word by a hyphen, TK before a capitalised name, and words in quotation marks are not placeholders; a marker of its own is', async () => {
  const summary = 'The XXL-TK models beat Flan-XXX, says TK Lee (see "Lorem ipsum considered harmful" and the “TODO” benchmark).\nTK: the results; TK here.';
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) });
  assert.deepEqual(messages.map((m) => m.message), ['Unexpected placeholder `TK`, expected finished text', 'Unexpected placeholder `TK`, expected finished text']);
  assert.deepEqual(places(messages), ['no-placeholder 17:7', 'no-placeholder 17:24']);
});
