import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanName, emailProblem, emailRefusal, nameProblem } from '../../src/subscribers/model.js';

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

test('an address whose domain ends in an all-numeric label (`x@x.123`, `v@123.456.789.0`, an IP address without brackets) is refused: no top-level domain is all digits (RFC 3696 §2); a label of digits and letters is kept', () => {
  assert.equal(emailProblem('x@x.123'), 'Unexpected email address `x@x.123` (its domain `x.123` ends in `.123`, and no top-level domain is all digits), expected an address such as reader@example.org');
  assert.match(emailProblem('v@123.456.789.0') ?? '', /^Unexpected email address `v@123\.456\.789\.0` \(its domain `123\.456\.789\.0` ends in `\.0`, and no top-level domain is all digits\)/);
  assert.deepEqual(emailRefusal('reader@1.2.3.4')?.fault, { kind: 'no-top-level', domain: '1.2.3.4' });
  assert.match(emailProblem('reader@[1.2.3.4]') ?? '', /\(it has `\[`\)/, 'an address literal stays refused for its bracket');
  assert.equal(emailProblem('reader@123.example.org'), undefined);
  assert.equal(emailProblem('reader@example.1a'), undefined);
});

test('an address with a space other than the ASCII one (a no-break space pasted from a web page, a thin or an ideographic space) names it by its code point, which shows as a plain space, and the address meant without it; a plain space is said as before', () => {
  assert.equal(emailProblem('ada\u00a0@example.org'), 'Unexpected email address `ada<U+00A0>@example.org` (it has the space character U+00A0), expected the address alone, `ada@example.org`');
  assert.equal(emailProblem('ada@example.org\u3000'), 'Unexpected email address `ada@example.org<U+3000>` (it has the space character U+3000), expected the address alone, `ada@example.org`');
  assert.equal(emailProblem('ada @example.org'), 'Unexpected email address `ada @example.org` (it has a space), expected an address such as reader@example.org');
  assert.deepEqual(emailRefusal('ada\u202f@example.org')?.fault, { kind: 'space' });
});
