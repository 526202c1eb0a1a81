import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { joinParts, type DataFileParts } from '../../src/archive/data-files.js';
import { spliceParts, type Part, type PartIndex, type SplicedChunk } from '../../src/archive/splice.js';

const layouts: Record<string, DataFileParts> = {
  json: { header: '{\n  "papers": [\n    ', separator: ',\n    ', footer: '\n  ]\n}\n', empty: '{\n  "papers": []\n}\n' },
  csv: { header: '\uFEFFa,b\r\n', separator: '', footer: '', empty: '\uFEFFa,b\r\n' },
};

const partsOf = (texts: readonly (readonly [string, string])[]): Part[] => texts.map(([key, text]) => ({ key, text: () => text }));
/** The file the chunks make, its ranges copied from `previous` (what the writer copies from the previous file). */
const fileOf = (chunks: readonly SplicedChunk[], previous: Buffer = Buffer.alloc(0)): Buffer => Buffer.concat(chunks.map((chunk) => (chunk instanceof Uint8Array ? chunk : previous.subarray(chunk.start, chunk.end))));
const bytesOf = (chunks: readonly SplicedChunk[], previous?: Buffer) => fileOf(chunks, previous).toString('utf8');

/** Parts with unique keys; texts with multi-byte characters, so offsets are bytes, not characters. */
const partList = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 12 })), { selector: ([key]) => key, maxLength: 12 });

test('a file spliced from the previous build equals the same parts written anew, whatever changed, moved, came or went', () => {
  fc.assert(
    fc.property(fc.constantFrom('json', 'csv'), partList.chain((before) => fc.tuple(fc.constant(before), fc.shuffledSubarray(before), partList)), (name, [before, kept, added]) => {
      const layout = layouts[name]!;
      const first = spliceParts(layout, partsOf(before), undefined);
      assert.equal(bytesOf(first.chunks), joinParts(layout, before.map(([, text]) => text)));
      const previousFile = fileOf(first.chunks);
      const previous = { size: previousFile.byteLength, index: first.index };
      // The next build keeps some parts (in any order) and adds others; a key is a hash of what its part is made of, so a kept key keeps its text.
      const known = new Set(before.map(([key]) => key));
      const next = [...kept, ...added.filter(([key]) => !known.has(key))];
      const second = spliceParts(layout, partsOf(next), previous);
      assert.equal(bytesOf(second.chunks, previousFile), joinParts(layout, next.map(([, text]) => text)));
      // The index it returns says where each part lies, for the build after.
      const bytes = fileOf(second.chunks, previousFile);
      for (const [key, text] of next) {
        const [offset, length] = second.index.get(key)!;
        assert.equal(bytes.subarray(offset, offset + length).toString('utf8'), text);
      }
    }),
    { numRuns: 300 },
  );
});

test('an unchanged part is copied from the previous file, not written again', () => {
  const layout = layouts.json!;
  const previous = spliceParts(layout, partsOf([['a', 'A'], ['b', 'B'], ['c', 'C']]), undefined);
  let rendered = 0;
  const parts: Part[] = [
    { key: 'a', text: () => (rendered++, 'A') },
    { key: 'x', text: () => (rendered++, 'X') },
    { key: 'c', text: () => (rendered++, 'C') },
  ];
  const previousFile = fileOf(previous.chunks);
  const next = spliceParts(layout, parts, { size: previousFile.byteLength, index: previous.index });
  assert.equal(rendered, 1);
  assert.equal(bytesOf(next.chunks, previousFile), joinParts(layout, ['A', 'X', 'C']));
  // Copied as ranges of the previous file: the writer never holds it whole.
  assert.equal(next.chunks.filter((chunk) => !(chunk instanceof Uint8Array)).length, 2);
});

test('a part index that points past the end of the previous file (a file cut short) is not trusted', () => {
  const layout = layouts.csv!;
  const index: PartIndex = new Map([['a', [0, 999]]]);
  const next = spliceParts(layout, partsOf([['a', 'row\r\n']]), { size: Buffer.byteLength('short'), index });
  assert.equal(bytesOf(next.chunks), joinParts(layout, ['row\r\n']));
});
