import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { ARTIFACTS, openPage, showsTitles, siteInChromium, skip } from './chromium.js';
import { cleanIssue } from '../helpers/fixture.js';
import { replaceInIssues } from './fixture.js';

/**
 * The papers page in Chromium, as readers with and without JavaScript see
 * it, and its search and filters as a reader moves about: in the page's
 * address, so that Back, a reload and a shared link show the same papers
 * with the same choices; and a query without words.
 */
// A tag written with a run of spaces, which a browser would collapse in an option's text; an author with the typographic apostrophe.
/** An issue of 230 papers (of 2019, tagged `bulk`): more than a list shows at once. */
const BULK = 230;
const archive = siteInChromium((root) => {
  replaceInIssues(root, 'tags: [transformers]', 'tags: [transformers, "Scaling  laws"]');
  replaceInIssues(root, 'authors: [Jane Doe]', 'authors: [Jane Doe, Cathy O’Neil, et al.]');
  const bulk = Array.from({ length: BULK }, (_, i) => `  - title: Bulk paper ${i + 1}\n    url: https://example.org/bulk/${i + 1}\n    authors: [Wendy Wombat]\n    year: 2019\n    tags: [bulk]\n    summary: |\n      Wombats, again.\n`);
  writeFileSync(join(root, 'issues', '0005-bulk.md'), cleanIssue({ number: 5, title: 'Bulk', date: '2023-07-03', papers: bulk.join('') }));
});


const MIRAGE = 'Are Emergent Abilities of Large Language Models a Mirage?';
const ATTENTION = 'Attention <is> all & you ]]> need';
const BLOG = 'Our blog post on evaluations';

/** What the form says: the query, tag, section, year and author fields' values. */
const formValues = (page: Page) =>
  page.evaluate(() => ['q', 'tag', 'section', 'year', 'author'].map((name) => (document.querySelector(`.paper-search [name="${name}"]`) as HTMLInputElement).value));

test('the search and the filters are in the address as the reader chooses them, without a history entry each; Back from a result and a reload show the same choices and the same papers', { skip }, async () => {
  const { page, errors, outside } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  const entries = await page.evaluate(() => history.length);
  await page.getByLabel('Tag').selectOption('emergence');
  await showsTitles(page, [MIRAGE, BLOG]);
  assert.equal(page.url(), `${archive.origin}/papers/index.html?tag=emergence`);
  await page.getByLabel('Search summaries and opinions').pressSequentially('mirage');
  await showsTitles(page, [MIRAGE]);
  assert.equal(page.url(), `${archive.origin}/papers/index.html?q=mirage&tag=emergence`);
  assert.equal(await page.evaluate(() => history.length), entries, 'the address is replaced, not added to, as the reader types');

  await page.locator('.search-results li > a').first().click();
  await page.waitForURL(`${archive.origin}/papers/2304.15004/index.html`);
  await page.goBack();
  await page.waitForURL(`${archive.origin}/papers/index.html?q=mirage&tag=emergence`);
  await showsTitles(page, [MIRAGE]);
  assert.deepEqual(await formValues(page), ['mirage', 'emergence', '', '', '']);
  assert.equal(await page.locator('.search-status').innerText(), '1 paper matches.');
  assert.ok(await page.locator('.paper-table').isHidden(), 'the list of the year is hidden behind the results');
  await page.screenshot({ path: join(ARTIFACTS, 'papers-after-back.png'), fullPage: true });

  await page.reload();
  await showsTitles(page, [MIRAGE]);
  assert.deepEqual(await formValues(page), ['mirage', 'emergence', '', '', '']);
  // Every choice taken back: the address is the page's own again, and the year's list is shown.
  await page.getByLabel('Search summaries and opinions').fill('');
  await page.getByLabel('Tag').selectOption('');
  await page.locator('.paper-table').waitFor();
  assert.equal(page.url(), `${archive.origin}/papers/index.html`);
  assert.equal(await page.locator('.search-status').innerText(), '');
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await page.close();
});

test('a tag written with a run of spaces is chosen as written: the filter finds its papers, and a link to it keeps it', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.getByLabel('Tag').selectOption('Scaling  laws');
  await showsTitles(page, [ATTENTION]);
  await page.goto(`${archive.origin}/papers/index.html?tag=Scaling%20%20laws`);
  await showsTitles(page, [ATTENTION]);
  assert.deepEqual(await formValues(page), ['', 'Scaling  laws', '', '', '']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a paper is found by its arXiv id and by a word of it, as the docs promise', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html?q=2304.15004`);
  await showsTitles(page, [MIRAGE]);
  await page.goto(`${archive.origin}/papers/index.html?q=1706`);
  await showsTitles(page, [ATTENTION]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a paper is found by another site's page of its arXiv id, as by its own: Hugging Face's, ar5iv's, arXiv's DOI in any case", { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  for (const query of ['https://huggingface.co/papers/2304.15004', 'https://ar5iv.labs.arxiv.org/html/2304.15004v2', 'http://dx.doi.org/10.48550/ARXIV.2304.15004']) {
    await page.goto(`${archive.origin}/papers/index.html?q=${encodeURIComponent(query)}`);
    await showsTitles(page, [MIRAGE]);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link with q, tag, section, year and author opens the papers page with them chosen and the papers they choose; filters alone load no search index', { skip }, async () => {
  const { page, errors, loaded } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html?tag=emergence&section=Evaluations&author=doe`);
  await showsTitles(page, [BLOG]);
  assert.deepEqual(await formValues(page), ['', 'emergence', 'Evaluations', '', 'doe']);
  assert.ok(!loaded.some((path) => path.startsWith('/search/') || path.startsWith('/assets/minisearch/')), 'filters read the catalog, not the index');

  await page.goto(`${archive.origin}/papers/year/2017/index.html?q=spreadsheet&year=2017`);
  await showsTitles(page, [ATTENTION]);
  assert.deepEqual(await formValues(page), ['spreadsheet', '', '', '2017', '']);
  assert.deepEqual(loaded.filter((path) => path.startsWith('/search/')), ['/search/2017.js']);

  // An author typed with either apostrophe, or none, as `papers search --author` and the author pages name her.
  for (const author of ['oneil', "O'Neil", 'O%E2%80%99Neil']) {
    await page.goto(`${archive.origin}/papers/index.html?author=${author}`);
    await showsTitles(page, [BLOG]);
  }

  // A choice the page does not offer is "Any".
  await page.goto(`${archive.origin}/papers/index.html?tag=no-such-tag&q=mirage`);
  await showsTitles(page, [MIRAGE, ATTENTION]);
  assert.deepEqual(await formValues(page), ['mirage', '', '', '', '']);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Each result as the list shows it: its title, the link to the issue it first appeared in (and its anchor there), and its excerpt. */
const shownResults = (page: Page) =>
  page.locator('.search-results li').evaluateAll((items) =>
    items.map((item) => [item.querySelector(':scope > a')!.textContent, item.querySelector('.meta a')!.getAttribute('href'), item.querySelector('.excerpt')?.textContent ?? null]),
  );

test('a paper covered in several issues shows which issue its excerpt is from, "#2: " linking to that summary, found by a query or by a filter alone', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  const excerpt = ['#2: A second look at the mirage: the metrics again.', '../issues/2/index.html#are-emergent-abilities-of-large-language-models-a-mirage'];
  const shown = () =>
    page.locator('.search-results li').evaluateAll((items) =>
      items.filter((item) => item.querySelector(':scope > a')!.textContent!.startsWith('Are Emergent')).map((item) => [item.querySelector('.excerpt')!.textContent, item.querySelector('.excerpt a')?.getAttribute('href') ?? null]),
    );
  await page.goto(`${archive.origin}/papers/index.html?q=mirage`);
  await showsTitles(page, [MIRAGE, ATTENTION]);
  assert.deepEqual(await shown(), [excerpt]);
  await page.goto(`${archive.origin}/papers/index.html?author=schaeffer`);
  await showsTitles(page, [MIRAGE]);
  assert.deepEqual(await shown(), [excerpt]);
  // Covered once, a paper's excerpt is as it was.
  await page.goto(`${archive.origin}/papers/index.html?q=spreadsheet`);
  await showsTitles(page, [ATTENTION]);
  assert.deepEqual(await page.locator('.search-results .excerpt').allInnerTexts(), ['=SUM(1,2) is what a spreadsheet would run.']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('opened from disk (file://), the papers page reads its address and keeps it as the reader chooses', { skip }, async () => {
  const page = await archive.browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const papers = `${pathToFileURL(archive.dist).href}/papers/index.html`;
  await page.goto(`${papers}?author=vaswani`);
  await showsTitles(page, [ATTENTION]);
  // Chosen by a filter alone (from the catalog), a paper is shown as a query finds it: its anchor in the issue, and its excerpt.
  const filtered = await shownResults(page);
  assert.deepEqual(filtered, [[ATTENTION, '../issues/2/index.html#attention-is-all--you--need', '=SUM(1,2) is what a spreadsheet would run.']]);
  await page.goto(`${papers}?q=spreadsheet`);
  await showsTitles(page, [ATTENTION]);
  assert.deepEqual(await shownResults(page), filtered);
  await page.goto(`${papers}?author=vaswani`);
  await showsTitles(page, [ATTENTION]);
  await page.getByLabel('Year', { exact: true }).selectOption({ label: 'No year' });
  await showsTitles(page, []);
  assert.equal(page.url(), `${papers}?year=undated&author=vaswani`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a query without a word (`++`, `--`, `"`) is no query, as for `paperboy papers search`: the filters alone choose, and without a filter the year is listed', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.getByLabel('Tag').selectOption('emergence');
  for (const query of ['++', '--', '"']) {
    await page.getByLabel('Search summaries and opinions').fill(query);
    // Another list first, so the one checked next is this query's own.
    await page.getByLabel('Search summaries and opinions').fill('mirage');
    await showsTitles(page, [MIRAGE]);
    await page.getByLabel('Search summaries and opinions').fill(query);
    await showsTitles(page, [MIRAGE, BLOG]);
    assert.equal(await page.locator('.search-status').innerText(), '2 papers match.', query);
  }
  await page.getByLabel('Tag').selectOption('');
  await page.locator('.paper-table').waitFor();
  assert.equal(await page.locator('.search-status').innerText(), '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the lead offers search once the script shows the form; without JavaScript it offers the years alone', { skip }, async () => {
  const { page } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.locator('.paper-search').waitFor();
  assert.equal(await page.locator('.lead').innerText(), '233 papers from 4 issues. Pick a year, or search and filter them all.');
  await page.close();
  const { page: without } = await openPage(archive.browser, archive.origin, { javaScriptEnabled: false });
  await without.goto(`${archive.origin}/papers/index.html`);
  assert.equal(await without.locator('.lead').innerText(), '233 papers from 4 issues. Pick a year.');
  assert.ok(await without.locator('.paper-search').isHidden());
  await without.screenshot({ path: join(ARTIFACTS, 'papers-without-javascript.png'), fullPage: true });
  await without.close();
});

test('Back within the page (from the skip link’s #main) and a page restored from the back-forward cache show what the address says', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.locator('.paper-search').waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${archive.origin}/papers/index.html#main`);
  await page.getByLabel('Tag').selectOption('emergence');
  await showsTitles(page, [MIRAGE, BLOG]);
  assert.equal(page.url(), `${archive.origin}/papers/index.html?tag=emergence#main`);
  await page.goBack();
  await page.waitForURL(`${archive.origin}/papers/index.html`);
  await page.locator('.paper-table').waitFor();
  assert.deepEqual(await formValues(page), ['', '', '', '', '']);
  assert.equal(await page.locator('.search-status').innerText(), '');

  // Headless Chromium reloads on Back rather than keep pages in its back-forward cache: the event such a restore fires, as it fires it.
  await page.evaluate(() => {
    history.replaceState(null, '', '?section=Architectures');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  });
  await showsTitles(page, [ATTENTION]);
  assert.deepEqual(await formValues(page), ['', '', 'Architectures', '', '']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('more matches than a list shows: the first 100, then "Show more" adds the next 100 with the keyboard on the first added, until all are shown; a new search starts again at 100', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  const titles = () => page.locator('.search-results li > a').allInnerTexts();
  const status = () => page.locator('.search-status').innerText();
  for (const address of ['tag=bulk', 'q=wombats']) {
    await page.goto(`${archive.origin}/papers/index.html?${address}`);
    await page.waitForFunction(() => document.querySelector('.search-status')?.textContent?.endsWith('.'));
    assert.equal(await status(), `${BULK} papers match; the first 100 are shown.`, address);
    assert.equal((await titles()).length, 100);
    const more = page.getByRole('button', { name: 'Show 100 more' });
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal((await titles()).length, 200);
    assert.equal(await status(), `${BULK} papers match; the first 200 are shown.`);
    // The keyboard is on the first result added.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), (await titles())[100]);
    await page.getByRole('button', { name: `Show ${BULK - 200} more` }).click();
    assert.equal((await titles()).length, BULK);
    assert.equal(await page.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
    assert.equal(await status(), `${BULK} papers match.`);
    assert.equal(new Set(await titles()).size, BULK, 'each paper once');
  }
  // Typed, then "Show more" clicked at once: leaving the search box changes nothing, so the list keeps growing.
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.getByLabel('Search summaries and opinions').fill('wombats');
  await page.waitForFunction(() => document.querySelectorAll('.search-results li').length === 100 && document.querySelector('.search-status')?.textContent?.endsWith('.'));
  await page.getByRole('button', { name: 'Show 100 more' }).click();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal((await titles()).length, 200);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), (await titles())[100]);
  // Another search: its first 100 again.
  await page.locator('#filter-author').fill('wombat');
  await page.waitForFunction(() => document.querySelectorAll('.search-results li').length === 100);
  assert.equal(await status(), `${BULK} papers match; the first 100 are shown.`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the author filter matches names, not the words that join them: "et al" finds no paper, a name still does', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html?author=et%20al`);
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent?.endsWith('.'));
  assert.equal(await page.locator('.search-status').innerText(), 'No paper matches the filters chosen. Fewer filters find more.');
  await page.goto(`${archive.origin}/papers/index.html?author=neil`);
  await showsTitles(page, [BLOG]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the papers page does not move as it loads: its search form and the lead offering it are in place at the first paint (no layout shift at 320 or 1280 CSS pixels)', { skip }, async () => {
  for (const width of [320, 1280]) {
    const { page, errors } = await openPage(archive.browser, archive.origin, { viewport: { width, height: 800 } });
    await page.addInitScript(() => {
      const shifts: number[] = ((window as unknown as { shifts: number[] }).shifts = []);
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => shifts.push((entry as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${archive.origin}/papers/index.html`);
    await page.waitForFunction(() => document.querySelector('.lead')?.textContent?.endsWith('search and filter them all.'));
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    // Before, the form was shown by papers.js once it had run: the list moved down by the form's height (0.25 at 320 pixels, 0.05 at 1280).
    assert.ok(shifts.reduce((sum, value) => sum + value, 0) < 0.005, `${width}px: layout shifts ${JSON.stringify(shifts)}`);
    assert.ok(await page.locator('.paper-search').isVisible());
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('what a reader types into the papers page before its script has run is searched, not emptied when the script reads the address', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  let release = () => {};
  const typed = new Promise<void>((resolve) => (release = resolve));
  // The script arrives only once the reader has typed (a slow connection, a long page still being read).
  await page.route('**/assets/papers.js', async (route) => {
    await typed;
    await route.continue();
  });
  await page.goto(`${archive.origin}/papers/index.html`, { waitUntil: 'commit' });
  await page.locator('#paper-query').waitFor({ state: 'visible', timeout: 5000 });
  await page.locator('#paper-query').pressSequentially('mirage');
  release();
  await showsTitles(page, [MIRAGE, ATTENTION]);
  assert.deepEqual(await formValues(page), ['mirage', '', '', '', '']);
  assert.equal(new URL(page.url()).search, '?q=mirage');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a search that finds nothing says why and what finds more: every word searched for must be in a paper, and each filter narrows', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  const says = async (address: string) => {
    await page.goto(`${archive.origin}/papers/index.html${address}`);
    await page.waitForFunction(() => document.querySelector('.search-status')?.textContent?.endsWith('.'));
    assert.equal(await page.locator('.search-results li').count(), 0, address);
    return page.locator('.search-status').innerText();
  };
  // Each word is in some paper, no paper has both.
  assert.equal(await says('?q=mirage%20wombats'), 'No paper matches: none has every word searched for. Fewer words find more.');
  assert.equal(await says('?q=wombats&year=2023'), 'No paper matches: none has every word searched for and passes the filters chosen. Fewer words or filters find more.');
  assert.equal(await says('?tag=bulk&year=2023'), 'No paper matches the filters chosen. Fewer filters find more.');
  assert.deepEqual(errors, []);
  await page.close();
});
