import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/date-order.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

/** Issues numbered 1, 2, … dated as given. */
const issuesDated = (...dates: string[]) => Object.fromEntries(dates.map((date, i) => [`${i + 1}.md`, cleanIssue({ number: i + 1, date })]));

/** The messages of every issue of `issues`, `file ruleId line:column`. */
async function everyMessage(issues: Record<string, string>): Promise<string[]> {
  const all: string[] = [];
  for (const target of Object.keys(issues)) all.push(...places(await lintWith([rule], issues, { target })).map((place) => `${target} ${place}`));
  return all;
}

test('date-order: issues dated in the order of their numbers (equal dates too, a draft too) have no message', async () => {
  const issues = { ...issuesDated('2023-05-29', '2023-06-26', '2023-06-26'), '4.md': cleanIssue({ number: 4, date: '2023-07-31', status: 'draft' }) };
  assert.deepEqual(await everyMessage(issues), []);
});

test('date-order: a mistyped year dating an issue centuries off (`0023`, `2203`; a real calendar date that every feed and the sitemap would publish) is reported at its date, naming the issue it comes before or after; the issues around it are not blamed', async () => {
  const early = issuesDated('2023-05-29', '2023-06-26', '0023-07-31', '2023-08-28', '2023-09-25');
  assert.deepEqual(await everyMessage(early), ['3.md date-order 4:7']);
  const [message] = await lintWith([rule], early, { target: '3.md' });
  assert.equal(message!.message, "Unexpected date `0023-07-31`, before issue 2's `2023-06-26` though numbered after it, expected issues dated in the order of their numbers (a year mistyped?)");
  assert.equal(message!.severity, 'warning');
  const late = issuesDated('2023-05-29', '2203-06-26', '2023-07-31', '2023-08-28');
  assert.deepEqual(await everyMessage(late), ['2.md date-order 4:7']);
  const [after] = await lintWith([rule], late, { target: '2.md' });
  assert.match(after!.message, /^Unexpected date `2203-06-26`, after issue 3's `2023-07-31` though numbered before it/);
});

test('date-order: the first or the last issue dated out of order is reported, and a file whose date or number cannot be read is left to its own rules', async () => {
  assert.deepEqual(await everyMessage(issuesDated('2032-05-29', '2023-06-26', '2023-07-31')), ['1.md date-order 4:7']);
  assert.deepEqual(await everyMessage(issuesDated('2023-05-29', '2023-06-26', '2022-07-31')), ['3.md date-order 4:7']);
  const unread = { ...issuesDated('2023-05-29', '2023-07-31'), '3.md': cleanIssue({ number: 3, date: '2023-13-45' }), '4.md': cleanIssue({ number: 4, date: '2020-01-01' }).replace('number: 4', 'number: [4') };
  assert.deepEqual(await everyMessage(unread), []);
});

test('date-order: of two issues out of order, the one not yet sent is blamed: a draft `paperboy new` dated today after an issue sent for a later day, not the sent issue whose date readers got', async () => {
  const draftAfterSent = { '1.md': cleanIssue({ number: 1, date: '2026-12-07', status: 'sent' }), '2.md': cleanIssue({ number: 2, date: '2026-12-05', status: 'draft' }) };
  assert.deepEqual(await everyMessage(draftAfterSent), ['2.md date-order 4:7']);
  const [message] = await lintWith([rule], draftAfterSent, { target: '2.md' });
  assert.equal(message!.message, "Unexpected date `2026-12-05`, before issue 1's `2026-12-07` though numbered after it, expected issues dated in the order of their numbers (a year mistyped?)");
  // A ready issue's date is more settled than a draft's, a sent one's than a ready one's; it is the date that settles it, not the number.
  assert.deepEqual(await everyMessage({ '1.md': cleanIssue({ number: 1, date: '2026-12-07', status: 'ready' }), '2.md': cleanIssue({ number: 2, date: '2026-12-05', status: 'draft' }) }), ['2.md date-order 4:7']);
  assert.deepEqual(await everyMessage({ '1.md': cleanIssue({ number: 1, date: '2026-12-07', status: 'draft' }), '2.md': cleanIssue({ number: 2, date: '2026-12-05', status: 'sent' }) }), ['1.md date-order 4:7']);
  // The most issues in order still come first: two drafts in order are kept over one sent issue out of their order.
  const many = { '1.md': cleanIssue({ number: 1, date: '2023-01-01', status: 'draft' }), '2.md': cleanIssue({ number: 2, date: '2023-02-01', status: 'draft' }), '3.md': cleanIssue({ number: 3, date: '2022-12-01', status: 'sent' }) };
  assert.deepEqual(await everyMessage(many), ['3.md date-order 4:7']);
});

test('date-order: the newest issue dated decades after the one before (`2062` typed for `2026`: in order, so nothing else is out of order) is reported; a pause of under ten years is not', async () => {
  const typo = { ...issuesDated('2026-10-30'), '2.md': cleanIssue({ number: 2, date: '2062-12-04', status: 'draft' }) };
  assert.deepEqual(await everyMessage(typo), ['2.md date-order 4:7']);
  const [message] = await lintWith([rule], typo, { target: '2.md' });
  assert.equal(message!.message, "Unexpected date `2062-12-04`, 36 years after issue 1's `2026-10-30`, the issue numbered before it, expected issues dated close to their neighbours (a year mistyped?)");
  // The earlier one mistyped, the later one sent: the earlier is blamed.
  const early = { '1.md': cleanIssue({ number: 1, date: '1923-05-29', status: 'draft' }), '2.md': cleanIssue({ number: 2, date: '2023-06-26' }) };
  assert.deepEqual(await everyMessage(early), ['1.md date-order 4:7']);
  assert.match((await lintWith([rule], early, { target: '1.md' }))[0]!.message, /^Unexpected date `1923-05-29`, 100 years before issue 2's `2023-06-26`, the issue numbered after it/);
  assert.deepEqual(await everyMessage(issuesDated('2015-01-05', '2025-01-04')), []);
});
