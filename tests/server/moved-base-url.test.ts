import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { startServer as startServe } from '../../src/server/start.js';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { parseEml } from '../helpers/render.js';
import { newsletter, outboxFiles, SECRET, send } from '../helpers/send.js';
import { rawRequest, startServer, type TestServer } from './helpers.js';

const FORM = 'application/x-www-form-urlencoded';

/** The https target of each sent message's List-Unsubscribe header, by recipient. */
async function unsubscribeUrls(root: string): Promise<Map<string, URL>> {
  const pairs = await Promise.all(
    outboxFiles(root).map(async (eml) => {
      const mail = await parseEml(Buffer.from(eml));
      const header = mail.headerLines.find((line) => line.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
      return [mail.to && 'text' in mail.to ? mail.to.text : '', new URL(/<(https:[^>]+)>/.exec(header)![1]!)] as const;
    }),
  );
  return new Map(pairs);
}

/** Sets the newsletter's baseUrl, as an editor moving the archive does. */
function moveBaseUrl(root: string, baseUrl: string): void {
  const file = join(root, 'paperboy.config.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^baseUrl: .*$/m, `baseUrl: ${baseUrl}`));
}

/** Issue 1 sent with `sentWith` to two readers, then the site moved to `movedTo`: their unsubscribe URLs. */
async function sentThenMoved(sentWith: string, movedTo: string): Promise<{ root: string; urls: Map<string, URL> }> {
  const root = await newsletter(2);
  moveBaseUrl(root, sentWith);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  moveBaseUrl(root, movedTo);
  return { root, urls: await unsubscribeUrls(root) };
}

/** Makes the journal of `root` one from before baseUrls were recorded (a paperboy without the table keeps its journal as it is); `messageId`, when given, becomes every row's. */
function asBeforeBasesWereRecorded(root: string, messageId?: string): void {
  const db = openStore(join(root, '.paperboy'));
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sent_link_bases'").get()) db.prepare('DELETE FROM sent_link_bases').run();
  if (messageId !== undefined) db.prepare('UPDATE deliveries SET message_id = ?').run(messageId);
  db.close();
}

const target = (url: URL) => `${url.pathname}${url.search}`;
const statusOf = (server: TestServer, email: string) => new SubscriberStore(server.db).find(email)?.status;

test('the one-click unsubscribe of mail sent before baseUrl moved under a path works at the old path (/unsubscribe), and so do its page and button', { timeout: 60_000 }, async () => {
  const { root, urls } = await sentThenMoved('https://digest.example.org/', 'https://www.example.org/digest');
  const [first, second] = [urls.get('reader0@example.org')!, urls.get('reader1@example.org')!];
  assert.equal(first.pathname, '/unsubscribe');
  const server = await startServer({ root, secret: SECRET });
  try {
    const oneClick = await rawRequest(server.port, 'POST', target(first), { type: FORM, data: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200);
    assert.equal(statusOf(server, 'reader0@example.org'), 'unsubscribed');

    // GET changes nothing and shows the button, whose form posts back to the same old path.
    const page = await rawRequest(server.port, 'GET', target(second));
    assert.equal(page.status, 200);
    assert.match(page.body, /\/digest\/assets\/archive\.css/);
    const action = /<form method="post" action="([^"]+)">/.exec(page.body)![1]!.replace(/&#x3D;/g, '=');
    const posted = new URL(action, `http://127.0.0.1${target(second)}`);
    assert.equal(posted.pathname, '/unsubscribe');
    assert.equal(statusOf(server, 'reader1@example.org'), 'active');
    const button = await rawRequest(server.port, 'POST', target(posted), { type: FORM, data: 'List-Unsubscribe=One-Click' });
    assert.equal(button.status, 200);
    assert.equal(statusOf(server, 'reader1@example.org'), 'unsubscribed');
    // The site's own path answers as before.
    assert.equal((await rawRequest(server.port, 'GET', `/digest/unsubscribe${second.search}`)).status, 200);
  } finally {
    await server.close();
  }
});

test('mail sent under a path keeps its one-click unsubscribe when the archive moves to another path or to the root', { timeout: 60_000 }, async () => {
  for (const movedTo of ['https://news.example.org/', 'https://news.example.org/letters/']) {
    const { root, urls } = await sentThenMoved('https://news.example.org/news/', movedTo);
    const url = urls.get('reader0@example.org')!;
    assert.equal(url.pathname, '/news/unsubscribe');
    const server = await startServer({ root, secret: SECRET });
    try {
      assert.equal((await rawRequest(server.port, 'POST', target(url), { type: FORM, data: 'List-Unsubscribe=One-Click' })).status, 200, movedTo);
      assert.equal(statusOf(server, 'reader0@example.org'), 'unsubscribed', movedTo);
    } finally {
      await server.close();
    }
  }
});

test('an old baseUrl’s path answers its unsubscribe endpoint alone: no other endpoint, archive page or spelling of the path, no redirect, forged tokens refused', { timeout: 60_000 }, async () => {
  const { root, urls } = await sentThenMoved('https://digest.example.org/', 'https://www.example.org/digest/');
  const url = urls.get('reader0@example.org')!;
  const server = await startServer({ root, secret: SECRET });
  try {
    assert.equal((await rawRequest(server.port, 'GET', target(url))).status, 200);
    for (const [method, path] of [
      ['POST', '/subscribe'],
      ['GET', '/issues/3/'],
      ['GET', '/assets/archive.css'],
      ['GET', `/unsubscribe/${url.search}`],
      ['GET', `/%75nsubscribe${url.search}`],
      ['GET', `/UNSUBSCRIBE${url.search}`],
      ['GET', `/news/unsubscribe${url.search}`],
      ['GET', `//unsubscribe${url.search}`],
    ] as const) {
      const answer = await rawRequest(server.port, method, path, method === 'POST' ? { type: FORM, data: 'email=a%40example.org' } : undefined);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.headers.location, undefined);
    }
    const forged = `${url.search.slice(0, -3)}AAA`;
    assert.equal((await rawRequest(server.port, 'POST', `/unsubscribe${forged}`, { type: FORM, data: 'List-Unsubscribe=One-Click' })).status, 400);
    // The old path's confirm endpoint checks its token as the site's own does: an unsubscribe token confirms nothing.
    assert.equal((await rawRequest(server.port, 'POST', `/confirm${url.search}`)).status, 400);
    assert.equal(statusOf(server, 'reader0@example.org'), 'active');
  } finally {
    await server.close();
  }
});

test('a page of the site where an old baseUrl’s unsubscribe links arrive is served as it is, not shadowed', { timeout: 60_000 }, async () => {
  const { root, urls } = await sentThenMoved('https://news.example.org/news/', 'https://news.example.org/');
  const url = urls.get('reader0@example.org')!;
  const server = await startServer({ root, secret: SECRET });
  try {
    assert.match((await rawRequest(server.port, 'GET', target(url))).body, /Unsubscribe from/);
    mkdirSync(join(server.config.outDir, 'news', 'unsubscribe'), { recursive: true });
    writeFileSync(join(server.config.outDir, 'news', 'unsubscribe', 'index.html'), '<!DOCTYPE html><title>Ours</title><h1>Our own page</h1>');
    server.app.reloadSite();
    const page = await rawRequest(server.port, 'GET', target(url));
    assert.equal(page.status, 301);
    assert.equal((await rawRequest(server.port, 'POST', target(url), { type: FORM, data: 'List-Unsubscribe=One-Click' })).status, 405);
    assert.equal(statusOf(server, 'reader0@example.org'), 'active');
  } finally {
    await server.close();
  }
});

test('mail sent before paperboy recorded its baseUrl is recognised by its Message-ID: its unsubscribe links work after the move, and serve names what else of it broke', { timeout: 60_000 }, async () => {
  const { root, urls } = await sentThenMoved('https://digest.example.org/', 'https://www.example.org/digest/');
  asBeforeBasesWereRecorded(root);
  const server = await startServer({ root, secret: SECRET });
  try {
    assert.equal((await rawRequest(server.port, 'POST', target(urls.get('reader0@example.org')!), { type: FORM, data: 'List-Unsubscribe=One-Click' })).status, 200);
    assert.equal(statusOf(server, 'reader0@example.org'), 'unsubscribed');
  } finally {
    await server.close();
  }
  const warnings: string[] = [];
  const served = await startServe({ config: await loadConfig(root), env: { PAPERBOY_SECRET: SECRET }, host: '127.0.0.1', port: 0, dev: false, log: () => undefined, warn: (line) => warnings.push(line) });
  await served.stop();
  assert.deepEqual(warnings, [
    'issue 1 was sent with baseUrl https://digest.example.org/: its unsubscribe links (https://digest.example.org/unsubscribe) are answered here at /unsubscribe as long as digest.example.org reaches this server (proxy it here: a redirect can lose the one-click POST), but its other links into the archive ("view in browser" https://digest.example.org/issues/1/, images) are not: redirect https://digest.example.org/… to https://www.example.org/digest/…',
  ]);
});

test('serve says which issues were sent under a baseUrl it cannot tell, naming their host; nothing for mail sent under the current baseUrl', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  const warningsOf = async () => {
    const warnings: string[] = [];
    const served = await startServe({ config: await loadConfig(root), env: { PAPERBOY_SECRET: SECRET }, host: '127.0.0.1', port: 0, dev: false, log: () => undefined, warn: (line) => warnings.push(line) });
    await served.stop();
    return warnings;
  };
  assert.deepEqual(await warningsOf(), []);
  // Sent under https://news.example.org/old/ before baseUrls were recorded: neither the current baseUrl nor the host's root.
  asBeforeBasesWereRecorded(root, '<issue1.0123456789abcdef0123456789abcdef@news.example.org>');
  assert.deepEqual(await warningsOf(), [
    'issue 1 was sent under another baseUrl than https://news.example.org/, on news.example.org, before paperboy recorded which: this server answers its unsubscribe links only if your proxy sends them to /unsubscribe',
  ]);
});

/** The path and query of a link, as the server is reached. */
const pathOf = (link: string) => target(new URL(link));

/** Asks `root`'s server (its baseUrl as it is now) to subscribe `email`: the link of the confirmation it mailed. */
async function confirmationMailed(root: string, email: string): Promise<string> {
  const server = await startServer({ root, secret: SECRET });
  try {
    assert.equal((await rawRequest(server.port, 'POST', `${new URL(server.config.baseUrl).pathname}subscribe`, { type: FORM, data: `email=${encodeURIComponent(email)}` })).status, 202);
    await server.app.settled();
    return server.confirmations.at(-1)!.confirmUrl;
  } finally {
    await server.close();
    // The test server writes its site afresh each start.
    rmSync(server.config.outDir, { recursive: true });
  }
}

/** Follows a confirmation link at `server` as its reader does: the page, then its button, posted where its form says. */
async function followConfirmation(server: TestServer, link: string): Promise<{ page: number; button: number; action: string }> {
  const page = await rawRequest(server.port, 'GET', pathOf(link));
  const action = (/<form method="post" action="([^"]+)"/.exec(page.body)?.[1] ?? '').replace(/&#x3D;/g, '=');
  const posted = new URL(action, `http://127.0.0.1${pathOf(link)}`);
  const button = await rawRequest(server.port, 'POST', target(posted));
  return { page: page.status, button: button.status, action: posted.pathname };
}

test('a confirmation link mailed before baseUrl moved under a path confirms at its old path (/confirm), page and button, with no issue sent yet; only that exact path, same token checks', { timeout: 60_000 }, async () => {
  const root = await newsletter(0);
  const link = await confirmationMailed(root, 'new@example.org');
  assert.equal(new URL(link).pathname, '/confirm');
  moveBaseUrl(root, 'https://www.example.org/digest/');
  const server = await startServer({ root, secret: SECRET });
  try {
    const token = new URL(link).search;
    for (const path of [`/confirm/${token}`, `/%63onfirm${token}`, `/CONFIRM${token}`, `/unsubscribe${token}`, '/subscribe']) {
      assert.equal((await rawRequest(server.port, 'GET', path)).status, 404, path);
    }
    assert.equal((await rawRequest(server.port, 'POST', `/confirm${token.slice(0, -3)}AAA`)).status, 400, 'a forged token');
    assert.equal(statusOf(server, 'new@example.org'), 'pending');
    assert.deepEqual(await followConfirmation(server, link), { page: 200, button: 200, action: '/confirm' });
    assert.equal(statusOf(server, 'new@example.org'), 'active');
  } finally {
    await server.close();
  }
});

test('a confirmation link mailed before paperboy recorded its baseUrl confirms at the old path of the issues sent then', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  moveBaseUrl(root, 'https://digest.example.org/');
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  const link = await confirmationMailed(root, 'new@example.org');
  const db = openStore(join(root, '.paperboy'));
  // As a paperboy without the column left it.
  if (db.prepare("SELECT 1 FROM pragma_table_info('confirmations') WHERE name = 'base_url'").get()) db.prepare('UPDATE confirmations SET base_url = NULL').run();
  db.close();
  moveBaseUrl(root, 'https://www.example.org/digest/');
  const server = await startServer({ root, secret: SECRET });
  try {
    assert.deepEqual(await followConfirmation(server, link), { page: 200, button: 200, action: '/confirm' });
    assert.equal(statusOf(server, 'new@example.org'), 'active');
  } finally {
    await server.close();
  }
});
