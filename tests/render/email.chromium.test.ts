import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LONG_CONTENT_ISSUE, LONG_LINT_MESSAGE } from './fixtures/long-content.js';
import { REPO_ROOT, renderAll, rootWith, sampleNumbers } from '../helpers/render.js';

/**
 * The HTML email as a mail client's web view shows it: Debian's Chromium,
 * headless, at a phone (375px) and a desktop reading pane (600px), in the
 * light and the dark colour scheme (`prefers-color-scheme` emulated). Every
 * sample issue and a fixture of long code, URLs, table cells and a long lint
 * message in a review proof. Screenshots land in test-artifacts/email/ to be
 * looked at by eye.
 */
const CHROMIUM = '/usr/bin/chromium';
const SKIP = !existsSync(CHROMIUM) && `Debian chromium is not installed at ${CHROMIUM} (.ci/run installs it): the email is not checked in a browser`;
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'email');
const WIDTHS = [375, 600] as const;
const SCHEMES = ['light', 'dark'] as const;
/** WCAG 2.x AA for body text (success criterion 1.4.3). */
const MIN_CONTRAST = 4.5;

let browser: Browser | undefined;
const emails = new Map<string, string>();

before(async () => {
  if (SKIP) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const number of await sampleNumbers()) emails.set(`issue-${number}`, (await renderAll(REPO_ROOT, String(number))).html);
  const { root } = await rootWith({ '0001-long.md': LONG_CONTENT_ISSUE });
  const review = { warnings: [{ line: 12, column: 7, severity: 'warning' as const, message: LONG_LINT_MESSAGE, ruleId: 'no-bare-url' }] };
  emails.set('long-content', (await renderAll(root, '1', { review })).html);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

async function open(html: string, width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width, height: 800 }, colorScheme });
  // Images point at the archive, which is not reachable here: block requests, as many clients do.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

/** A text the page shows whose contrast with what is behind it is too low (tests/helpers/page-checks.browser.js). */
interface LowContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
}

const PAGE_CHECKS = join(REPO_ROOT, 'tests', 'helpers', 'page-checks.browser.js');

async function lowContrastTexts(page: Page): Promise<LowContrast[]> {
  await page.addScriptTag({ path: PAGE_CHECKS });
  return page.evaluate(`lowContrastTexts(${MIN_CONTRAST})`);
}

describe('the HTML email in Chromium', { skip: SKIP }, () => {
  for (const name of ['issue-1', 'issue-2', 'issue-3', 'issue-4', 'issue-5', 'long-content']) {
    for (const colorScheme of SCHEMES) {
      for (const width of WIDTHS) {
        test(`${name} at ${width}px, ${colorScheme}: no sideways scrolling, every text at ${MIN_CONTRAST}:1 or more`, async () => {
          const html = emails.get(name);
          assert.ok(html, `${name} was not rendered`);
          const page = await open(html, width, colorScheme);
          try {
            await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}-${colorScheme}.png`), fullPage: true });
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(scrollWidth <= width, `the page is ${scrollWidth}px wide at a ${width}px viewport`);
            assert.deepEqual(await lowContrastTexts(page), []);
          } finally {
            await page.close();
          }
        });
      }
    }
  }

  test('section headings sit closer to what they introduce than to what precedes them; the closing is set apart', async () => {
    const page = await open(emails.get('issue-5')!, 600, 'light');
    try {
      await page.addScriptTag({ path: PAGE_CHECKS });
      const gaps: { heading: string; above: number | null; below: number | null }[] = await page.evaluate(`headingGaps('.section-title, .subsection-title')`);
      assert.ok(gaps.length >= 5);
      for (const gap of gaps) {
        if (gap.above === null || gap.below === null) continue;
        assert.ok(gap.below < gap.above, `"${gap.heading}": ${gap.above}px above, ${gap.below}px below`);
      }
      const outro = await page.locator('.outro').evaluate((element) => getComputedStyle(element).borderTopStyle);
      assert.equal(outro, 'solid');
    } finally {
      await page.close();
    }
  });

  for (const colorScheme of SCHEMES) {
    test(`a wide screen (1000px, ${colorScheme}) shows the card centred with no grey margin around it`, async () => {
      const page = await open(emails.get('issue-1')!, 1000, colorScheme);
      try {
        const box = await page.locator('.container').boundingBox();
        assert.ok(box);
        assert.equal(box.width, 600);
        assert.ok(Math.abs(box.x - (1000 - 600) / 2) <= 1, `the card starts at x=${box.x}`);
        const background = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);
        assert.equal(await background('body'), await background('.container'));
        assert.equal(await background('.wrapper'), await background('.container'));
      } finally {
        await page.close();
      }
    });
  }
});
