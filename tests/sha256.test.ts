import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { sha256 } from '../src/sha256.js';

test('sha256 gives what createHash gives, for text (as UTF-8, lone surrogates included) and bytes', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => assert.equal(sha256(text), createHash('sha256').update(text).digest('hex'))),
    { numRuns: 1000 },
  );
  fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => assert.equal(sha256(bytes), createHash('sha256').update(bytes).digest('hex'))), { numRuns: 500 });
  assert.equal(sha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});
