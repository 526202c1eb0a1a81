import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, openPage, siteInChromium, skip } from './chromium.js';

/**
 * A newsletter written in Hebrew (`language: he`) in Chromium: its pages
 * laid out right to left as a whole, the site's chrome mirrored (the
 * stylesheet's sides are a line's start and end), nothing scrolling
 * sideways.
 */
const archive = siteInChromium((root) => appendFileSync(join(root, 'paperboy.config.yaml'), 'language: he\n'));

test('archive (Chromium): a Hebrew newsletter\'s pages read right to left: the name starts the navigation at the right, table headings start at the right, nothing scrolls sideways (the skip link hides off the start), and an English title keeps its "?" at its end', { skip }, async () => {
  for (const width of [1000, 320]) {
    const { page, errors } = await openPage(archive.browser, archive.origin, { viewport: { width, height: 800 } });
    await page.goto(`${archive.origin}/papers/index.html`);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).direction), 'rtl');
    // No function declared inside: tsx would name it with a helper the page has not.
    const layout = await page.evaluate(() => {
      const nav = document.querySelector('.site-header nav')!.getBoundingClientRect();
      const links = [...document.querySelectorAll('.site-header nav a')].map((link) => link.getBoundingClientRect());
      const th = document.querySelector('thead th')!;
      const text = document.createRange();
      text.selectNodeContents(th);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        brandRight: links[0]!.right,
        navRight: nav.right,
        papersRight: links[1]!.right,
        brandLeft: links[0]!.left,
        cellRight: th.getBoundingClientRect().right,
        textRight: text.getBoundingClientRect().right,
      };
    });
    assert.ok(layout.scrollWidth <= layout.clientWidth, `the page scrolls sideways at ${width} px: ${JSON.stringify(layout)}`);
    assert.ok(Math.abs(layout.brandRight - layout.navRight) < 1, `the newsletter's name starts the navigation at its right: ${JSON.stringify(layout)}`);
    if (width === 1000) assert.ok(layout.papersRight <= layout.brandLeft, `"Papers" follows the name to its left: ${JSON.stringify(layout)}`);
    assert.ok(layout.cellRight - layout.textRight < 12, `a heading cell's text starts at its right: ${JSON.stringify(layout)}`);
    await page.screenshot({ path: join(ARTIFACTS, `right-to-left-site-${width}.png`), fullPage: true });
    await page.goto(`${archive.origin}/issues/1/index.html`);
    // An English title on the page's right-to-left lines ends with its own "?", on its right (it showed on its left, "?Language Models a Mirage").
    const [mirage, mark] = await page.locator('.paper-title').first().evaluate((title) => {
      const text = title.textContent!;
      const range = document.createRange();
      const node = document.createTreeWalker(title, NodeFilter.SHOW_TEXT).nextNode()!;
      range.setStart(node, text.indexOf('Mirage'));
      range.setEnd(node, text.indexOf('Mirage') + 'Mirage'.length);
      const word = range.getBoundingClientRect();
      range.setStart(node, text.indexOf('?'));
      range.setEnd(node, text.indexOf('?') + 1);
      return [word.toJSON(), range.getBoundingClientRect().toJSON()] as { left: number; right: number; top: number }[];
    });
    assert.ok(mark!.left >= mirage!.right - 1 && Math.abs(mark!.top - mirage!.top) < 4, `"?" after "Mirage", on its right: ${JSON.stringify({ mirage, mark })}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
