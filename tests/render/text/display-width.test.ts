import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { displayWidth } from '../../../src/render/text/index.js';

// displayWidth counts one column a character, without string-width, for
// the characters of most newsletters' names and words: it must give
// string-width's count, on each character and on any text of them.

/** U+0000–U+024F (ASCII, Latin-1, Latin Extended-A and -B) and General Punctuation, U+2000–U+206F: the fast path's characters and their neighbours. */
const CHARACTERS = [...Array.from({ length: 0x250 }, (_, code) => code), ...Array.from({ length: 0x70 }, (_, i) => 0x2000 + i)].map((code) => String.fromCharCode(code));

test("displayWidth gives string-width's columns for every character of Latin-1, Latin Extended-A and -B and General Punctuation", () => {
  const differing = CHARACTERS.filter((character) => displayWidth(character) !== stringWidth(character)).map((character) => `U+${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  assert.deepEqual(differing, []);
});

test("displayWidth gives string-width's columns for any text of those characters, combining marks, emoji and CJK among them", () => {
  // Control characters (which string-width counts as none) mostly left out: a text holding one is not measured by the fast path.
  const control = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
  const printable = CHARACTERS.filter((character) => !control(character.charCodeAt(0)));
  const character = fc.oneof(
    { arbitrary: fc.constantFrom(...printable), weight: 20 },
    { arbitrary: fc.constantFrom(...CHARACTERS), weight: 1 },
    { arbitrary: fc.constantFrom('\u0301', '\u0308', '\ufe0f', '\u200d', '😀', '中', '\u2068', 'e'), weight: 1 },
  );
  fc.assert(
    fc.property(fc.array(character, { maxLength: 20 }), (characters) => {
      const text = characters.join('');
      assert.equal(displayWidth(text), stringWidth(text), JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});
