import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/subject-length.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

const LONG_TITLE = 'Steering vectors, emergence mirages, unfaithful chains of thought, and what they mean';

test('subject-length: a short default subject has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('subject-length: a long default subject is reported at the title', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ title: LONG_TITLE }) });
  assert.deepEqual(places(messages), ['subject-length 3:8']);
  assert.match(messages[0]!.message, /^Unexpected default subject `#1: Steering.*` of 89 characters, expected at most 78/);
});

test('subject-length: a long subject is reported at the subject; a short one fixes a long title', async () => {
  const withSubject = (subject: string) => cleanIssue({ title: LONG_TITLE }).replace('date:', `subject: ${subject}\ndate:`);
  const messages = await lintWith([rule], { 'a.md': withSubject(`"#1: ${LONG_TITLE}"`) });
  assert.deepEqual(places(messages), ['subject-length 4:10']);
  assert.equal(messages[0]!.message, 'Unexpected subject of 89 characters, expected at most 78');
  assert.deepEqual(await lintWith([rule], { 'a.md': withSubject('"#1: Steering and mirages"') }), []);
});

test('subject-length: counts characters, not UTF-16 units or bytes (astral letters, CJK, accents)', async () => {
  const withSubject = (subject: string) => cleanIssue().replace('date:', `subject: "${subject}"\ndate:`);
  // 𝔼 is one character and two UTF-16 units; 研 is three UTF-8 bytes.
  assert.deepEqual(await lintWith([rule], { 'a.md': withSubject('𝔼'.repeat(40) + '研'.repeat(30) + 'é'.repeat(8)) }), []);
  const messages = await lintWith([rule], { 'a.md': withSubject('𝔼'.repeat(79)) });
  assert.equal(messages[0]!.message, 'Unexpected subject of 79 characters, expected at most 78');
});
