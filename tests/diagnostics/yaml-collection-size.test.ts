import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isSeq, parseDocument, visit } from 'yaml';
import { yamlCollectionExcess } from '../../src/diagnostics/yaml-collection-size.js';

/** Small limits, so that generated texts come near them and past them. */
const LIMITS = { mapping: 6, sequence: 9 };

/** Whether yaml's own document of `text` holds a collection past LIMITS: the reading the check stands in for. */
function composedExcess(text: string): boolean {
  let past = false;
  visit(parseDocument(text, { uniqueKeys: false }), {
    Map(_key, node) {
      if (isMap(node) && node.items.length > LIMITS.mapping) past = true;
    },
    Seq(_key, node) {
      if (isSeq(node) && node.items.length > LIMITS.sequence) past = true;
    },
  });
  return past;
}

const word = fc.stringMatching(/^[a-z]{1,6}$/);
const lineBreak = fc.constantFrom('\n', '\r\n');

/** A collection of up to `entries` entries, block or flow, nested to `depth`, at `indent` spaces. */
function collection(depth: number, indent: string): fc.Arbitrary<string> {
  const value: fc.Arbitrary<string> = depth === 0 ? word : fc.oneof(word, word, flow(depth - 1));
  const blockValue: fc.Arbitrary<string> = depth === 0 ? word.map((w) => ` ${w}`) : fc.oneof(word.map((w) => ` ${w}`), fc.tuple(lineBreak, collection(depth - 1, `${indent}  `)).map(([br, inner]) => `${br}${inner}`));
  const mapping = fc
    .tuple(fc.uniqueArray(word, { minLength: 1, maxLength: 9 }), fc.array(blockValue, { minLength: 9, maxLength: 9 }), lineBreak)
    .map(([keys, values, br]) => keys.map((key, i) => `${indent}${key}:${values[i]}`).join(br));
  const sequence = fc.tuple(fc.array(blockValue, { minLength: 1, maxLength: 12 }), lineBreak).map(([items, br]) => items.map((item) => `${indent}-${item}`).join(br));
  return fc.oneof(mapping, sequence, value.map((v) => `${indent}k: ${v}`));
}

function flow(depth: number): fc.Arbitrary<string> {
  const entry: fc.Arbitrary<string> = depth === 0 ? word : fc.oneof(word, word, flow(depth - 1));
  const separator = fc.constantFrom(', ', ',', ',\n          ');
  const list = fc.tuple(fc.array(entry, { minLength: 0, maxLength: 12 }), separator, fc.boolean()).map(([items, sep, trailing]) => `[${items.join(sep)}${trailing && items.length > 0 ? ',' : ''}]`);
  const map = fc
    .tuple(fc.uniqueArray(word, { minLength: 0, maxLength: 9 }), fc.array(entry, { minLength: 9, maxLength: 9 }), separator)
    .map(([keys, values, sep]) => `{${keys.map((key, i) => `${key}: ${values[i]}`).join(sep)}}`);
  return fc.oneof(list, map);
}

test('property: a frontmatter holds a collection past its limit, by the check, exactly when yaml\'s composed document holds one; the count of lines and commas passes over no such text', () => {
  fc.assert(
    fc.property(collection(2, ''), (text) => {
      assert.equal(parseDocument(text).errors.length, 0, `generated YAML that does not parse: ${JSON.stringify(text)}`);
      assert.equal(yamlCollectionExcess(text, LIMITS) !== undefined, composedExcess(text), JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

test('a text with fewer lines than the smaller limit and fewer commas is passed over; one past it by lines alone or commas alone is counted', () => {
  const keys = (n: number, br: string) => Array.from({ length: n }, (_, i) => `k${i}: v`).join(br);
  assert.equal(yamlCollectionExcess(keys(6, '\n'), LIMITS), undefined);
  assert.deepEqual(yamlCollectionExcess(keys(7, '\n'), LIMITS), { offset: 36, kind: 'mapping' });
  assert.deepEqual(yamlCollectionExcess(keys(7, '\r\n'), LIMITS), { offset: 42, kind: 'mapping' });
  assert.equal(yamlCollectionExcess('k: [a, b, c, d, e, f, g, h, i]', LIMITS), undefined);
  assert.deepEqual(yamlCollectionExcess('k: [a, b, c, d, e, f, g, h, i, j]', LIMITS), { offset: 31, kind: 'sequence' });
});
