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
