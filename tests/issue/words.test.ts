import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { asciiWordBound, countWords, countWordsIn, wordsOver } from '../../src/issue/words.js';
import { segmentedLengths } from '../helpers/segmenter-spy.js';

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

/** Intl.Segmenter over the whole text at once: what countWordsIn, which segments a long text piece by piece, must equal. */
function wordsOfWholeText(text: string): number {
  let count = 0;
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) if (segment.isWordLike) count += 1;
  return count;
}

test('words: a long text counted piece by piece has the words of the whole text, whatever its scripts, marks and breaks', () => {
  // Pieces around the places it may cut (a space before a letter or digit, a line break) and what could join across them.
  const piece = fc.constantFrom('a', 'Z', '7', ' ', '  ', '\n', '\r\n', '\u2028', '.', "'", ',', '3.5', "don't", 'e.g.', '\u0301', '\u200d', '\u00ad', '研究', '表明', 'ภาษาไทย', '👩\u200d💻', '🇫🇷', 'שָׁלוֹם', '"', 'x_1', '\t');
  fc.assert(
    fc.property(fc.array(piece, { minLength: 600, maxLength: 1500 }).map((pieces) => pieces.join('')), (text) => {
      assert.equal(countWordsIn(text), wordsOfWholeText(text));
    }),
    { numRuns: 60, seed: 1024 },
  );
});

test('words: a long text is given to Intl.Segmenter in pieces of about a kilobyte, whose time grows with its length alone', (t) => {
  // Node 20's segmenter takes time growing faster than its input: a summary of 20,000 short lines, segmented whole, took minutes.
  const lengths = segmentedLengths(t);
  const text = Array.from({ length: 2_000 }, (_, i) => `line ${i} of text  `).join('\n');
  assert.equal(countWordsIn(text), 2_000 * 4);
  assert.equal(lengths.reduce((sum, length) => sum + length, 0), text.length);
  assert.ok(Math.max(...lengths) <= 1024 + 20, `the longest piece: ${Math.max(...lengths)} code units`);
});

test('words: a long summary with no ASCII letter after its spaces (Russian, or markup after each space) is still given to Intl.Segmenter in pieces', (t) => {
  const lengths = segmentedLengths(t);
  assert.equal(countWordsIn('слово '.repeat(20_000)), 20_000);
  assert.equal(countWordsIn('*a **a '.repeat(20_000)), 40_000);
  assert.equal(countWordsIn('研究表明。'.repeat(20_000)), wordsOfWholeText('研究表明。'.repeat(200)) * 100);
  assert.ok(Math.max(...lengths) <= 1024 + 8, `the longest piece: ${Math.max(...lengths)} code units`);
});

