import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ARTIFACTS, openPage, siteInChromium, skip } from './chromium.js';

/**
 * The archive's pages as readers see them whatever their screen: on a
 * phone 320 CSS pixels wide, on paper, and with the icon a tab shows.
 * The site holds what is wider than a phone: a token without a space in
 * inline code, a table of long cells, a long display formula, a long
 * section name (a choice of the papers page's filter), a long URL.
 */
const WIDE = [
  'Smooth metrics show smooth scaling; `V2hhdCB0b29scyBkbyBJIG5lZWQgdG8gY3V0IGRvd24gYSB0cmVlIGluIHRoZSBmb3Jlc3Q=` is the token,',
  'and <https://example.org/a/very/long/path/without/any/break/in/it/at/all/averyveryverylongsegment> the [mirage site](https://example.org/mirage).',
  '',
  '| averyveryverylongcellwithoutanyspacesatallthatshouldscroll | b | c | d | e |',
  '| --- | --- | --- | --- | --- |',
  '| 1 | 2 | 3 | 4 | 5 |',
  '',
  '$$',
  'L = a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9 + a_{10} + a_{11} + a_{12} + a_{13} + a_{14} + a_{15} + a_{16} + a_{17} + a_{18} + a_{19} + a_{20} + a_{21} + a_{22} + a_{23} + a_{24} + a_{25}',
  '$$',
].join('\n      ');

/**
 * Words wider than a phone in the rows of links a page lays out side by side
 * (flex items, which do not shrink below their longest word unless it may
 * break): a tag and an author's name in the lists of tags and authors, a
 * newsletter's name written as one word in the header, an issue's title in
 * the pager of the issue before it.
 */
const LONG_TAG = 'donaudampfschifffahrtsgesellschaftskapitaensmuetze';
const LONG_NAME = 'Maximiliane Donaudampfschifffahrtsgesellschaftskapitaen';
const LONG_NEWSLETTER = 'TheInterpretabilityAndAlignmentDigest';
const LONG_ISSUE_TITLE = 'Pneumonoultramicroscopicsilicovolcanoconiosis and evaluations';

const archive = siteInChromium((root) => {
  const first = join(root, 'issues', '0001-a.md');
  writeFileSync(first, readFileSync(first, 'utf8').replace('Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.', () => `${WIDE}\n`));
  const third = join(root, 'issues', '0003-c.md');
  writeFileSync(
    third,
    readFileSync(third, 'utf8')
      .replace('section: Evaluations', 'section: Technical alignment / Adversarial robustness')
      .replace('tags: [evaluations, emergence]', `tags: [evaluations, emergence, ${LONG_TAG}]`)
      .replace('authors: [Jane Doe]', `authors: [Jane Doe, ${LONG_NAME}]`),
  );
  const second = join(root, 'issues', '0002-b.md');
  writeFileSync(second, readFileSync(second, 'utf8').replace('title: "Attention & <mirages>"', `title: ${LONG_ISSUE_TITLE}`));
  const config = join(root, 'paperboy.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^name: .*$/m, `name: ${LONG_NEWSLETTER}`));
});


/** A page of each kind: home, issue, paper, the papers page and a year's, tags and a tag, authors and an author. */
const PAGES = [
  '/index.html',
  '/issues/1/index.html',
  '/papers/2304.15004/index.html',
  '/papers/index.html',
  '/papers/year/undated/index.html',
  '/tags/index.html',
  '/tags/emergence/index.html',
  '/authors/index.html',
  '/authors/rylan-schaeffer/index.html',
];

/** The page's width as laid out (`scrollWidth`), and the box that scrolls sideways inside it, with its own widths, for each selector given. */
const widths = (page: Page, selector: string) =>
  page.evaluate(
    (selector) => ({
      page: document.documentElement.scrollWidth,
      boxes: [...document.querySelectorAll(selector)].map((box) => ({ scroll: box.scrollWidth, client: box.clientWidth })),
    }),
    selector,
  );

test('at 320 CSS pixels no page scrolls sideways (WCAG 2.2 SC 1.4.10): long code, URLs, tags, names and titles wrap, the select fits, a wide table and a long formula scroll inside themselves', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin, { viewport: { width: 320, height: 800 } });
  for (const path of PAGES) {
    await page.goto(`${archive.origin}${path}`);
    assert.ok((await widths(page, 'main').then((measured) => measured.page)) <= 320, `${path} is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
  }
  await page.goto(`${archive.origin}/issues/1/index.html`);
  const { boxes } = await widths(page, '.summary .table-scroll, .summary .math-display');
  assert.equal(boxes.length, 2, 'the table in its scrolling box, and the formula');
  for (const box of boxes) assert.ok(box.scroll > box.client && box.client <= 320, `scrolls inside itself: ${JSON.stringify(box)}`);
  await page.screenshot({ path: join(ARTIFACTS, 'issue-320.png'), fullPage: true });
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.locator('.paper-search').waitFor();
  const select = await page.getByLabel('Section').boundingBox();
  assert.ok(select!.x + select!.width <= 320, `the Section select ends at ${select!.x + select!.width} px`);
  await page.screenshot({ path: join(ARTIFACTS, 'papers-320.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('printed, a page shows its texts whole (a long formula breaks, a wide table fits) without the site’s navigation, in dark text whatever the screen’s theme, with the address of each link out after it', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin, { viewport: { width: 700, height: 1000 }, colorScheme: 'dark' });
  await page.goto(`${archive.origin}/issues/2/index.html`);
  await page.emulateMedia({ media: 'print' });
  const shown = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).display);
  for (const selector of ['.skip-link', '.site-header', '.site-footer', '.pager', '.alternates']) assert.equal(await shown(selector), 'none', selector);
  await page.goto(`${archive.origin}/issues/1/index.html`);
  const { boxes } = await widths(page, '.summary .table-scroll, .summary .math-display, .summary pre');
  for (const box of boxes) assert.ok(box.scroll <= box.client, `laid out whole: ${JSON.stringify(box)}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 700);
  assert.equal(await page.locator('.summary p').first().evaluate((element) => getComputedStyle(element).color), 'rgb(0, 0, 0)');
  const after = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element, '::after').content);
  assert.equal(await after('.summary a[href="https://example.org/mirage"]'), '" <https://example.org/mirage>"');
  assert.equal(await after('.paper-title a'), '" <https://arxiv.org/abs/2304.15004>"');
  await page.screenshot({ path: join(ARTIFACTS, 'issue-print.png'), fullPage: true });
  await page.pdf({ path: join(ARTIFACTS, 'issue-print.pdf'), width: '700px', height: '1000px' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('every page shows the site’s own icon: no request for /favicon.ico, no error in the console, nothing asked of another host', { skip }, async () => {
  for (const path of PAGES) {
    const { page, errors, outside } = await openPage(archive.browser, archive.origin);
    const icon = page.waitForResponse((response) => response.url().endsWith('/assets/icon.svg'), { timeout: 5000 });
    await page.goto(`${archive.origin}${path}`);
    assert.equal((await icon).status(), 200, path);
    assert.equal(await page.locator('link[rel="icon"]').getAttribute('type'), 'image/svg+xml');
    assert.deepEqual(errors, [], path);
    assert.deepEqual(outside, [], path);
    await page.close();
  }
});

const PAGE_CHECKS = fileURLToPath(new URL('../helpers/page-checks.browser.js', import.meta.url));

test('every page, light and dark, shows each text and each field’s placeholder at 4.5:1 or more against its background (WCAG 2.x AA, SC 1.4.3)', { skip }, async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const path of PAGES) {
      const { page } = await openPage(archive.browser, archive.origin, { colorScheme });
      await page.goto(`${archive.origin}${path}`);
      await page.addScriptTag({ path: PAGE_CHECKS });
      assert.deepEqual(await page.evaluate('lowContrastTexts(4.5)'), [], `${path}, ${colorScheme}`);
      await page.close();
    }
  }
});

test('a paper page’s “Copy BibTeX” button, pressed from the keyboard, puts the entry on the clipboard and says so; without JavaScript, and on paper, there is no button', { skip }, async () => {
  const path = '/papers/2304.15004/index.html';
  const { page, errors, outside } = await openPage(archive.browser, archive.origin, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${archive.origin}${path}`);
  const entry = await page.locator('.bibtex code').textContent();
  assert.match(entry ?? '', /^@\w+\{/);
  // The entry's box, then the button, in the order of Tab.
  await page.locator('.bibtex pre').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Copy BibTeX');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), entry);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByRole('button', { name: 'Copy BibTeX' }).isHidden(), 'printed without the button');
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await page.close();
  const { page: without } = await openPage(archive.browser, archive.origin, { javaScriptEnabled: false });
  await without.goto(`${archive.origin}${path}`);
  assert.ok(await without.locator('.bibtex button').isHidden(), 'a button that would do nothing is not shown');
  await without.close();
});
