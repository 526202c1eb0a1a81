import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { ARTIFACTS, launchChromium, openPage, serveSite, skip } from './chromium.js';
import { archiveRoot } from './fixture.js';

/** The papers page in Chromium, as readers with and without JavaScript see it. */
let browser: Browser | undefined;
let server: Server | undefined;
let origin = '';

before(async () => {
  if (skip) return;
  const root = archiveRoot();
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  ({ origin, server } = await serveSite(join(root, 'dist')));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the lead offers search once the script shows the form; without JavaScript it offers the years alone', { skip }, async () => {
  const { page } = await openPage(browser!, origin);
  await page.goto(`${origin}/papers/index.html`);
  await page.locator('.paper-search').waitFor();
  assert.equal(await page.locator('.lead').innerText(), '3 papers from 3 issues. Pick a year, or search and filter them all.');
  await page.close();
  const { page: without } = await openPage(browser!, origin, { javaScriptEnabled: false });
  await without.goto(`${origin}/papers/index.html`);
  assert.equal(await without.locator('.lead').innerText(), '3 papers from 3 issues. Pick a year.');
  assert.ok(await without.locator('.paper-search').isHidden());
  await without.screenshot({ path: join(ARTIFACTS, 'papers-without-javascript.png'), fullPage: true });
  await without.close();
});
