import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseIssue } from '../../../src/issue/parse.js';
import { decodeIssueSource } from '../../../src/issue/source.js';
import rule from '../../../src/lint/rules/no-control-character.js';
import { renderAll, rootWith } from '../../helpers/render.js';
import { runCli } from '../../helpers/cli.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, makeRoot, places } from '../../helpers/fixture.js';

const modelOf = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).issue!;
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\0-\x08\x0b-\x1f\x7f-\x9f]/;
/** The same, but for the CRLF line ends a MIME message has. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL_BUT_CR = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

test('no-control-character: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('no-control-character: NUL, bell and ESC from YAML escapes are reported at each escape', async () => {
  const text = cleanIssue({ title: '"a\\0b \\x07 \\u001b[31mred \\\\0 not an escape"' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-control-character 3:10', 'no-control-character 3:14', 'no-control-character 3:19']);
  assert.equal(messages[0]!.message, 'Unexpected control character U+0000 from the escape `\\0`, expected printable text: remove the escape');
  assert.match(messages[2]!.message, /U\+001B from the escape `\\u001b`/);
});

test('no-control-character: a control character pasted into the body or a summary is reported where it is', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth \x1b[1mmetrics' }, { body: 'Ding\x07.' });
  assert.deepEqual(places(await lintWith([rule], { 'a.md': text })), ['no-control-character 16:14', 'no-control-character 21:5']);
});

test('no-control-character: the model holds U+FFFD instead, so no output carries a control character', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth \x1b[1mmetrics' }, { title: '"a\\0b\\e[31m"', body: 'Ding\x07.' });
  const issue = modelOf(text);
  assert.equal(issue.title, 'a\ufffdb\ufffd\ufffd\ufffd\ufffd\ufffd');
  assert.equal(issue.papers[0]!.summary.text, 'Smooth \ufffd\ufffd\ufffd\ufffdmetrics\n');
  const { root } = await rootWith({ '0001-a.md': text });
  const rendered = await renderAll(root, '1');
  assert.doesNotMatch(rendered.html, CONTROL);
  assert.doesNotMatch(rendered.text, CONTROL);
  assert.doesNotMatch(rendered.eml.toString('utf8'), CONTROL_BUT_CR);
});

test('no-control-character: the noncharacters U+FFFE and U+FFFF, escaped or pasted, are reported and held as U+FFFD, so the feeds stay XML', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth \uffffmetrics' }, { title: '"Pasted \\uFFFF and \\ufffe"', status: 'ready' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected noncharacter U+FFFF from the escape `\\uFFFF`, expected printable text: remove the escape',
      'Unexpected noncharacter U+FFFE from the escape `\\ufffe`, expected printable text: remove the escape',
      'Unexpected noncharacter U+FFFF, expected printable text: delete it (most editors do not show it)',
    ],
  );
  assert.equal(modelOf(text).title, 'Pasted \ufffd and \ufffd');
  const root = makeRoot({ 'issues/0001-a.md': text });
  // Built, with those errors said (exit 1: an issue not yet sent, which the build lints).
  assert.equal((await runCli(['build'], { cwd: root })).code, 1);
  for (const feed of ['feed.xml', 'atom.xml']) {
    assert.doesNotMatch(readFileSync(join(root, 'dist', feed), 'utf8'), /[\ufffe\uffff]/, feed);
    // expat refuses what XML 1.0's Char production excludes (it stopped at U+FFFF: "not well-formed (invalid token)").
    const parsed = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])', join(root, 'dist', feed)], { encoding: 'utf8' });
    assert.equal(parsed.status, 0, `${feed}: ${parsed.stderr}`);
  }
});

test('no-control-character: a lone surrogate from a YAML escape is reported at its escape and held as U+FFFD, so the text underlined is what a reader sees; an escaped pair is a character', async () => {
  const text = cleanIssueWithMarkdown({}, { title: '"X \\ud800 y \\udc00 \\ud83d\\ude00 \\U0001F600"' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected lone surrogate U+D800 from the escape `\\ud800`, expected printable text: write the character itself, or both halves of its pair (`\\ud83d\\ude00` is 😀)',
      'Unexpected lone surrogate U+DC00 from the escape `\\udc00`, expected printable text: write the character itself, or both halves of its pair (`\\ud83d\\ude00` is 😀)',
    ],
  );
  assert.equal(modelOf(text).title, 'X \ufffd y \ufffd 😀 😀');
});

test('no-control-character: a line or paragraph separator pasted into a title or a summary is reported where it is, with what to write instead', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Copied from\u2029a PDF' }, { title: 'Sparse\u2028autoencoders' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-control-character 3:14', 'no-control-character 16:18']);
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected line separator U+2028, expected a space or a line break: replace it (most editors do not show it)',
      'Unexpected paragraph separator U+2029, expected a space or a line break: replace it (most editors do not show it)',
    ],
  );
});

test('no-control-character: a line separator from a YAML escape (`\\L`, `\\u2028`, `\\P`) is reported at the escape', async () => {
  const text = cleanIssue({ title: '"a\\Lb \\u2028 \\P"' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-control-character 3:10', 'no-control-character 3:14', 'no-control-character 3:21']);
  assert.equal(messages[0]!.message, 'Unexpected line separator U+2028 from the escape `\\L`, expected a space or a line break: replace the escape');
  assert.match(messages[2]!.message, /^Unexpected paragraph separator U\+2029 from the escape `\\P`/);
});
