import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { countWords, countWordsIn } from '../../src/issue/words.js';

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
