import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, openPage, showsTitles, siteInChromium, skip } from './chromium.js';
import { textBoxes } from '../helpers/text-boxes.js';
import { ARABIC_AUTHORS, ARABIC_TITLE, ARABIC_VENUE, RIGHT_TO_LEFT_ISSUE } from '../render/fixtures/right-to-left.js';

/**
 * Right-to-left values on the archive's pages in Chromium: where each word
 * lands on its line, on the issue page (built) and in the papers page's
 * search results (laid out by papers.js).
 */
const archive = siteInChromium((root) => {
  writeFileSync(join(root, 'issues', '0006-rtl.md'), RIGHT_TO_LEFT_ISSUE.replace('number: 1', 'number: 6').replace('date: 2023-05-29', 'date: 2023-08-07'));
});

test('archive (Chromium): on the issue page an Arabic venue keeps its comma and year after it, and three Arabic authors show in their order', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/issues/6/index.html`);
  const [venue, year] = await textBoxes(page, [ARABIC_VENUE, ['2023', ', 2023']], 'main');
  assert.ok(venue!.right <= year!.left, `the year (${year!.left}px) shows on the venue's left (${venue!.right}px)`);
  const names = await textBoxes(page, ARABIC_AUTHORS, 'main');
  for (let i = 1; i < names.length; i++) assert.ok(names[i - 1]!.right <= names[i]!.left, `${ARABIC_AUTHORS[i - 1]} shows right of ${ARABIC_AUTHORS[i]}: ${JSON.stringify(names)}`);
  await page.screenshot({ path: join(ARTIFACTS, 'right-to-left-issue.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('archive (Chromium): a search result keeps the year of a paper by Arabic authors after them and the authors in their order, and its Arabic title reads right to left', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.getByLabel('Search summaries and opinions').pressSequentially('NeurIPS');
  await showsTitles(page, ['A Latin title']);
  const [authors, year] = await textBoxes(page, [ARABIC_AUTHORS[2], '2022'], '.search-results');
  assert.ok(authors!.right <= year!.left, `the year (${year!.left}px) shows on the authors' left (${authors!.right}px)`);
  // Each name isolated on its own, as on the pages: the three Arabic names read left to right in their order.
  const names = await textBoxes(page, ARABIC_AUTHORS, '.search-results');
  for (let i = 1; i < names.length; i++) assert.ok(names[i - 1]!.right <= names[i]!.left, `${ARABIC_AUTHORS[i - 1]} shows right of ${ARABIC_AUTHORS[i]}: ${JSON.stringify(names)}`);
  await page.getByLabel('Search summaries and opinions').fill('انتباه');
  await showsTitles(page, [ARABIC_TITLE]);
  assert.equal(await page.locator('.search-results li > a').first().evaluate((link) => getComputedStyle(link).direction), 'rtl');
  await page.screenshot({ path: join(ARTIFACTS, 'right-to-left-search.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
