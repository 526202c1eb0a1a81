import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanName, emailProblem, nameProblem } from '../../src/subscribers/model.js';

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

test('an address whose domain has a label written as an A-label (xn--) that decodes to no internationalized label (`reader@example.xn--org`) is refused, naming the label; a real A-label and its Unicode form are kept', () => {
  assert.match(emailProblem('reader@example.xn--org') ?? '', /its label `xn--org` starts with xn-- but is no internationalized label's ASCII form \(an A-label, RFC 5890\)/);
  assert.equal(emailProblem('reader@xn--exmple-cua.org'), undefined);
  assert.equal(emailProblem('reader@exämple.org'), undefined);
  assert.equal(emailProblem('reader@ex--ample.org'), undefined);
});
