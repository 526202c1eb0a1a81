import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && 'Debian chromium is not installed';

/** A page with the subscription form posting to `action`, the address filled in. */
const formPage = (action: string) =>
  `<!DOCTYPE html><title>Form</title><form method="post" action="${action}"><input name="email" value="victim@example.org"><button>Subscribe</button></form>`;

test('subscribe in Chromium: the form on a page of another site is refused with a 403 page in the site’s look, nothing sent; the same form on the site’s own page subscribes', { skip, timeout: 120_000 }, async () => {
  const server = await startServer();
  // Another site: `localhost` is not `127.0.0.1` to a browser.
  const elsewhere = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(formPage(`${server.base}/subscribe`)));
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const otherSite = `http://localhost:${(elsewhere.address() as AddressInfo).port}/`;
  writeFileSync(join(server.config.outDir, 'form.html'), formPage('subscribe'));
  server.app.reloadSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(otherSite);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('button')]);
    assert.equal(refused?.status(), 403);
    assert.match(await page.locator('main').innerText(), /came from a page on another website, so nothing was done and no email was sent/);
    // Styled by the archive's own stylesheet, as every server page is.
    const styled = await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.endsWith('/assets/archive.css') && sheet.cssRules.length > 0));
    assert.ok(styled, 'the archive stylesheet applies');
    assert.equal(server.confirmations.length, 0);

    await page.goto(`${server.base}/form.html`);
    const [accepted] = await Promise.all([page.waitForNavigation(), page.click('button')]);
    assert.equal(accepted?.status(), 202);
    assert.match(await page.locator('main').innerText(), /Check your inbox/);
    await server.app.settled();
    assert.deepEqual(server.confirmations.map((message) => message.to), ['victim@example.org']);
  } finally {
    await browser.close();
    elsewhere.close();
    await server.close();
  }
});
