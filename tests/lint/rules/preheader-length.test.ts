import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/preheader-length.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

const withPreheader = (preheader: string) => cleanIssue().replace(/^preheader: .*$/m, `preheader: ${preheader}`);

test('preheader-length: a preheader of 40–130 characters, or none, has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue().replace(/^preheader: .*\n/m, '') }), []);
});

test('preheader-length: a short preheader is reported at its value', async () => {
  const messages = await lintWith([rule], { 'a.md': withPreheader('New papers') });
  assert.deepEqual(places(messages), ['preheader-length 5:12']);
  assert.equal(messages[0]!.message, 'Unexpected preheader of 10 characters, expected 40 to 130');
});

test('preheader-length: a preheader of one character is said as one character', async () => {
  const [message] = await lintWith([rule], { 'a.md': withPreheader('x') });
  assert.equal(message!.message, 'Unexpected preheader of 1 character, expected 40 to 130');
});

test('preheader-length: a long preheader is reported', async () => {
  const [message] = await lintWith([rule], { 'a.md': withPreheader('word '.repeat(30).trim()) });
  assert.match(message!.message, /^Unexpected preheader of 149 characters/);
});
