import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { exited, serve } from '../helpers/serve.js';

const CHROMIUM = '/usr/bin/chromium';

test('serve --dev: an edit of an issue reloads the open page with the change (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Before the edit' }) });
  const server = await serve(root, ['--dev'], {});
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('issues/1/', server.url).href);
    await page.getByRole('heading', { level: 1, name: /Before the edit/ }).waitFor();
    // The page listens for reloads before the file changes.
    await page.locator('html[data-paperboy-live="connected"]').waitFor({ state: 'attached' });
    writeFileSync(join(root, 'issues', '0001-a.md'), cleanIssue({ title: 'After the edit' }));
    await page.getByRole('heading', { level: 1, name: /After the edit/ }).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});

test('serve: a reader subscribes with the archive’s form, follows the emailed link, which leads back to this local server, and is active (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  assert.equal(spawnCli(['build', '--root', root], { cwd: root }).code, 0);
  const server = await serve(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(server.url.href);
    await page.getByLabel('Get each issue by email').fill('reader@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    // The confirmation goes out after the answer: in the outbox a moment later.
    const outbox = join(root, '.paperboy', 'outbox', 'confirmations');
    const deadline = Date.now() + 10_000;
    while (!(existsSync(outbox) && readdirSync(outbox).some((name) => name.endsWith('.eml'))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const message = readdirSync(outbox).find((name) => name.endsWith('.eml'));
    // Asked of the server on 127.0.0.1, not of the published site (news.example.org): the link leads back here.
    const link = /http:\/\/[\w.:[\]]+\/confirm\?token=[\w.=-]+/.exec(readFileSync(join(outbox, message!), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[0];
    assert.equal(new URL(link ?? 'about:blank').origin, server.url.origin);
    await page.goto(link!);
    // Opening the link asks (a mail scanner's GET confirms nobody); the button confirms.
    await page.getByRole('heading', { name: 'Subscribe to Test Newsletter?' }).waitFor();
    assert.equal(spawnCli(['subscribers', 'count', '--root', root], { cwd: root }).stdout, '0\n');
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();
    assert.equal(spawnCli(['subscribers', 'count', '--root', root], { cwd: root }).stdout, '1\n');
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});

test("serve --dev: an issue page shows an image of staticDir from the dev server itself, no request leaving it for the published baseUrl (headless Chromium)", { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const body = 'A chart: ![The loss falls](img/chart.svg), and the same from the root: ![The loss again](/img/chart.svg).';
  const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="teal"/></svg>';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ body }), 'static/img/chart.svg': chart });
  await inChromiumDev(root, async (browser, url) => {
    const page = await browser.newPage();
    const outside: string[] = [];
    const images: string[] = [];
    await page.route('**/*', (route) => {
      const request = route.request().url();
      if (new URL(request).origin !== url.origin) {
        outside.push(request);
        return route.abort();
      }
      if (route.request().resourceType() === 'image') images.push(new URL(request).pathname);
      return route.continue();
    });
    await page.goto(new URL('issues/1/', url).href);
    const shown = page.getByRole('img', { name: 'The loss falls' });
    await shown.waitFor();
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    assert.deepEqual(await page.locator('main img').evaluateAll((all) => all.map((image) => [(image as HTMLImageElement).alt, (image as HTMLImageElement).naturalWidth])), [
      ['The loss falls', 40],
      ['The loss again', 40],
    ]);
    assert.deepEqual(outside, []);
    assert.ok(images.includes('/img/chart.svg'), `images loaded: ${images.join(', ')}`);
  });
});

/** A headless Chromium run against `paperboy serve --dev` in `root`, both stopped after `use`. */
async function inChromiumDev(root: string, use: (browser: Browser, url: URL) => Promise<void>): Promise<void> {
  const server = await serve(root, ['--dev'], {});
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await use(browser, server.url);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
}

/** The build-error banner of a dev page. */
const banner = (page: Page) => page.locator('#paperboy-build-error');

test('serve --dev started while an issue is broken: the not-found page shows the error at its file:line:column, and reloads once a save fixes it (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Fine issue' }), 'issues/0002-b.md': cleanIssue({ number: 2, title: '[unclosed' }) });
  await inChromiumDev(root, async (browser, url) => {
    const page = await browser.newPage();
    const answer = await page.goto(url.href);
    assert.equal(answer?.status(), 404);
    await banner(page).waitFor();
    assert.match(await banner(page).textContent() ?? '', /issues\/0002-b\.md:3:\d+: /);
    writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, title: 'Fixed issue' }));
    await page.getByText('Fixed issue').first().waitFor({ timeout: 30_000 });
    assert.equal(await banner(page).count(), 0);
  });
});

test('serve --dev: a page opened while the last build failed shows the failure, and the next successful build takes it away (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Before the edit' }) });
  const file = join(root, 'issues', '0001-a.md');
  await inChromiumDev(root, async (browser, url) => {
    const open = await browser.newPage();
    await open.goto(new URL('issues/1/', url).href);
    await open.locator('html[data-paperboy-live="connected"]').waitFor({ state: 'attached' });
    writeFileSync(file, cleanIssue({ title: '[unclosed' }));
    await banner(open).waitFor({ timeout: 30_000 });
    // Opened now, the page shows the last site built: the banner says it is not the file's.
    const opened = await browser.newPage();
    await opened.goto(new URL('issues/1/', url).href);
    await opened.getByRole('heading', { level: 1, name: /Before the edit/ }).waitFor();
    await banner(opened).waitFor({ timeout: 10_000 });
    assert.match(await banner(opened).textContent() ?? '', /issues\/0001-a\.md:3:\d+: /);
    writeFileSync(file, cleanIssue({ title: 'After the fix' }));
    for (const page of [open, opened]) {
      await page.getByRole('heading', { level: 1, name: /After the fix/ }).waitFor({ timeout: 30_000 });
      assert.equal(await banner(page).count(), 0);
    }
  });
});

test('serve --dev: the page of an issue whose file is removed answers not found, and shows the issue again once the file is back (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'First issue' }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'Second issue', date: '2023-06-29' }) });
  const file = join(root, 'issues', '0002-b.md');
  const text = readFileSync(file, 'utf8');
  await inChromiumDev(root, async (browser, url) => {
    const page = await browser.newPage();
    await page.goto(new URL('issues/2/', url).href);
    await page.locator('html[data-paperboy-live="connected"]').waitFor({ state: 'attached' });
    rmSync(file);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor({ timeout: 30_000 });
    await page.locator('html[data-paperboy-live="connected"]').waitFor({ state: 'attached' });
    writeFileSync(file, text);
    await page.getByRole('heading', { level: 1, name: /Second issue/ }).waitFor({ timeout: 30_000 });
  });
});

test('serve --dev: /preview/N’s dark-mode switch shows the email with its dark rules, and the light one on a dark system (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const LIGHT = 'rgb(255, 255, 255)';
  const DARK = 'rgb(27, 31, 36)';
  await inChromiumDev(root, async (browser, url) => {
    for (const [system, before, after] of [['light', LIGHT, DARK], ['dark', DARK, LIGHT]] as const) {
      const page = await (await browser.newContext({ colorScheme: system })).newPage();
      await page.goto(new URL('preview/1', url).href);
      const background = async () => {
        const frame = page.frameLocator('iframe[width="600"]');
        return frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
      };
      assert.equal(await background(), before, `the frame follows the ${system} system`);
      assert.equal(await page.getByRole('button', { name: 'Dark mode' }).getAttribute('aria-pressed'), String(system === 'dark'));
      await page.getByRole('button', { name: 'Dark mode' }).click();
      await page.waitForFunction((wanted) => [...document.querySelectorAll('iframe')].every((frame) => frame.contentDocument?.readyState === 'complete' && frame.contentDocument.body && getComputedStyle(frame.contentDocument.body).backgroundColor === wanted), after, { timeout: 10_000 }).catch(() => undefined);
      assert.equal(await background(), after, `the switch on a ${system} system`);
      // The choice stays through the reload a save brings.
      await page.reload();
      assert.equal(await background(), after);
    }
  });
});
