import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, siteInChromium, skip } from './chromium.js';
import { GERMAN_WORDS, germanWordsYaml } from '../helpers/german-words.js';

/** The archive fixture of a German newsletter whose config translates every word. */
const archive = siteInChromium((root) => appendFileSync(join(root, 'paperboy.config.yaml'), `language: de\n${germanWordsYaml()}`));

const status = '.search-status';

test('words: the papers page\'s script says its searching, its counts, its results\' links and its "no match" in the config\'s words (German)', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  const box = page.getByLabel(GERMAN_WORDS.searchSummaries);
  await box.fill('zzzqqqxx');
  await page.waitForFunction(([wanted]) => document.querySelector('.search-status')?.textContent === wanted, [GERMAN_WORDS.noMatchWords], { timeout: 10_000 });
  await box.fill('mirage');
  await page.waitForFunction(() => document.querySelector('.search-results li') !== null && document.querySelector('.search-status')?.textContent?.endsWith('.'), undefined, { timeout: 10_000 });
  const found = await page.locator('.search-results li').count();
  assert.equal(await page.locator(status).textContent(), found === 1 ? '1 Artikel passt.' : `${found} Artikel passen.`);
  const byline = page.locator('.search-results li').first();
  assert.match((await byline.textContent())!, / · in #\d+/);
  // The byline's issue link, and an excerpt's when the paper was covered again ("#2: …"): each named in the words.
  const labels = await byline.locator('a[aria-label]').evaluateAll((links) => links.map((link) => link.getAttribute('aria-label')));
  assert.ok(labels.length > 0);
  for (const label of labels) assert.match(label!, /^Ausgabe Nr\. \d+$/);
  await box.fill('');
  await page.getByLabel(GERMAN_WORDS.year, { exact: true }).selectOption({ index: 1 });
  await page.getByLabel(GERMAN_WORDS.author, { exact: true }).fill('Niemand Nirgends');
  await page.waitForFunction(([wanted]) => document.querySelector('.search-status')?.textContent === wanted, [GERMAN_WORDS.noMatchFilters], { timeout: 10_000 });
  assert.deepEqual(errors, []);
});

test('words: a paper page\'s "Copy BibTeX" button and what its status says are in the config\'s words (German)', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.locator('.paper-table a').first().click();
  await page.getByRole('button', { name: GERMAN_WORDS.copyBibtex }).click();
  await page.waitForFunction(() => document.getElementById('copy-status')?.textContent !== '', undefined, { timeout: 10_000 });
  assert.ok([GERMAN_WORDS.copied, GERMAN_WORDS.copySelected].includes((await page.locator('#copy-status').textContent())!));
  assert.deepEqual(errors, []);
});
