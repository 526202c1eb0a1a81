import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLine } from '../../src/diagnostics/one-line.js';

test('a long quote in a message keeps its start and end around …; short quotes and the words around them are as written', () => {
  const long = `${'a'.repeat(60)}${'b'.repeat(60)}`;
  const shortened = oneLine(`Unexpected math \`${long}\`, expected \`\\$\``);
  assert.match(shortened, /^Unexpected math `a{56}…b{23}`, expected `\\\$`$/);
  assert.equal(oneLine('Unexpected `` ` `` here'), 'Unexpected `` ` `` here');
  // Cut between characters: no half of an emoji's surrogate pair is left alone.
  assert.doesNotMatch(oneLine(`Unexpected \`${'😀'.repeat(100)}\``), /[\uD800-\uDFFF]/u);
});

test('a quote after the message\'s `expected` is what to write, kept whole however long; one before it, of what was written, is shortened', () => {
  const url = 'https://www.lesswrong.com/posts/6eKL9wDqeiELbKPDj/unfaithful-explanations-in-chain-of-thought-prompting';
  const message = oneLine(`Unexpected bare URL \`${url}\`, expected a link with words, such as \`[the paper](${url})\``);
  assert.equal(message, `Unexpected bare URL \`https://www.lesswrong.com/posts/6eKL9wDqeiELbKPDj/unfait…in-of-thought-prompting\`, expected a link with words, such as \`[the paper](${url})\``);
  // The word `expected` inside a quote of what was written does not start what to write.
  const quoted = oneLine(`Unexpected \`${'x'.repeat(40)} expected ${'y'.repeat(60)}\` here, expected \`${'z'.repeat(100)}\``);
  assert.match(quoted, /^Unexpected `x{40} expected y{6}…y{23}` here, expected `z{100}`$/);
  // Only a hostile file's text to write is past MAX_WHOLE_QUOTE: it is shortened too, and kept on one line.
  assert.match(oneLine(`Unexpected x, expected \`${'a'.repeat(1500)}\n${'b'.repeat(1500)}\``), /^Unexpected x, expected `a{700}…b{299}`$/);
});
