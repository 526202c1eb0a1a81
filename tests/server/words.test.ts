import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeConfirmation } from '../../src/mail/confirmation.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign } from '../../src/subscribers/unsubscribe-token.js';
import { CONFIG_YAML, configOf, makeRoot } from '../helpers/fixture.js';
import { englishWordsIn, germanWordsYaml, readable } from '../helpers/german-words.js';
import { parseEml } from '../helpers/render.js';
import { listKeys } from '../helpers/tokens.js';
import { rawRequest, SECRET, startServer } from './helpers.js';

const GERMAN = `${CONFIG_YAML}language: de\nlistAddress: liste@example.org\n${germanWordsYaml()}`;
const ONE_CLICK = { type: 'application/x-www-form-urlencoded', data: 'List-Unsubscribe=One-Click' };


test('words: every page the server shows a German newsletter that translates its words is in German, with no English word of paperboy and no lang="en"', async () => {
  const server = await startServer({ root: makeRoot({}, GERMAN) });
  try {
    const form = { type: 'application/x-www-form-urlencoded', data: new URLSearchParams({ email: 'ada@example.org' }).toString() };
    const pages = new Map<string, string>();
    const keep = async (name: string, answer: Promise<{ body: string }>) => pages.set(name, (await answer).body);
    await keep('subscribe GET', rawRequest(server.port, 'GET', '/subscribe'));
    await keep('subscribe POST', rawRequest(server.port, 'POST', '/subscribe', form));
    const link = new URL(server.confirmations[0]!.confirmUrl);
    const confirm = `${link.pathname}${link.search}`;
    await keep('confirm GET', rawRequest(server.port, 'GET', confirm));
    await keep('confirm POST', rawRequest(server.port, 'POST', confirm));
    await keep('confirm again', rawRequest(server.port, 'POST', confirm));
    await keep('confirm forged', rawRequest(server.port, 'GET', '/confirm?token=forged'));
    const { subscriber } = new SubscriberStore(server.db).add({ email: 'bo@example.org', consentSource: 'test' });
    const token = sign(subscriber.id, listKeys(server.db, SECRET));
    await keep('unsubscribe GET', rawRequest(server.port, 'GET', `/unsubscribe?token=${token}`));
    await keep('unsubscribe POST without one-click', rawRequest(server.port, 'POST', `/unsubscribe?token=${token}`, { type: ONE_CLICK.type, data: 'x=1' }));
    await keep('unsubscribe POST', rawRequest(server.port, 'POST', `/unsubscribe?token=${token}`, ONE_CLICK));
    await keep('unsubscribe forged', rawRequest(server.port, 'GET', '/unsubscribe?token=forged'));
    await keep('unsubscribe without token', rawRequest(server.port, 'GET', '/unsubscribe'));
    await keep('not found', rawRequest(server.port, 'GET', '/nirgends'));
    const english = [...pages].map(([name, html]) => [name, englishWordsIn(readable(html))] as const).filter(([, words]) => words.length > 0);
    assert.deepEqual(english, []);
    for (const [name, html] of pages) assert.doesNotMatch(html, /lang="en"/, name);
    assert.match(pages.get('confirm GET')!, /<h1>Test Newsletter abonnieren\?<\/h1>/);
    assert.match(pages.get('confirm GET')!, /<button type="submit">Mein Abonnement bestätigen<\/button>/);
    assert.match(pages.get('unsubscribe POST')!, /<h1>Sie haben abbestellt<\/h1>/);
    assert.match(pages.get('unsubscribe without token')!, /über die Mailingliste liste@example\.org/);
    assert.match(pages.get('not found')!, /<a href="\/index\.html">Zurück zu Test Newsletter<\/a>/);
  } finally {
    await server.close();
  }
});

test('words: a German newsletter without `words:` keeps the server\'s English pages, marked lang="en", as before', async () => {
  const server = await startServer({ root: makeRoot({}, `${CONFIG_YAML}language: de\n`) });
  try {
    const page = (await rawRequest(server.port, 'GET', '/nirgends')).body;
    assert.ok(page.includes('<h1 lang="en">Page not found</h1>'), page);
    assert.ok(page.includes('<p lang="en"><a href="/index.html">Back to Test Newsletter</a></p>'), page);
  } finally {
    await server.close();
  }
});

test('words: the confirmation email of a newsletter that translates its words is in German both parts, declared German (lang, Content-Language)', async () => {
  const config = configOf(makeRoot({}, GERMAN), GERMAN);
  const { raw } = await composeConfirmation({ config, to: 'ada@example.org', confirmUrl: 'https://news.example.org/confirm?token=abc', date: new Date('2024-01-02T03:04:05Z') });
  const mail = await parseEml(raw);
  assert.equal(mail.subject, 'Bestätigen Sie Ihr Abonnement von Test Newsletter');
  assert.ok(mail.text!.startsWith('Bitte bestätigen Sie, dass Sie Test Newsletter per E-Mail erhalten möchten:\n'), mail.text);
  const html = String(mail.html);
  assert.ok(html.includes('<html lang="de">'));
  assert.ok(html.includes('<p>Bitte bestätigen Sie, dass Sie <strong>Test Newsletter</strong> per E-Mail erhalten möchten.</p>'), html);
  assert.match(raw.toString(), /^Content-Language: de\r$/m);
  assert.deepEqual(englishWordsIn(`${mail.subject} ${mail.text} ${readable(html)}`), []);
});
