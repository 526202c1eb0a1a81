import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { ARABIC_AUTHORS, ARABIC_REVIEWERS, ARABIC_SUMMARY, ARABIC_VENUE, RIGHT_TO_LEFT_ISSUE } from './fixtures/right-to-left.js';
import { renderAll, rootWith } from '../helpers/render.js';
import { textBoxes, type TextBox } from '../helpers/text-boxes.js';

/**
 * What a reader sees of right-to-left values in the HTML email, measured in
 * Debian's Chromium (headless): where each word lands on the line, found by
 * its characters (a DOM Range), whatever elements hold them.
 */
const CHROMIUM = '/usr/bin/chromium';
const SKIP = !existsSync(CHROMIUM) && `Debian chromium is not installed at ${CHROMIUM} (.ci/run installs it)`;

let browser: Browser | undefined;

before(async () => {
  if (SKIP) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
});

/** `textBoxes` of `needles` in the email `html`, at a desktop reading pane's width. */
async function boxes(html: string, needles: Parameters<typeof textBoxes>[1]): Promise<TextBox[]> {
  const page = await browser!.newPage({ viewport: { width: 600, height: 800 } });
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  const found = await textBoxes(page, needles);
  await page.close();
  return found;
}

/** The paragraph's box and its text's box: where a block's text is laid out in it. */
async function alignment(html: string, text: string): Promise<{ block: TextBox; text: TextBox }> {
  const page = await browser!.newPage({ viewport: { width: 600, height: 800 } });
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  const found = await page.evaluate((needle) => {
    const block = [...document.querySelectorAll('p')].find((p) => p.textContent === needle)!;
    const range = document.createRange();
    range.selectNodeContents(block);
    const inner = range.getBoundingClientRect();
    const outer = block.getBoundingClientRect();
    return { block: { left: outer.left, right: outer.right }, text: { left: inner.left, right: inner.right } };
  }, text);
  await page.close();
  return found;
}

const rendered = rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE }).then(({ root }) => renderAll(root, '1'));

test('email (Chromium): an Arabic venue keeps its comma and year after it on the line, as the Latin line reads', { skip: SKIP }, async () => {
  const [venue, year] = await boxes((await rendered).html, [ARABIC_VENUE, ['2023', ', 2023']]);
  assert.ok(venue!.right <= year!.left, `the year (${year!.left}px) is on the venue's left (${venue!.right}px): the bidi algorithm took the comma and the year into the Arabic run`);
});

test('email (Chromium): three Arabic authors joined by commas show left to right in their order, not the first two swapped', { skip: SKIP }, async () => {
  const shown = await boxes((await rendered).html, ARABIC_AUTHORS);
  for (let i = 1; i < shown.length; i++) assert.ok(shown[i - 1]!.right <= shown[i]!.left, `${ARABIC_AUTHORS[i - 1]} shows right of ${ARABIC_AUTHORS[i]}: ${JSON.stringify(shown)}`);
});

test("email (Chromium): two Arabic reviewers joined by a comma show in their order in the thanks", { skip: SKIP }, async () => {
  const [first, second] = await boxes((await rendered).html, ARABIC_REVIEWERS);
  assert.ok(first!.right <= second!.left, `${ARABIC_REVIEWERS[0]} shows right of ${ARABIC_REVIEWERS[1]}`);
});

test('email (Chromium): a summary paragraph in Arabic is laid out right to left, aligned right', { skip: SKIP }, async () => {
  const { block, text } = await alignment((await rendered).html, ARABIC_SUMMARY);
  assert.ok(block.right - text.right < 2, `the text ends ${block.right - text.right}px short of the paragraph's right edge`);
  assert.ok(text.left - block.left > 20, 'a short paragraph fills its line from the right');
});
