import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { EMAIL_CSS_INLINING } from '../../src/render/email.js';
import { inlineCss } from '../../src/render/inline-css.js';
import { adaptForMailClients } from '../../src/render/mail-client-markup.js';
import { RIGHT_TO_LEFT_ISSUE } from './fixtures/right-to-left.js';
import { emailSources, REPO_ROOT, rootWith } from '../helpers/render.js';

/**
 * The markup the email is given for mail clients (`<span dir="auto">` for
 * `<bdi>`, `<div>` for `<section>`, empty `<a name>` anchors) must change
 * nothing a reader of a browser-based client sees: each email is drawn in
 * Debian's Chromium (headless) with the markup and without it, at a
 * phone's and a desktop's width, and the pixels compared.
 */
const CHROMIUM = '/usr/bin/chromium';
const SKIP = !existsSync(CHROMIUM) && `Debian chromium is not installed at ${CHROMIUM} (.ci/run installs it)`;

let browser: Browser | undefined;

before(async () => {
  if (SKIP) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

after(async () => {
  await browser?.close();
});


async function screenshot(html: string, width: number): Promise<Buffer> {
  const page = await browser!.newPage({ viewport: { width, height: 800 } });
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  const shot = await page.screenshot({ fullPage: true });
  await page.close();
  return shot;
}

test('email: the markup kept for Gmail and Outlook (no `<bdi>`, no `<section>`, named anchors) looks in Chromium as the markup it replaces, pixel for pixel', { skip: SKIP }, async () => {
  const rtl = await rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE });
  const sources = [...(await emailSources(REPO_ROOT)), ...(await emailSources(rtl.root))];
  // The emails with footnotes or right-to-left names: the others' markup is left as it is.
  const changed = sources.map((source) => ({ source, before: inlineCss(source, EMAIL_CSS_INLINING), adapted: inlineCss(source, EMAIL_CSS_INLINING, adaptForMailClients) })).filter(({ before, adapted }) => before !== adapted);
  assert.ok(changed.length >= 3, `${changed.length} emails changed`);
  for (const { source, before, adapted } of changed) {
    for (const width of [375, 600]) {
      assert.ok((await screenshot(adapted, width)).equals(await screenshot(before, width)), `${/<title>(.*)<\/title>/.exec(source)?.[1]} at ${width}px`);
    }
  }
});
