import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { asciiWordBound, countWords, countWordsIn, wordsOver } from '../../src/issue/words.js';

test('words: a CJK summary counts its words, not the runs between spaces', () => {
  assert.ok(countWords(parseMarkdown('研究表明，大型语言模型的能力随规模增长。')) >= 6);
  assert.ok(countWordsIn('大型语言模型') >= 2);
});

test('words: each block counts on its own; a paragraph never glues to the next', () => {
  assert.equal(countWords(parseMarkdown('one two.\n\nthree\n\n- four\n- five\n\n> six')), 6);
});

test('words: link URLs, definitions, footnote labels and Markdown syntax are not words; code, math and alt text are', () => {
  const tree = parseMarkdown('**One** [two](https://example.org/three-four) `five` $x$ ![six](https://e.org/i.png)[^n].\n\n[ref]: https://example.org/a "Title"\n[^n]: Seven.');
  assert.equal(countWords(tree), 6);
});

test('words: the ASCII bound is never below what Intl.Segmenter counts, so a limit it passes holds', () => {
  const piece = fc.constantFrom('a', 'Z', '0', '9', '_', '.', ',', ';', ':', "'", '"', '-', ' ', '\n', '\t', '$', '@', '#', '/', '(', ')', 'e.g.', "don't", '3.5', '1,000', 'state-of-the-art', 'x_1', '__');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')), (text) => {
      assert.ok(asciiWordBound(text) >= countWordsIn(text), `${JSON.stringify(text)}: bound ${asciiWordBound(text)}, words ${countWordsIn(text)}`);
    }),
    { numRuns: 5_000, seed: 29 },
  );
  assert.equal(asciiWordBound('研究'), Infinity);
});

test('words: wordsOver gives the exact count past the limit and nothing within it, CJK included', () => {
  const tree = parseMarkdown('one two three\n\n研究表明模型很大');
  const count = countWords(tree);
  assert.equal(wordsOver(tree, count), undefined);
  assert.equal(wordsOver(tree, count - 1), count);
  assert.equal(wordsOver(parseMarkdown('one two three'), 2), 3);
  assert.equal(wordsOver(parseMarkdown('one two three'), 3), undefined);
});
