import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeConfirmation } from '../../src/mail/confirmation.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign } from '../../src/subscribers/unsubscribe-token.js';
import { CONFIG_YAML, configOf, makeRoot } from '../helpers/fixture.js';
import { englishWordsIn, GERMAN_WORDS, germanWordsYaml, readable } from '../helpers/german-words.js';
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

test('words: every refusal the server gives a German newsletter that translates its words (a bad address or name, an unreadable or too large request, a post from another site, the rate limit, the confirmation cap) is in German, as page and as JSON, with no English word of paperboy and no lang="en"', async () => {
  const server = await startServer({ root: makeRoot({}, `${GERMAN}subscribe:\n  confirmationsPerHour: 1\n`) });
  try {
    let client = 0;
    const form = (fields: Record<string, string>) => ({ type: 'application/x-www-form-urlencoded', data: new URLSearchParams(fields).toString() });
    // Each from a client of its own (X-Forwarded-For, trusted from loopback), so that only the rate limit's own requests reach it.
    const post = (body: { type: string; data: string }, headers: Record<string, string> = {}) => rawRequest(server.port, 'POST', '/subscribe', body, { 'X-Forwarded-For': `192.0.2.${++client}`, ...headers });
    const answers = new Map<string, { status: number; body: string }>();
    const keep = async (name: string, answer: Promise<{ status: number; body: string }>) => answers.set(name, await answer);
    await keep('no address', post(form({ email: '' })));
    await keep('no @', post(form({ email: 'ada.example.org' })));
    await keep('a comma', post(form({ email: 'ada,x@example.org' })));
    await keep('a zero-width space', post(form({ email: 'ada\u200b@example.org' })));
    await keep('no whole domain', post(form({ email: 'ada@localhost' })));
    await keep('not ASCII', post(form({ email: 'zoë@example.org' })));
    await keep('too long', post(form({ email: `${'a'.repeat(60)}@${'b'.repeat(200)}.org` })));
    await keep('a long name', post(form({ email: 'ada@example.org', name: 'N'.repeat(201) })));
    await keep('a field twice', post({ type: 'application/x-www-form-urlencoded', data: 'email=a%40example.org&email=b%40example.org' }));
    await keep('not a form', post({ type: 'text/plain', data: 'email=ada@example.org' }));
    await keep('too large', post({ type: 'application/x-www-form-urlencoded', data: `email=${'a'.repeat(17_000)}` }));
    await keep('another site', post(form({ email: 'ada@example.org' }), { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }));
    await keep('JSON', post({ type: 'application/json', data: JSON.stringify({ email: 'ada.example.org' }) }));
    assert.equal((await post(form({ email: 'ada@example.org' }))).status, 202);
    await keep('confirmation cap', post(form({ email: 'bo@example.org' })));
    for (let i = 0; i < 5; i++) await rawRequest(server.port, 'POST', '/subscribe', form({ email: '' }), { 'X-Forwarded-For': '198.51.100.7' });
    await keep('rate limit', rawRequest(server.port, 'POST', '/subscribe', form({ email: 'cy@example.org' }), { 'X-Forwarded-For': '198.51.100.7' }));
    const statuses = Object.fromEntries([...answers].map(([name, { status }]) => [name, status]));
    assert.deepEqual(statuses, {
      'no address': 400,
      'no @': 400,
      'a comma': 400,
      'a zero-width space': 400,
      'no whole domain': 400,
      'not ASCII': 400,
      'too long': 400,
      'a long name': 400,
      'a field twice': 400,
      'not a form': 415,
      'too large': 413,
      'another site': 403,
      JSON: 400,
      'confirmation cap': 429,
      'rate limit': 429,
    });
    const english = [...answers].map(([name, { body }]) => [name, englishWordsIn(readable(body))] as const).filter(([, words]) => words.length > 0);
    assert.deepEqual(english, []);
    for (const [name, { body }] of answers) assert.doesNotMatch(body, /lang="en"/, name);
    assert.match(answers.get('no @')!.body, /<h1>Das hat nicht geklappt<\/h1>/);
    assert.match(answers.get('no @')!.body, /ihr fehlt das @\. Bitte geben Sie Ihre ganze E-Mail-Adresse ein/);
    assert.match(answers.get('a comma')!.body, /sie enthält „,“, das eine E-Mail-Adresse/);
    assert.match(answers.get('a field twice')!.body, /ihr Feld „email“ enthält nicht genau einen Text/);
    assert.match(answers.get('another site')!.body, /Um Test Newsletter zu abonnieren, nutzen Sie das Formular seiner eigenen Website\./);
    assert.match(answers.get('confirmation cap')!.body, /bitte versuchen Sie es in 60 Minuten erneut\./);
    assert.match(answers.get('rate limit')!.body, /Bitte versuchen Sie es in 10 Minuten erneut\./);
    assert.deepEqual(JSON.parse(answers.get('JSON')!.body), { error: GERMAN_WORDS.addressHasNoAt });
  } finally {
    await server.close();
  }
});

test('words: a translated `minutesOne` may hold `{count}` (for a language whose `one` holds 21), no other word a placeholder its English lacks', () => {
  const yaml = (words: string) => `${CONFIG_YAML}language: ru\nwords:\n${words}`;
  const load = (words: string) => configOf(makeRoot({}, yaml(words)), yaml(words));
  assert.equal(load('  minutesOne: "{count} минуту"\n').words?.minutesOne, '{count} минуту');
  assert.throws(() => load('  enterEmail: "{count}"\n'), /Unexpected placeholder `\{count\}` in `words\.enterEmail`/);
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
