import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanName, nameProblem } from '../../src/subscribers/model.js';

test('a name is measured in characters: 200 emoji fit, 201 do not, whatever their UTF-16 length', () => {
  assert.equal(nameProblem('🦘'.repeat(200)), undefined);
  assert.equal(nameProblem('🦘'.repeat(201)), 'Unexpected name of 201 characters, expected at most 200');
});

test('a lone surrogate in a name becomes one U+FFFD, which UTF-8 can store; a pair stays; controls become spaces', () => {
  assert.equal(cleanName('Ada \ud800 Lovelace'), 'Ada \ufffd Lovelace');
  assert.equal(cleanName('\udc00Ada'), '\ufffdAda');
  assert.equal(cleanName('Ada 🦘'), 'Ada 🦘');
  assert.equal(cleanName('Ada\r\nLovelace\u0000'), 'Ada Lovelace');
  assert.ok(Buffer.from(cleanName('\ud800'), 'utf8').toString('utf8') === '\ufffd');
});
