import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
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

test('serve: a reader subscribes with the archive’s form, follows the emailed link, and is active (headless Chromium)', { skip: !existsSync(CHROMIUM) && 'Debian chromium is not installed (.ci/run installs it)', timeout: 90_000 }, async () => {
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

    const outbox = join(root, '.paperboy', 'outbox', 'confirmations');
    const [message] = readdirSync(outbox);
    const link = /https:\/\/news\.example\.org\/(confirm\?token=[\w.=-]+)/.exec(readFileSync(join(outbox, message!), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1]!;
    await page.goto(new URL(link, server.url).href);
    await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();
    assert.equal(spawnCli(['subscribers', 'count', '--root', root], { cwd: root }).stdout, '1\n');
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});
