import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/subject-number.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

/** Issue 2 (cleanIssue's layout) with `subject:` written as given, on line 4. */
const issueTwoWith = (subject: string) => cleanIssue({ number: 2 }).replace('date:', `subject: ${subject}\ndate:`);

test("subject-number: a subject naming the issue's own number, or no issue number, or none written, has no message", async () => {
  for (const subject of [
    '"#2: Evals for extreme risks"',
    '"#02: Evals for extreme risks"',
    'Issue 2 — Evals for extreme risks',
    'Evals for extreme risks',
    '"The #1 paper of 2023, and evals"',
    '"#1 paper: evals for extreme risks"',
    'Top 10 evals for extreme risks',
    'GPT-4 evals and the #3 benchmark',
    '"Issue 3 of the eval debate: extreme risks"',
  ]) {
    assert.deepEqual(await lintWith([rule], { 'a.md': issueTwoWith(subject) }), [], subject);
  }
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ number: 2, title: '#3: a title' }) }), []);
});

test('subject-number: a renumbered issue whose subject still says the old number is a warning at that number, fixed to the issue number', async () => {
  const text = issueTwoWith('"#3: Evals for extreme risks — and what RLHF cannot fix"');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['subject-number 4:11']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(
    messages[0]!.message,
    'Unexpected issue number `#3` in the subject, expected `#2` (`number: 2`): the subject is sent and titles the issue in the feeds as written',
  );
  assert.equal(applyFixes(text, messages).text, issueTwoWith('"#2: Evals for extreme risks — and what RLHF cannot fix"'));
});

test('subject-number: the number is found where newsletters write it, in any of the usual markers', async () => {
  const cases: [written: string, fixed: string][] = [
    ["'#3 — Evals'", "'#2 — Evals'"],
    ['"[#3] Evals"', '"[#2] Evals"'],
    ['Issue 3 | Evals', 'Issue 2 | Evals'],
    ['"issue #3: Evals"', '"issue #2: Evals"'],
    ['No. 3 - Evals', 'No. 2 - Evals'],
    ['№3 · Evals', '№2 · Evals'],
    ['"#003: Evals"', '"#002: Evals"'],
    ['"Test Newsletter #3: Evals"', '"Test Newsletter #2: Evals"'],
    ['"Test Newsletter — Issue 3: Evals"', '"Test Newsletter — Issue 2: Evals"'],
    ['Evals for extreme risks (#3)', 'Evals for extreme risks (#2)'],
    ['"Evals for extreme risks — #3"', '"Evals for extreme risks — #2"'],
    ['"#3"', '"#2"'],
  ];
  for (const [written, fixed] of cases) {
    const text = issueTwoWith(written);
    const messages = await lintWith([rule], { 'a.md': text });
    assert.equal(messages.length, 1, written);
    assert.equal(applyFixes(text, messages).text, issueTwoWith(fixed), written);
  }
});

test('subject-number: a number written through a YAML escape is reported at the subject without a fix', async () => {
  const text = issueTwoWith(String.raw`"#\x33: Evals"`);
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['subject-number 4:10']);
  assert.match(messages[0]!.message, /^Unexpected issue number `#3` in the subject, expected `#2`/);
  assert.equal(messages[0]!.fix, undefined);
});

test('subject-number: a number YAML folds onto its own line is reported where it is written, in the block, without a fix', async () => {
  const text = issueTwoWith('>-\n  Evals for extreme risks\n  (#3)');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(messages.map((m) => [m.line, m.column, m.endLine, m.endColumn]), [[6, 4, 6, 6]]);
  assert.equal(messages[0]!.fix, undefined);
});

test('subject-number: an issue whose `number` is refused (an exponent, past the safe integers, `.nan`, 0) has no message and no fix: its subject is left as written, never rewritten to `#0`', async () => {
  for (const written of ['2.0e0', '99999999999999999999999999999999999999', '.nan', '0', '-2']) {
    const text = issueTwoWith('"#2: Evals for extreme risks"').replace('number: 2\n', `number: ${written}\n`);
    assert.notEqual(text, issueTwoWith('"#2: Evals for extreme risks"'), written);
    assert.deepEqual(await lintWith([rule], { 'a.md': text }), [], written);
  }
});
