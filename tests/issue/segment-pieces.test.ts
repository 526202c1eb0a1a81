import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { graphemePieces, SEGMENT_HARD_LIMIT, wordPieces } from '../../src/issue/segment-pieces.js';

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Each segment with whether it is word-like: what a word count reads. */
const segmentsOf = (segmenter: Intl.Segmenter, parts: readonly string[]) => parts.flatMap((part) => Array.from(segmenter.segment(part), ({ segment, isWordLike }) => `${segment}${isWordLike ? '\u0001' : ''}`));

// Every kind of character the cut rules name, and what could join across a cut: spaces and line breaks,
// marks (combining, spacing, Indic virama), joiners, emoji with modifiers and ZWJ, flags, Hangul jamo,
// Arabic prepended marks, scripts ICU segments by dictionary, the ideographic punctuation cut after,
// and the characters WB6/7 and WB11/12 look through.
const PIECES = [
  'a', 'Z', '7', 'x', ' ', '  ', '\n', '\r\n', '\r', '\u2028', '\u00a0', '.', "'", ',', ':', ';', '3.5', "don't", 'e.g.', '_', '*', '(',
  '\u0301', '\u0308', '\u093f', '\u094d', '\u0915', '\u0937', 'क्ष', '\u200d', '\u200c', '\u00ad', '\ufeff',
  '研究', '表明', '数学的推論', 'この論文', 'カタカナ', '\uff9e', 'ｶﾞ', '。', '、', '！', '？', '：', '，',
  'ภาษาไทย', 'ำ', 'ສະບາຍ', '\u0e33',
  '👩\u200d💻', '👍', '\u{1f3fd}', '🇫🇷', '🇩', '🇪', '\u2764\ufe0f', '1\ufe0f\u20e3',
  '\u1100', '\u1161', '\u11a8', '한국어',
  '\u0600', '\u0661', '\u0d4e', 'ക',
  'שָׁלוֹם', '"', 'x_1', '\t', 'Ω', 'ж', 'é', 'e\u0301', '\ud800',
];

const texts = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 400 }).map((parts) => parts.join(''));

test('segment pieces: word segments of the pieces are the whole text\'s, cut wherever the rules allow (pieces of 8 code units)', () => {
  fc.assert(
    fc.property(texts, (text) => {
      const parts = wordPieces(text, 8, 1_000_000);
      assert.equal(parts.join(''), text);
      assert.deepEqual(segmentsOf(words, parts), segmentsOf(words, [text]));
    }),
    { numRuns: 3_000, seed: 1201 },
  );
});

test('segment pieces: grapheme clusters of the pieces are the whole text\'s, cut wherever the rules allow (pieces of 4 code units)', () => {
  fc.assert(
    fc.property(texts, (text) => {
      const parts = graphemePieces(text, 4, 1_000_000);
      assert.equal(parts.join(''), text);
      assert.deepEqual(segmentsOf(graphemes, parts), segmentsOf(graphemes, [text]));
    }),
    { numRuns: 3_000, seed: 1202 },
  );
});

test('segment pieces: a text with no place to cut is cut at the hard limit, never inside a surrogate pair', () => {
  for (const text of ['x'.repeat(20_000), '数学的推論'.repeat(4_000), '😀'.repeat(10_000), `a${'😀'.repeat(10_000)}`]) {
    for (const parts of [wordPieces(text), graphemePieces(text)]) {
      assert.equal(parts.join(''), text);
      for (const part of parts) {
        assert.ok(part.length <= SEGMENT_HARD_LIMIT);
        assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(part), 'no lone surrogate made by a cut');
      }
    }
  }
});
