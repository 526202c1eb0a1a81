import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { subscriberCsv, unescapeFormula } from '../../src/subscribers/csv-export.js';
import type { Subscriber } from '../../src/subscribers/model.js';

const subscriber = (email: string, name: string): Subscriber => ({
  id: 1,
  email,
  name,
  status: 'active',
  consentSource: 'cli',
  consentAt: '2024-01-01T00:00:00.000Z',
  confirmedAt: null,
  unsubscribedAt: null,
});

/** The cells of an export as import reads them back: CSV fields, each through `unescapeFormula`. */
const readBack = (email: string, name: string): string[] => {
  const [, row] = parse([...subscriberCsv([subscriber(email, name)])].join(''), { relax_column_count: true }) as string[][];
  return row!.slice(0, 2).map(unescapeFormula);
};

/** A cell starting with any run of the characters formula escaping is about. */
const cell = fc
  .tuple(fc.array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r'), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 8 }))
  .map(([start, rest]) => start.join('') + rest);

test('csv export: every cell reads back as it was, one starting with a quote before a formula character included', () => {
  assert.deepEqual(readBack("'+q@example.org", "'=Name"), ["'+q@example.org", "'=Name"]);
  fc.assert(fc.property(cell, cell, (email, name) => assert.deepEqual(readBack(email, name), [email, name])), { numRuns: 2000 });
});

test('csv export: no cell starts with a character a spreadsheet runs as a formula', () => {
  fc.assert(
    fc.property(cell, (text) => {
      const [, row] = parse([...subscriberCsv([subscriber(text, text)])].join('')) as string[][];
      for (const field of row!) assert.doesNotMatch(field, /^[=+\-@\t\r]/);
    }),
    { numRuns: 1000 },
  );
});
