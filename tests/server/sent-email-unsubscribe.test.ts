import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { parseEml } from '../helpers/render.js';
import { newsletter, outboxFiles, SECRET, send } from '../helpers/send.js';
import { rawRequest, startServer } from './helpers.js';

/** The https target of a sent message's List-Unsubscribe header, and whom the message went to. */
async function unsubscribeTargets(root: string): Promise<{ to: string; url: URL }[]> {
  return Promise.all(
    outboxFiles(root).map(async (eml) => {
      const mail = await parseEml(Buffer.from(eml));
      const header = mail.headerLines.find((line) => line.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
      return { to: mail.to && 'text' in mail.to ? mail.to.text : '', url: new URL(/<(https:[^>]+)>/.exec(header)![1]!) };
    }),
  );
}

test('the unsubscribe URL of a sent email works: one-click POST for one reader, GET then the page’s button for another; the others stay', { timeout: 60_000 }, async () => {
  const root = await newsletter(3);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  const [first, second, third] = (await unsubscribeTargets(root)).sort((a, b) => a.to.localeCompare(b.to));
  const server = await startServer({ root, secret: SECRET });
  try {
    const path = (url: URL) => `${url.pathname}${url.search}`;
    const oneClick = await rawRequest(server.port, 'POST', path(first!.url), { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200);

    const page = await rawRequest(server.port, 'GET', path(second!.url));
    assert.equal(page.status, 200);
    const action = /<form method="post" action="([^"]+)">/.exec(page.body)![1]!.replace(/&#x3D;/g, '=');
    const fields = [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]+)">/g)].map(([, name, value]) => [name!, value!]);
    const target = new URL(action, `http://127.0.0.1${path(second!.url)}`);
    const button = await rawRequest(server.port, 'POST', path(target), {
      type: 'application/x-www-form-urlencoded',
      data: new URLSearchParams(fields).toString(),
    });
    assert.equal(button.status, 200);

    const store = new SubscriberStore(server.db);
    assert.deepEqual(
      [first, second, third].map((target) => store.find(target!.to)?.status),
      ['unsubscribed', 'unsubscribed', 'active'],
    );
  } finally {
    await server.close();
  }
  // What a next send reads: one active subscriber left.
  const db = openStore(`${root}/.paperboy`);
  assert.equal(new SubscriberStore(db).count('active'), 1);
  db.close();
});

test('the unsubscribe link an issue sent to the mailing list shows (no token) opens a page saying how to leave the list and naming it, not an invalid-link error', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  assert.equal((await send(root, { list: true }, { PAPERBOY_SECRET: SECRET })).code, 0);
  const [eml] = outboxFiles(root);
  const mail = await parseEml(Buffer.from(eml!));
  // The visible links of both parts: the plaintext's and the HTML's.
  const textLink = /https:\/\/news\.example\.org\/unsubscribe\b[^\s>)]*/.exec(mail.text!)?.[0];
  const htmlLink = /href="(https:\/\/news\.example\.org\/unsubscribe\b[^"]*)"/.exec(mail.html as string)?.[1];
  assert.ok(textLink && htmlLink, 'both parts show an unsubscribe link');
  const server = await startServer({ root, secret: SECRET });
  try {
    for (const link of new Set([textLink, htmlLink])) {
      const url = new URL(link.replaceAll('&amp;', '&'));
      const page = await rawRequest(server.port, 'GET', `${url.pathname}${url.search}`);
      assert.equal(page.status, 200, link);
      assert.match(page.body, /mailing list list@lists\.example\.org/);
      assert.match(page.body, /unsubscribe link at the bottom of your copy/);
    }
    // A token, even an empty one, is still checked: only no token at all is the list's link.
    assert.equal((await rawRequest(server.port, 'GET', '/unsubscribe?token=')).status, 400);
    assert.equal((await rawRequest(server.port, 'POST', '/unsubscribe', { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=One-Click' })).status, 400);
  } finally {
    await server.close();
  }
});
