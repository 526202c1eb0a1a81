import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
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
