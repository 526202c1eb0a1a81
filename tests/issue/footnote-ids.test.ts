import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { footnoteIdLabel } from '../../src/issue/footnote-ids.js';

/** Identifiers as micromark hands them over (upper case), from characters that spell escapes, fold case or need encoding. */
const identifier = fc
  .array(fc.oneof(fc.constantFrom('a', 'A', 'd', 'c', '2', '5', '_', '-', '%', '"', 'ü', 'Ü', 'ß', 'S', 'İ', 'i', '\u212a', 'k'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), { minLength: 1, maxLength: 8 })
  .map((characters) => characters.join('').toLowerCase().toUpperCase());

test('footnote ids: a label of ASCII letters and digits keeps the id it always had (lower case)', () => {
  assert.equal(footnoteIdLabel('NOTE1'), 'note1');
  assert.equal(footnoteIdLabel('1'), '1');
  fc.assert(fc.property(fc.stringMatching(/^[A-Z0-9]{1,12}$/), (label) => footnoteIdLabel(label) === label.toLowerCase()));
});

test('footnote ids: any other character is an escape of its code point, never percent-encoded', () => {
  assert.equal(footnoteIdLabel('Ü'), '_dc_');
  assert.equal(footnoteIdLabel('<SCRIPT>'), '_3c_script_3e_');
  assert.equal(footnoteIdLabel('A-2'), 'a_2d_2');
  assert.equal(footnoteIdLabel('_DC_'), '_5f_dc_5f_');
  assert.equal(footnoteIdLabel('😀'), '_1f600_');
});

test('footnote ids: every label part is valid after a prefix (html-validate valid-id), has no `-`, and two labels never share one', () => {
  fc.assert(
    fc.property(identifier, identifier, (a, b) => {
      assert.match(footnoteIdLabel(a), /^[a-z0-9_]+$/);
      // The same footnote (micromark case-folds, mdast-util-to-hast keys by upper case) has the same ids; another has others.
      assert.equal(footnoteIdLabel(a) === footnoteIdLabel(b), a.toUpperCase() === b.toUpperCase());
      // A label written as another's id part (`[^_dc_]` beside `[^ü]`) is another label, with other ids.
      const spelled = footnoteIdLabel(a).toUpperCase();
      assert.equal(footnoteIdLabel(spelled) === footnoteIdLabel(a), spelled === a.toUpperCase());
    }),
    { numRuns: 5000 },
  );
});
