import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { quotesEndedEarly } from '../../src/diagnostics/yaml-quoted-start.js';

test('a value whose own quote ends its quotes early is said with a `key: value` line that reads back as the text', () => {
  const message = quotesEndedEarly('venue', "'Editor's Digest'");
  assert.match(message ?? '', /expected the text in quotes that its `'` does not close: `venue: "Editor's Digest"`$/);
  assert.equal((parseDocument(`venue: "Editor's Digest"`).toJS() as { venue: string }).venue, "Editor's Digest");
  // Over several lines, the suggestion is one line.
  assert.match(quotesEndedEarly('title', '"Attention" is all', ' on one line') ?? '', /expected the whole text on one line in quotes: `title: '"Attention" is all'`$/);
  // Quotes YAML reads whole, and a value with no quote at its start, are no such mistake.
  assert.equal(quotesEndedEarly('title', "'Editor''s Digest'"), undefined);
  assert.equal(quotesEndedEarly('title', 'Editor\'s "Digest"'), undefined);
});
