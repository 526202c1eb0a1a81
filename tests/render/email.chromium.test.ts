import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';

/**
 * The HTML email as a mail client's web view shows it: Debian's Chromium,
 * headless, at a desktop reading pane (600px) and a phone (375px). The
 * screenshots land in test-artifacts/ to be looked at by eye.
 */
const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts');

let browser: Browser | undefined;
let html = '';

before(async () => {
  if (!existsSync(CHROMIUM)) return;
  const out = join(ARTIFACTS, 'email.html');
  mkdirSync(ARTIFACTS, { recursive: true });
  const result = await runCli(['render', '5', '--format', 'html', '--out', out], { cwd: ROOT });
  assert.equal(result.code, 0, result.stderr);
  html = readFileSync(out, 'utf8');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

for (const width of [600, 375]) {
  test(`the HTML email fits ${width}px without horizontal overflow or console errors`, { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)' }, async () => {
    const page = await browser!.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // Images point at the archive, which is not reachable here: block requests, as many clients do.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${width}px viewport`);
    const realErrors = errors.filter((text) => !/net::ERR_FAILED|Failed to load resource/.test(text));
    assert.deepEqual(realErrors, []);
    await page.screenshot({ path: join(ARTIFACTS, `email-${width}.png`), fullPage: true });
    await page.close();
  });
}
