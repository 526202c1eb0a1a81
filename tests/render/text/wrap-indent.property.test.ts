import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { displayWidth, wrapText } from '../../../src/render/text/index.js';

/**
 * wrapText with a first line's prefix of another width than the lines
 * under it (a title's `1. ` and its hanging indent): each line is filled
 * to the limit after its own prefix, never past it, the words kept.
 */

const LIMIT = 72;

// Words none of which reads as structure at a line's start (line-start.ts), so wrapping is purely greedy: Latin ones of
// one column a letter, and a Chinese character or an emoji of two (alone: a run of them may break inside, breaks.ts).
const latin = fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'n', 'é', 'Z'), minLength: 1, maxLength: 14 });
const word = fc.oneof({ arbitrary: latin, weight: 4 }, { arbitrary: fc.constantFrom('日', '語', '😀', '👍🏽'), weight: 1 });
const indent = fc.integer({ min: 0, max: 12 }).map((n) => ' '.repeat(n));

/** The words of wrapped `lines` after their prefixes, in order. */
const wordsOf = (lines: readonly string[]): string[] => lines.flatMap((line) => line.trim().split(/\s+/)).filter((w) => w !== '');

test('wrapText with a hanging indent fills every line to the limit after its own indent, never past it, the words unchanged (property)', () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), indent, indent, (words, first, rest) => {
      const lines = wrapText(words.join(' '), LIMIT, { initialIndent: first, subsequentIndent: rest }).split('\n');
      assert.deepEqual(wordsOf(lines), words, 'the words and their order');
      lines.forEach((line, i) => {
        const prefix = i === 0 ? first : rest;
        assert.ok(line.startsWith(prefix), `line ${i} starts with its own indent`);
        const own = line.slice(prefix.length).split(' ');
        // A word wider than its line's room stands alone on its line; otherwise the line fits.
        if (own.length > 1) assert.ok(displayWidth(line) <= LIMIT, `line ${i} is ${displayWidth(line)} columns: ${JSON.stringify(line)}`);
        const next = lines[i + 1];
        if (next !== undefined) {
          const nextWord = next.slice(rest.length).split(' ')[0]!;
          assert.ok(displayWidth(line) + 1 + displayWidth(nextWord) > LIMIT, `line ${i} (${displayWidth(line)} columns) could have taken "${nextWord}"`);
        }
      });
    }),
    { seed: 20261204, numRuns: 400 },
  );
});

test('a numbered title of 70 to 72 columns with a hanging indent of three stays on one line; at 73 it wraps under the indent', () => {
  const titles = [
    '1. Towards Monosemanticity: Decomposing Language Models With Dictionar',
    '1. Towards Monosemanticity: Decomposing Language Models With Dictionary',
    '1. Towards Monosemanticity: Decomposing Language Models Using Dictionary',
  ];
  titles.forEach((title, i) => {
    assert.equal(displayWidth(title), 70 + i);
    assert.equal(wrapText(title, LIMIT, { subsequentIndent: '   ' }), title, `${70 + i} columns`);
    assert.equal(wrapText(title, LIMIT, { subsequentIndent: '   ', noOrphan: true }), title, `${70 + i} columns, noOrphan`);
  });
  const over = '1. Towards Monosemanticity: Decomposing Language Models With Dictionaries';
  assert.equal(displayWidth(over), 73);
  assert.equal(wrapText(over, LIMIT, { subsequentIndent: '   ' }), '1. Towards Monosemanticity: Decomposing Language Models With\n   Dictionaries');
});

test('a wide first line prefix leaves the lines under it their own room: an indent of 8 then none fills the later lines to 72', () => {
  const text = 'lorem ipsum dolor sit amet '.repeat(8).trim();
  const lines = wrapText(text, LIMIT, { initialIndent: ' '.repeat(8), subsequentIndent: '' }).split('\n');
  assert.ok(lines.length > 2);
  assert.ok(displayWidth(lines[0]!) <= LIMIT);
  assert.ok(lines.slice(1, -1).every((line) => displayWidth(line) > 66), lines.map(displayWidth).join(' '));
});
