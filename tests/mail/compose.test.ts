import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMailbox } from '../../src/config/address.js';
import { composeMessage, type MessageInput } from '../../src/mail/compose.js';
import { listId, messageId, singleLine } from '../../src/mail/headers.js';
import { parseEml, REPO_ROOT, renderAll } from '../helpers/render.js';

const config = {
  name: 'The Alignment Digest',
  baseUrl: 'https://newsletter.example.org/',
  language: 'en',
  from: { name: 'The Alignment Digest', address: 'digest@newsletter.example.org' },
  replyTo: { name: '', address: 'editor@newsletter.example.org' },
};

const input = (overrides: Partial<MessageInput> = {}): MessageInput => ({
  config,
  issueNumber: 7,
  to: 'reader@example.com',
  subject: '#7: Steering vectors',
  html: '<p>Hello</p>',
  text: 'Hello\n',
  date: new Date('2023-05-29T08:00:00Z'),
  unsubscribe: { url: 'https://newsletter.example.org/unsubscribe?token=abc', mailto: 'mailto:digest@newsletter.example.org?subject=unsubscribe' },
  ...overrides,
});

const headerNames = (eml: Buffer) =>
  eml
    .toString('utf8')
    .split('\r\n\r\n')[0]!
    .split('\r\n')
    .filter((line) => /^[!-9;-~]+:/.test(line))
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());

test('compose: multipart/alternative, text then HTML, UTF-8, with every list header once', async () => {
  const eml = await composeMessage(input());
  const mail = await parseEml(eml);
  assert.equal((mail.headers.get('content-type') as { value: string }).value, 'multipart/alternative');
  assert.equal(mail.text, 'Hello\n');
  assert.equal(mail.html, '<p>Hello</p>');
  const raw = eml.toString('utf8');
  assert.ok(raw.indexOf('Content-Type: text/plain; charset=utf-8') < raw.indexOf('Content-Type: text/html; charset=utf-8'));
  const names = headerNames(eml);
  for (const name of ['from', 'to', 'reply-to', 'subject', 'date', 'message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']) {
    assert.equal(names.filter((n) => n === name).length, 1, `${name} once in ${names.join(', ')}`);
  }
  const list = mail.headers.get('list') as Record<string, Record<string, string>>;
  assert.deepEqual(list.unsubscribe, { url: 'https://newsletter.example.org/unsubscribe?token=abc', mail: 'digest@newsletter.example.org?subject=unsubscribe' });
  assert.equal(list['unsubscribe-post']!.name, 'List-Unsubscribe=One-Click');
  assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/m);
  assert.equal(mail.date?.toISOString(), '2023-05-29T08:00:00.000Z');
  assert.equal(mail.from?.text, '"The Alignment Digest" <digest@newsletter.example.org>');
});

test('compose: a message to a mailing list has a List-Id but no unsubscribe headers of ours', async () => {
  const names = headerNames(await composeMessage(input({ unsubscribe: undefined })));
  assert.ok(names.includes('list-id'));
  assert.ok(!names.includes('list-unsubscribe') && !names.includes('list-unsubscribe-post'));
});

test('compose: List-Id is stable, derived from the name and the baseUrl host', async () => {
  assert.equal(listId(config), '"The Alignment Digest" <the-alignment-digest.newsletter.example.org>');
  const mail = await parseEml(await composeMessage(input()));
  assert.deepEqual((mail.headers.get('list') as { id: unknown }).id, { name: 'The Alignment Digest', id: 'the-alignment-digest.newsletter.example.org' });
  assert.equal(listId({ name: 'Revue Ünïcode', baseUrl: 'https://x.example/' }), '=?UTF-8?Q?Revue_=C3=9Cn=C3=AFcode?= <revue-unicode.x.example>');
});

test('compose: List-Id shows the newsletter\'s name with its quotes and backslashes, as written', async () => {
  const name = 'The "Best" Digest \\ Weekly';
  const mail = await parseEml(await composeMessage(input({ config: { ...config, name } })));
  assert.equal((mail.headers.get('list') as { id: { name: string } }).id.name, name);
  assert.equal(listId({ name: 'The "Best" \\ Digest', baseUrl: 'https://x.example/' }), '"The \\"Best\\" \\\\ Digest" <the-best-digest.x.example>');
  // An encoded word (mailparser leaves a List-Id's undecoded, so the header itself): `"` is `=22`, `\\` is `=5C`.
  assert.equal(listId({ name: 'Le "Meilleur" \\ Ünï', baseUrl: 'https://x.example/' }), '=?UTF-8?Q?Le_=22Meilleur=22_=5C_=C3=9Cn=C3=AF?= <le-meilleur-uni.x.example>');
});

test('compose: the Message-ID is derived from issue and recipient, at the baseUrl host', async () => {
  const a = await parseEml(await composeMessage(input()));
  const b = await parseEml(await composeMessage(input({ date: new Date('2024-01-01T00:00:00Z'), subject: 'Retry' })));
  const other = await parseEml(await composeMessage(input({ to: 'someone@example.com' })));
  assert.equal(a.messageId, b.messageId);
  assert.notEqual(a.messageId, other.messageId);
  assert.equal(a.messageId, messageId(config.baseUrl, 7, 'Reader@Example.com'));
  assert.match(a.messageId!, /^<issue7\.[0-9a-f]{32}@newsletter\.example\.org>$/);
  assert.ok(!a.messageId!.includes('reader'));
});

test('compose: a long non-ASCII subject decodes back exactly, and no line exceeds 998 octets', async () => {
  const subject = `#7: Ünïcödé, 中文字符 and emoji 🧭 — ${'a very long subject '.repeat(20)}`.trim();
  const eml = await composeMessage(input({ subject, text: `${'x'.repeat(5000)}\n`, html: `<p>${'y'.repeat(5000)}</p>` }));
  assert.equal((await parseEml(eml)).subject, subject);
  for (const line of eml.toString('utf8').split('\r\n')) assert.ok(Buffer.byteLength(line) <= 998);
});

test('compose: CR/LF in a subject, name, address or URL never creates an extra header', async () => {
  const eml = await composeMessage(
    input({
      config: { ...config, name: 'News\r\nBcc: evil@example.com', from: { name: 'News\r\nX-Injected: 1', address: 'digest@newsletter.example.org\r\nX-Injected: 5' } },
      to: 'reader@example.com\r\nBcc: evil@example.com',
      subject: 'Hello\r\nX-Injected: 2\r\n\r\nbody',
      unsubscribe: { url: 'https://newsletter.example.org/u?t=1\r\nX-Injected: 3', mailto: 'mailto:a@b.example\nX-Injected: 4' },
    }),
  );
  const names = headerNames(eml);
  assert.ok(!names.includes('bcc') && !names.includes('x-injected'), names.join(', '));
  const mail = await parseEml(eml);
  assert.equal(mail.subject, 'Hello X-Injected: 2 body');
  assert.equal(mail.text, 'Hello\n');
});

test('compose: the rendered sample issue parses back with its subject, charset and both parts', async () => {
  const { eml, parsed } = await renderAll(REPO_ROOT, '1');
  const mail = await parseEml(eml);
  assert.equal(mail.subject, parsed.issue!.subject);
  assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'subscriber@example.invalid');
  assert.match(eml.toString('utf8'), /Content-Type: text\/plain; charset=utf-8/);
  for (const paper of parsed.issue!.papers) {
    assert.ok(mail.text!.replace(/\s+/g, ' ').includes(paper.title), `text: ${paper.title}`);
    assert.ok(mail.text!.includes(paper.url), `text: ${paper.url}`);
    assert.ok(String(mail.html).includes(paper.url), `html: ${paper.url}`);
  }
});

test('compose: List-Unsubscribe passes the URL filter of every output; one-click only with its https target', async () => {
  const unsafe = await composeMessage(input({ unsubscribe: { url: 'javascript:alert(1)', mailto: 'mailto:digest@newsletter.example.org?subject=unsubscribe' } }));
  const raw = unsafe.toString('utf8');
  assert.doesNotMatch(raw, /javascript/);
  assert.match(raw, /^List-Unsubscribe:\s+<mailto:digest@newsletter\.example\.org\?subject=unsubscribe>\r\n/m);
  assert.ok(!headerNames(unsafe).includes('list-unsubscribe-post'));
});

/** Text that reads as RFC 2047 encoded words, or nearly: `=?UTF-8?B?SGVsbG8=?=`, `=?x?q?a_b?=`, a lone `=?`. */
const encodedWordLike = fc
  .tuple(fc.constantFrom('UTF-8', 'utf-8', 'ISO-8859-1', 'x', ''), fc.constantFrom('B', 'b', 'Q', 'q', 'X'), fc.constantFrom('SGVsbG8=', 'a_b=3F', '', '?', 'w=C3=B6rld'), fc.constantFrom('?=', '', '?'))
  .map(([charset, encoding, payload, end]) => `=?${charset}?${encoding}?${payload}${end}`);

/** Any text, often with encoded-word look-alikes, spaces and long words in it. */
const headerText = fc
  .array(fc.oneof(fc.string({ unit: 'binary' }), encodedWordLike, fc.constantFrom(' ', '  ', '\t', '=?', '?=', 'é', '中文', '🧭', 'x'.repeat(90))), { maxLength: 8 })
  .map((pieces) => pieces.join(''));

test('compose: any subject, encoded-word look-alikes included, is what a mail parser shows (RFC 2047, RELIABILITY 5)', async () => {
  assert.equal((await parseEml(await composeMessage(input({ subject: '=?UTF-8?B?SGVsbG8=?= world' })))).subject, '=?UTF-8?B?SGVsbG8=?= world');
  await fc.assert(
    fc.asyncProperty(headerText, async (subject) => {
      const mail = await parseEml(await composeMessage(input({ subject })));
      assert.equal(mail.subject ?? '', singleLine(subject));
    }),
    { seed: 2047, numRuns: 300 },
  );
});

test('compose: a newsletter name that looks like an encoded word is written as encoded words in List-Id', () => {
  assert.equal(listId({ name: '=?UTF-8?B?SGVsbG8=?= x', baseUrl: 'https://x.example/' }), '=?UTF-8?Q?=3D=3FUTF-8=3FB=3FSGVsbG8=3D=3F=3D_x?= <utf-8-b-sgvsbg8-x.x.example>');
});

test('compose: any display name the config accepts is what a mail parser shows; one it cannot show exactly (=?, a control character) is refused there', async () => {
  await fc.assert(
    fc.asyncProperty(headerText, async (name) => {
      const read = parseMailbox(`"${name.replace(/["\\]/g, '\\$&')}" <digest@newsletter.example.org>`, 'from');
      if (!('mailbox' in read)) {
        // eslint-disable-next-line no-control-regex
        assert.ok(name.includes('=?') || /\S{77}|[\u0000-\u001f\u007f]/.test(name), read.problem);
        return;
      }
      const mail = await parseEml(await composeMessage(input({ config: { ...config, from: read.mailbox } })));
      assert.equal(mail.from?.value[0]?.name, read.mailbox.name);
    }),
    { seed: 2822, numRuns: 300 },
  );
});

test('compose: a name with no Latin letter gets a List-Id of its own, derived from the name (RFC 2919 §3), and a Latin name keeps its slug', () => {
  const id = (name: string) => /<([^>]+)>$/.exec(listId({ name, baseUrl: 'https://x.example/' }))![1];
  assert.equal(id('日本語ニュース'), 'list-ec39ee6caff6ed83.x.example');
  assert.match(id('中文新闻')!, /^list-[0-9a-f]{16}\.x\.example$/);
  assert.notEqual(id('日本語ニュース'), id('中文新闻'));
  assert.equal(id(' 日本語ニュース '), id('日本語ニュース'), 'the same name written with spaces around it');
  assert.equal(id('The Alignment Digest'), 'the-alignment-digest.x.example');
  assert.equal(id('Untitled'), 'untitled.x.example');
});

test('compose: Content-Language (RFC 3282) says the newsletter\'s language, as the HTML\'s <html lang> does', async () => {
  const mail = await parseEml(await composeMessage(input({ config: { ...config, language: 'de-AT' } })));
  assert.equal(mail.headers.get('content-language'), 'de-AT');
  assert.equal((await parseEml(await composeMessage(input()))).headers.get('content-language'), 'en');
});

/** The bytes of each RFC 2047 encoded word of a header's value, decoded one at a time. */
function encodedWordBytes(value: string): Buffer[] {
  return [...value.matchAll(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi)].map(([, encoding, text]) =>
    encoding!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1'),
  );
}

test('compose: each encoded word of the Subject and the From name holds whole characters (RFC 2047 §5), as a client decoding each word alone needs', async () => {
  const wholeCharacters = (bytes: Buffer) => Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
  const text = fc.array(fc.constantFrom('é', '中文', '🧭', '👩‍🔬', 'ü', 'a', ' ', 'Ünïcödé façade', 'x'.repeat(40)), { minLength: 1, maxLength: 30 }).map((pieces) => pieces.join(''));
  await fc.assert(
    fc.asyncProperty(text, text, async (subject, name) => {
      const eml = (await composeMessage(input({ subject: subject.trim() || 'x', config: { ...config, from: { name: name.trim() || 'x', address: config.from.address } } }))).toString('latin1');
      const head = eml.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]/g, ' ');
      for (const header of ['Subject', 'From']) {
        const value = new RegExp(`^${header}: (.*)$`, 'm').exec(head)![1]!;
        for (const bytes of encodedWordBytes(value)) assert.ok(wholeCharacters(bytes), `${header}: ${value}`);
      }
    }),
    { seed: 2047, numRuns: 200 },
  );
});
