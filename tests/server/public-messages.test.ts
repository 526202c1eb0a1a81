import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign } from '../../src/subscribers/unsubscribe-token.js';
import { decodeEntities } from '../helpers/render.js';
import { listKeys } from '../helpers/tokens.js';
import { rawRequest, SECRET, startServer, stderrOf, type RawResponse, type TestServer } from './helpers.js';

const form = (fields: Record<string, string>) => ({ type: 'application/x-www-form-urlencoded', data: new URLSearchParams(fields).toString() });

/** What a reader is shown: the first paragraph of a server page (entities decoded), or the `error` of a JSON answer (a script shows it). */
function pageText(answer: RawResponse): string {
  if (String(answer.headers['content-type']).startsWith('application/json')) return (JSON.parse(answer.body) as { error: string }).error;
  return decodeEntities(/<p>([^<]*)<\/p>/.exec(answer.body)?.[1] ?? '');
}

/** Developer words a reader of a public page must never be shown. */
function assertPlain(text: string, what: string): void {
  assert.doesNotMatch(text, /`|RFC|SMTPUTF8|ASCII|Unexpected|local part|JSON|content type|List-Unsubscribe/, what);
}

/** Each request from its own reader (behind the proxy on this machine), under the rate limit. */
let reader = 0;
const fromReader = () => ({ 'X-Forwarded-For': `203.0.113.${++reader % 250}` });

test('subscribe: every way an address or a name is refused is said on the page in plain words that say what to do; the technical reason goes to stderr, without the address', async () => {
  const server = await startServer();
  const cases: [fields: Record<string, string>, page: string, log: RegExp][] = [
    [{ email: 'zoë.reader@example.org' }, "This address can't be used: its part before the @, “zoë.reader”, has “ë” in it, and we can only send to addresses with the letters a to z (without accents), digits and signs such as . - _ + before the @. Please use another address.", /local part is not ASCII: it needs SMTPUTF8 \(RFC 6531\)/],
    // The ë written as e and a combining accent is shown whole.
    [{ email: 'zoe\u0308@example.org' }, "This address can't be used: its part before the @, “zoe\u0308”, has “e\u0308” in it, and we can only send to addresses with the letters a to z (without accents), digits and signs such as . - _ + before the @. Please use another address.", /not ASCII/],
    [{ email: '' }, 'Please enter your email address.', /no email address given/],
    [{ email: 'zoe.example.org' }, "This address can't be used: it has no @. Please enter your whole email address, such as reader@example.org.", /without an @/],
    [{ email: 'zoe reader@example.org' }, "This address can't be used: it has a space in it. Please type it again without spaces.", /with a space/],
    [{ email: 'zoe@reader@example.org' }, "This address can't be used: it has more than one @. Please enter one email address, such as reader@example.org.", /several @/],
    [{ email: '@example.org' }, "This address can't be used: there is nothing before the @. Please enter your whole email address, such as reader@example.org.", /empty local part/],
    [{ email: 'zoe@' }, "This address can't be used: there is nothing after the @. Please enter your whole email address, such as reader@example.org.", /empty domain/],
    [{ email: 'zoe,reader@example.org' }, "This address can't be used: it has “,” in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.", /a character an address cannot have here/],
    [{ email: 'zoe\u200b@example.org' }, "This address can't be used: it has an invisible character (it may have been copied with the address) in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.", /a character an address cannot have here/],
    [{ email: "'zoe@example.org" }, "This address can't be used: it has “'” in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.", /a character an address cannot have here/],
    [{ email: 'zoe..reader@example.org' }, "This address can't be used: it has two dots in a row, or a dot at its start, at its end or next to the @. Please check it for typing mistakes.", /empty dot-separated part/],
    [{ email: 'zoe@localhost' }, "This address can't be used: the part after the @, “localhost”, is not a whole domain name. Please enter it with its ending, such as example.org.", /no top-level label/],
    [{ email: 'zoe@exa_mple.org' }, "This address can't be used: the part after the @, “exa_mple.org”, is not a domain name mail can be sent to. Please check it for typing mistakes.", /domain is not a domain name/],
    [{ email: `${'z'.repeat(250)}@example.org` }, "This address can't be used: it is 262 characters long, and an email address has at most 254. Please check it, or use another address.", /262 characters, over 254/],
    [{ email: `${'z'.repeat(65)}@example.org` }, "This address can't be used: its part before the @ is 65 characters long, and mail servers take at most 64 there. Please check it, or use another address.", /local part has 65 octets, over 64 \(RFC 5321 §4\.5\.3\.1\.1\)/],
    [{ email: 'zoe@example.org', name: 'Z'.repeat(201) }, 'This name is too long: it has 201 characters, and at most 200 fit. Please shorten it.', /a name of 201 characters, over 200/],
  ];
  try {
    for (const [fields, page, log] of cases) {
      let answer: RawResponse | undefined;
      const said = await stderrOf(async () => {
        answer = await rawRequest(server.port, 'POST', '/subscribe', form(fields), fromReader());
      });
      assert.equal(answer!.status, 400, fields.email);
      assert.equal(pageText(answer!), page);
      assertPlain(pageText(answer!), fields.email!);
      assert.match(said, /^paperboy: POST \/subscribe: refused \(400\): /);
      assert.match(said, log);
      const at = fields.email!.indexOf('@');
      for (const part of [fields.email!, fields.email!.slice(0, at), fields.email!.slice(at + 1)].filter((text) => text.length > 2)) assert.ok(!said.includes(part), `the log names no address: ${said}`);
      // A script (JSON in, JSON out) gets the same words to show.
      const json = await stderrOf(async () => {
        answer = await rawRequest(server.port, 'POST', '/subscribe', { type: 'application/json', data: JSON.stringify(fields) }, fromReader());
      });
      assert.equal(answer!.status, 400);
      assert.deepEqual(JSON.parse(answer!.body), { error: page });
      assert.equal(json, said);
    }
    assert.equal(server.confirmations.length, 0);
  } finally {
    await server.close();
  }
});

test('public pages: a body that cannot be read, a field that is not one text, the rate limit and an unsubscribe without its one-click field are said in plain words; the technical reason goes to stderr', async () => {
  const server = await startServer();
  const post = (path: string, body: { type: string; data: string }) => rawRequest(server.port, 'POST', path, body, fromReader());
  const unreadable = 'This request could not be read. Please go back to the page you came from and try again.';
  const cases: [request: () => Promise<RawResponse>, status: number, page: string, log: RegExp][] = [
    [() => post('/subscribe', { type: 'application/json', data: '{"email":' }), 400, unreadable, /the request body is not valid JSON/],
    [() => post('/subscribe', { type: 'application/json', data: '["zoe@example.org"]' }), 400, unreadable, /the request body is not a JSON object/],
    [() => post('/subscribe', { type: 'text/plain', data: 'email=zoe@example.org' }), 415, unreadable, /Unexpected content type text\/plain, expected a form or JSON/],
    [() => post('/subscribe', { type: 'multipart/form-data', data: 'no boundary' }), 400, unreadable, /the multipart body has no boundary/],
    [() => post('/subscribe', form({ email: 'zoe@example.org', pad: 'x'.repeat(20_000) })), 413, 'This request is too large to be read. Please go back to the page you came from and try again.', /the request body is over 16384 bytes/],
    [() => post('/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=a%40example.org&email=b%40example.org' }), 400, 'This request could not be read: its field “email” does not hold one piece of text. Please go back to the page you came from and try again.', /Unexpected 2 values for `email`, expected text/],
  ];
  try {
    for (const [request, status, page, log] of cases) {
      let answer: RawResponse | undefined;
      const said = await stderrOf(async () => {
        answer = await request();
      });
      assert.equal(answer!.status, status, String(log));
      assert.equal(pageText(answer!), page);
      assertPlain(pageText(answer!), String(log));
      assert.match(said, log);
    }
    const limited: RawResponse[] = [];
    const said = await stderrOf(async () => {
      for (let i = 0; i < 6; i++) limited.push(await subscribe(server, `zoe${i}@example.org`));
    });
    assert.equal(limited.at(-1)!.status, 429);
    assert.equal(pageText(limited.at(-1)!), 'Too many requests to subscribe came from your network in the last few minutes. Please try again in 10 minutes.');
    assert.equal(said, '', 'a flood over the limit is not logged line by line');

    const { subscriber } = new SubscriberStore(server.db).add({ email: 'zoe@example.org', consentSource: 'test' });
    const token = sign(subscriber.id, listKeys(server.db, SECRET));
    const withoutOneClick = await post(`/unsubscribe?token=${token}`, form({}));
    assert.equal(withoutOneClick.status, 400);
    assert.equal(pageText(withoutOneClick), 'Nothing has changed yet: press the button below to unsubscribe.');
  } finally {
    await server.close();
  }
});

const subscribe = (server: TestServer, email: string) => rawRequest(server.port, 'POST', '/subscribe', form({ email }), { 'X-Forwarded-For': '198.51.100.1' });
