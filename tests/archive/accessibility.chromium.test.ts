import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { axeViolations, type Exemption } from '../helpers/axe.js';
import { runCli } from '../helpers/cli.js';
import { parseEml, REPO_ROOT } from '../helpers/render.js';
import { serve } from '../helpers/serve.js';
import { launchChromium, skip } from './chromium.js';
import { keyboardWalk } from '../helpers/keyboard-walk.js';

/**
 * The sample newsletter (the repository's paperboy.config.yaml and
 * issues/), and the same in Hebrew (`language: he`, right to left), built
 * and served by `paperboy serve`, checked by axe-core (WCAG 2.0 and 2.1,
 * A and AA) on every kind of page the reader meets: the site's pages,
 * the papers page with and without scripts and after a search or a
 * filter, the server's 404 and subscription pages, and each issue's
 * email.html; light and dark, 320 and 1280 CSS pixels wide, with reduced
 * motion. Then by keyboard alone. What is checked: docs/accessibility.md.
 */

/**
 * Where an axe rule is wrong for an email, and why. An email is shown
 * inside a mail client's own page, whose `main` landmark holds it: a
 * `<main>` of the email's own would be a second one there (and webmail
 * drops or renames it). So its content is not in a landmark of its own.
 */
const EMAIL_EXEMPTIONS: readonly Exemption[] = [
  { rule: 'landmark-one-main', selector: 'html', why: "the mail client's page has the main landmark that holds the email" },
  { rule: 'region', selector: 'body > table.wrapper', why: "the email's content is inside the mail client's main landmark, not one of its own" },
];

const VIEWS = [
  { colorScheme: 'light', width: 320 },
  { colorScheme: 'light', width: 1280 },
  { colorScheme: 'dark', width: 320 },
  { colorScheme: 'dark', width: 1280 },
] as const;
type View = (typeof VIEWS)[number];

/** A page to check: where it is, whether scripts run, and what the reader does on it first. */
interface PageKind {
  name: string;
  path: string;
  script?: boolean;
  act?: (page: Page) => Promise<void>;
  answered?: Answer;
  /** Elements where a rule is wrong for this kind of page (none but the emails'). */
  exemptions?: readonly Exemption[];
}

/** The built and served newsletter of one language. */
interface Served {
  url: URL;
  root: string;
  child: ChildProcess;
  answers: { subscribed: Answer; confirmPath: string; confirmed: Answer };
}

/** A page the server answered a form with: shown at its URL as it came (Playwright fulfils the navigation with it). */
interface Answer {
  status: number;
  body: string;
}

/** A copy of the sample newsletter (`extraConfig` appended to its configuration), built; served by `paperboy serve`. */
async function sampleServed(extraConfig: string): Promise<Served> {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-a11y-'));
  cpSync(join(REPO_ROOT, 'issues'), join(root, 'issues'), { recursive: true });
  // The repository's templates are the built-in ones: the copy uses those (templatesDir would point at a folder it has not).
  const config = readFileSync(join(REPO_ROOT, 'paperboy.config.yaml'), 'utf8').replace(/^templatesDir:.*\n/m, '');
  writeFileSync(join(root, 'paperboy.config.yaml'), config);
  appendFileSync(join(root, 'paperboy.config.yaml'), extraConfig);
  const built = await runCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  const { child, url } = await serve(root);
  return { url, root, child, answers: await formAnswers(url, root) };
}

/** The first entry of a folder of the built site whose name matches `pattern` (a paper's, a tag's, an author's folder). */
function firstIn(dist: string, folder: string, pattern: RegExp): string {
  const name = readdirSync(join(dist, folder)).sort().find((entry) => pattern.test(entry) && entry !== 'index.html');
  assert.ok(name, `no entry of ${folder}/ matches ${pattern}`);
  return `/${folder}/${name}/`;
}

/** Waits until the papers page's search has answered (its status ends in a full stop). */
async function searchSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent?.endsWith('.'), undefined, { timeout: 10_000 });
}

/** Every kind of page of the served sample. */
function pageKinds(served: Served): PageKind[] {
  const dist = join(served.root, 'dist');
  const issues = readdirSync(join(dist, 'issues'))
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(a) - Number(b));
  return [
    { name: 'index', path: '/' },
    { name: 'issue page', path: `/issues/${issues.at(-1)}/` },
    { name: 'papers page', path: '/papers/' },
    { name: 'papers page without JavaScript', path: '/papers/', script: false },
    {
      name: 'papers page after a search',
      path: '/papers/',
      act: async (page) => {
        await page.locator('#paper-query').fill('sycophancy');
        await searchSettled(page);
      },
    },
    {
      name: 'papers page after a filter',
      path: '/papers/',
      act: async (page) => {
        await page.locator('#filter-tag').selectOption({ index: 1 });
        await searchSettled(page);
      },
    },
    { name: 'year page', path: firstIn(dist, 'papers/year', /^\d{4}$/) },
    { name: 'paper page', path: firstIn(dist, 'papers', /^\d/) },
    { name: 'tags page', path: '/tags/' },
    { name: 'tag page', path: firstIn(dist, 'tags', /^[a-z]/) },
    { name: 'authors page', path: '/authors/' },
    { name: 'author page', path: firstIn(dist, 'authors', /^[a-z]/) },
    { name: '404 page', path: '/no-such-page/' },
    { name: 'subscribe page (GET /subscribe)', path: '/subscribe' },
    { name: 'subscribed page (POST /subscribe)', path: '/subscribe', answered: served.answers.subscribed },
    { name: 'confirm page, a link not valid', path: '/confirm?token=not-a-token' },
    { name: 'confirm page (its button)', path: served.answers.confirmPath },
    { name: 'confirmed page (POST /confirm)', path: served.answers.confirmPath, answered: served.answers.confirmed },
    { name: 'unsubscribe page without a token', path: '/unsubscribe' },
    { name: 'unsubscribe page, a link not valid', path: '/unsubscribe?token=not-a-token' },
    ...issues.map((number) => ({ name: `issue ${number}'s email.html`, path: `/issues/${number}/email.html`, exemptions: EMAIL_EXEMPTIONS })),
  ];
}

/**
 * The server's answers to a form sent (they cannot be fetched again by
 * URL): subscribing an address, and confirming it with the link of the
 * confirmation email `serve` put in its outbox. Sent once: the server
 * limits how often one client may subscribe.
 */
async function formAnswers(url: URL, root: string): Promise<Served['answers']> {
  const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  const subscribed = await fetch(new URL('/subscribe', url), { ...form, body: 'email=reader%40example.org' });
  assert.equal(subscribed.status, 202, await subscribed.clone().text());
  const outbox = join(root, '.paperboy', 'outbox', 'confirmations');
  // The email is written after the answer: waits for it (5 s at most).
  let file: string | undefined;
  for (let tries = 0; tries < 50 && !file; tries++) {
    file = existsSync(outbox) ? readdirSync(outbox).find((name) => name.endsWith('.eml')) : undefined;
    if (!file) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(file, 'serve wrote no confirmation email');
  const mail = await parseEml(readFileSync(join(outbox, file)));
  const token = /\/confirm\?token=([^\s>]+)/.exec(mail.text ?? '')?.[1];
  assert.ok(token, `no confirmation link in ${file}`);
  const confirmPath = `/confirm?token=${token}`;
  const confirmed = await fetch(new URL(confirmPath, url), { ...form, body: '' });
  assert.equal(confirmed.status, 200, await confirmed.clone().text());
  return {
    subscribed: { status: subscribed.status, body: await subscribed.text() },
    confirmPath,
    confirmed: { status: confirmed.status, body: await confirmed.text() },
  };
}

/**
 * A page of a fresh context: the view's scheme and width, reduced motion.
 * Without `script`, the page as a browser with scripts off shows it: the
 * site's scripts are not loaded and its stylesheets' `scripting` queries
 * answer "none". (Not by turning scripts off in Chromium: axe runs inside
 * the page, and with scripts off no timer of its fires.)
 */
async function openIn(browser: Browser, view: View, script = true): Promise<Page> {
  // bypassCSP: axe and the keyboard checks run as scripts in the page; the server's own pages forbid every script (Content-Security-Policy).
  const options: BrowserContextOptions = { viewport: { width: view.width, height: 900 }, colorScheme: view.colorScheme, reducedMotion: 'reduce', bypassCSP: true };
  const context = await browser.newContext(options);
  if (!script) {
    await context.route(/\.js$/, (route) => route.abort());
    await context.route(/\.css$/, async (route) => {
      const response = await route.fetch();
      const css = (await response.text()).replaceAll('(scripting: none)', 'all').replaceAll('(scripting: enabled)', 'not all');
      await route.fulfill({ response, body: css });
    });
  }
  return context.newPage();
}

/** A page of `kind` in `view`, loaded (and answered, and acted on, as the kind says). */
async function load(browser: Browser, served: Served, kind: PageKind, view: View): Promise<Page> {
  const page = await openIn(browser, view, kind.script ?? true);
  const href = new URL(kind.path, served.url).href;
  const answer = kind.answered;
  if (answer) await page.route(href, (route) => route.fulfill({ status: answer.status, contentType: 'text/html; charset=utf-8', body: answer.body }));
  await page.goto(href);
  if (kind.act) await kind.act(page);
  return page;
}

/** Every violation of the served newsletter's pages in `view`, one line each (`page: rule (impact) target: what`). */
async function violationsOf(browser: Browser, served: Served, view: View): Promise<string[]> {
  const found: string[] = [];
  for (const kind of pageKinds(served)) {
    const page = await load(browser, served, kind, view);
    for (const violation of await axeViolations(page, kind.exemptions)) {
      found.push(`${kind.name} (${kind.path}): ${violation.rule} (${violation.impact}) ${violation.target}: ${violation.summary}`);
    }
    // axe asks for an h1 at least; the archive promises one.
    const headings = await page.locator('h1').count();
    if (headings !== 1) found.push(`${kind.name} (${kind.path}): ${headings} h1 headings, not one`);
    await page.context().close();
  }
  return found;
}

/** The views the keyboard is checked in: both schemes, both widths (not every pair: a walk by Tab is slow, and the focus ring is one rule for both widths). */
const KEYBOARD_VIEWS: readonly View[] = [VIEWS[1], VIEWS[2]];

for (const site of [
  { name: 'the sample newsletter', config: '' },
  { name: 'the sample newsletter in Hebrew (right to left)', config: 'language: he\n' },
]) {
  let browser: Browser;
  let served: Served;
  before(async () => {
    if (skip) return;
    served = await sampleServed(site.config);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    served?.child.kill();
  });

  for (const view of VIEWS) {
    test(`accessibility (axe, WCAG 2.0/2.1 A and AA): ${site.name}, ${view.colorScheme}, ${view.width} px wide: no page, email or server page breaks a rule`, { skip }, async () => {
      assert.deepEqual(await violationsOf(browser, served, view), []);
    });
  }

  test(`accessibility (keyboard alone): ${site.name}: the skip link shows and moves focus to the content, every control is reached by Tab with a visible focus ring, and Tab leaves the page (no trap)`, { skip }, async () => {
    const problems: string[] = [];
    for (const kind of pageKinds(served).filter((kind) => !kind.path.endsWith('email.html') && !kind.act && kind.script !== false)) {
      for (const view of KEYBOARD_VIEWS) {
        const page = await load(browser, served, kind, view);
        for (const problem of await keyboardWalk(page)) problems.push(`${kind.name} (${kind.path}), ${view.colorScheme} ${view.width}px: ${problem}`);
        await page.context().close();
      }
    }
    assert.deepEqual(problems, []);
  });

  test(`accessibility (keyboard alone): ${site.name}: the papers page's filters are chosen by Tab and the arrow keys, and the results follow`, { skip }, async () => {
    const page = await load(browser, served, { name: 'papers page', path: '/papers/' }, VIEWS[1]);
    // Tab to the tag filter, as a reader without a mouse gets there.
    for (let press = 0; press < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'filter-tag'; press++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter-tag');
    await page.keyboard.press('ArrowDown');
    const tag = await page.locator('#filter-tag').inputValue();
    assert.notEqual(tag, '', 'ArrowDown chose no tag');
    await searchSettled(page);
    assert.ok((await page.locator('.search-results li').count()) > 0, `no result listed for the tag ${tag}`);
    assert.ok(await page.locator('.paper-table').isHidden(), 'the year\'s table still shows under the results');
    // Back to any tag, by keyboard too: the year's table again.
    await page.keyboard.press('Home');
    assert.equal(await page.locator('#filter-tag').inputValue(), '');
    await page.locator('.paper-table').waitFor();
    await page.context().close();
  });
}
