import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openPage, showsTitles, siteInChromium, skip } from './chromium.js';
import { textBoxes } from '../helpers/text-boxes.js';
import { configOf, makeRoot, CONFIG_YAML } from '../helpers/fixture.js';
import { ARABIC_TITLE, RIGHT_TO_LEFT_ISSUE } from '../render/fixtures/right-to-left.js';
import { loadTemplates } from '../../src/render/templates.js';
import { messagePage } from '../../src/server/pages.js';

/**
 * Right-to-left names inside the Latin words of the archive's headings and
 * lists (a tag's page "Papers tagged “…”", a row's section path, the
 * newsletter's name in the home page's heading, its navigation and footer,
 * the server's "Unsubscribe from …" page), measured in Chromium: each value
 * is laid out as its own first letter says, where it stands in the line.
 */

/** A newsletter name whose "!" an Arabic reader reads last: at its left end. */
const ARABIC_NAME = 'نشرة الذكاء!';
/** A tag of an Arabic word and a Latin one, read right to left: "GPT" left of "تقييم". */
const MIXED_TAG = 'تقييم GPT';
const ARABIC_SECTION = 'تفسير';

const archive = siteInChromium((root) => {
  const config = join(root, 'paperboy.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^name: .*$/m, `name: "${ARABIC_NAME}"`));
  const issue = RIGHT_TO_LEFT_ISSUE.replace('number: 1', 'number: 6')
    .replace('date: 2023-05-29', 'date: 2023-08-07')
    .replace('tags: [انتباه, attention]', `tags: [انتباه, attention, "${MIXED_TAG}"]`)
    .replace(`section: ${ARABIC_SECTION}`, `section: ${ARABIC_SECTION} / Evaluations`);
  writeFileSync(join(root, 'issues', '0006-rtl.md'), issue);
});

/** Whether `first` shows left of `second` on its line. */
const leftOf = (first: { right: number }, second: { left: number }) => first.right <= second.left + 0.5;

test('archive (Chromium): a tag page heading "Papers tagged “تقييم GPT”" shows the tag read right to left, its Latin word on its left', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/tags/`);
  await page.getByRole('link', { name: MIXED_TAG }).click();
  await page.waitForSelector('h1');
  const [gpt, arabic, papers] = await textBoxes(page, ['GPT', 'تقييم', 'Papers tagged'], 'h1');
  assert.ok(leftOf(gpt!, arabic!), `"GPT" (${gpt!.left}px) shows right of "تقييم" (${arabic!.left}px): the tag laid out left to right`);
  assert.ok(leftOf(papers!, gpt!), 'the tag after "Papers tagged"');
  assert.deepEqual(errors, []);
  await page.close();
});

/** The Arabic section shows left of its Latin subsection in `within`, set on one line (as a wider screen shows it; a narrow column wraps it): the order within a line is what is measured. */
async function assertSectionPathInOrder(page: Page, within: string): Promise<void> {
  await page.addStyleTag({ content: `${within} { white-space: nowrap }` });
  const [parent, child] = await textBoxes(page, [ARABIC_SECTION, 'Evaluations'], within);
  assert.ok(leftOf(parent!, child!), `"${ARABIC_SECTION}" (${parent!.left}px) shows right of "Evaluations" (${child!.left}px)`);
}

test('archive (Chromium): a row of the papers page shows an Arabic section before its Latin subsection, left to right as the path reads', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/year/2023/`);
  // The cell of that path (another row's section is the Arabic one alone).
  await page.evaluate((arabic) => {
    const cell = [...document.querySelectorAll('.paper-table td')].find((td) => td.textContent === `${arabic} / Evaluations`);
    if (cell) cell.id = 'measured-section';
  }, ARABIC_SECTION);
  await assertSectionPathInOrder(page, '#measured-section');
  assert.deepEqual(errors, []);
  await page.close();
});

test('archive (Chromium): a search result shows an Arabic section before its Latin subsection, left to right as the path reads', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.getByLabel('Search summaries and opinions').pressSequentially('انتباه');
  await showsTitles(page, [ARABIC_TITLE]);
  await assertSectionPathInOrder(page, '.search-results .meta');
  assert.deepEqual(errors, []);
  await page.close();
});

test("archive (Chromium): an Arabic newsletter name keeps its '!' at its own end (the left) in the home page's heading, the navigation and the footer", { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/`);
  for (const within of ['main h1', '.site-header .brand', '.site-footer p']) {
    const [bang, word] = await textBoxes(page, [['!', 'الذكاء!'], 'نشرة'], within);
    assert.ok(leftOf(bang!, word!), `${within}: the "!" (${bang!.left}px) shows right of "نشرة" (${word!.left}px)`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('server page (Chromium): "Unsubscribe from <Arabic name>" keeps the name\'s "!" at its left end', { skip }, async () => {
  const config = configOf(makeRoot({}), CONFIG_YAML.replace(/^name: .*$/m, `name: "${ARABIC_NAME}"`));
  const html = messagePage(loadTemplates(config.templatesDir), config, 'unsubscribe', { heading: `Unsubscribe from ${ARABIC_NAME}`, paragraphs: [`If ${ARABIC_NAME} reaches you through a list, leave it there.`], home: true });
  const page = await archive.browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  for (const within of ['main h1', 'main p']) {
    const [bang, word] = await textBoxes(page, [['!', 'الذكاء!'], 'نشرة'], within);
    assert.ok(leftOf(bang!, word!), `${within}: the "!" (${bang!.left}px) shows right of "نشرة" (${word!.left}px)`);
  }
  await page.close();
});
