import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import sirv from 'sirv';
import { runCli } from '../helpers/cli.js';
import { archiveRoot } from './fixture.js';

/**
 * What the archive's browser tests share: Debian's Chromium, headless, a
 * built site served over HTTP as a host would serve it (sirv), pages that
 * record what they log and load. Screenshots land in
 * test-artifacts/archive/.
 */
const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(fileURLToPath(new URL('../..', import.meta.url)), 'test-artifacts', 'archive');
export const skip = !existsSync(CHROMIUM) && 'Debian chromium is not installed';

/** Chromium as the tests run it (no first-run work, no request of its own), and the folder for screenshots made. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** What `siteInChromium` hands a test file: set once its `before` has run. */
export interface SiteInChromium {
  browser: Browser;
  /** http://127.0.0.1:<port>, serving `dist`. */
  origin: string;
  /** The built site's folder, for pages opened from disk (`file://`). */
  dist: string;
}

/**
 * For a test file (call it at the top level): before its tests, builds the
 * archive fixture (`archiveRoot`, after `prepare` edits it), serves the
 * site and launches Chromium; after them, closes both. Nothing runs when
 * Chromium is missing (`skip`).
 */
export function siteInChromium(prepare: (root: string) => void = () => {}): SiteInChromium {
  const site = { origin: '', dist: '' } as SiteInChromium;
  let server: Server | undefined;
  before(async () => {
    if (skip) return;
    const root = archiveRoot();
    prepare(root);
    const result = await runCli(['build'], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    site.dist = join(root, 'dist');
    ({ origin: site.origin, server } = await serveSite(site.dist));
    site.browser = await launchChromium();
  });
  after(async () => {
    await site.browser?.close();
    server?.close();
  });
  return site;
}

/** The built site in `dist` at `origin` (http://127.0.0.1:<a free port>); `server.close()` when done. */
async function serveSite(dist: string): Promise<{ origin: string; server: Server }> {
  const serve = sirv(dist, { dev: true });
  const server = createServer((request, response) => serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A page (1000 × 900 unless `options` say otherwise) that records console errors, the path of every request (`loaded`) and every request that would leave `origin` (and blocks it). */
export async function openPage(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[]; outside: string[]; loaded: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, ...options });
  const errors: string[] = [];
  const outside: string[] = [];
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return { page, errors, outside, loaded };
}

/** Waits until the papers page's search has settled on `titles` (the results' links, in any order): each keystroke or choice searches again. */
export async function showsTitles(page: Page, titles: readonly string[]): Promise<void> {
  const expected = [...titles].sort();
  const settled = (wanted: string[]) =>
    document.querySelector('.search-status')?.textContent?.endsWith('.') &&
    JSON.stringify([...document.querySelectorAll('.search-results li > a')].map((link) => link.textContent).sort()) === JSON.stringify(wanted);
  await page.waitForFunction(settled, expected, { timeout: 10_000 }).catch(() => undefined);
  assert.deepEqual((await page.locator('.search-results li > a').allInnerTexts()).sort(), expected);
}
