import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { composeMessage, type MessageInput } from '../../src/mail/compose.js';
import { composeConfirmation } from '../../src/mail/confirmation.js';
import { MessageTemplate } from '../../src/mail/message-template.js';
import { quotedPrintable } from '../../src/mail/quoted-printable.js';
import { parseEml, REPO_ROOT, renderAll } from '../helpers/render.js';

const config = {
  name: 'The Alignment Digest',
  baseUrl: 'https://newsletter.example.org/',
  language: 'en',
  from: { name: 'The Alignment Digest', address: 'digest@newsletter.example.org' },
  replyTo: undefined,
};

const input = (text: string, html: string): MessageInput => ({
  config,
  issueNumber: 7,
  to: 'reader@example.com',
  subject: '#7: From the inbox',
  html,
  text,
  date: new Date('2023-05-29T08:00:00Z'),
  unsubscribe: { url: 'https://newsletter.example.org/unsubscribe?token=abc', mailto: 'mailto:digest@newsletter.example.org?subject=unsubscribe' },
});

/** A line mbox delivery rewrites (RFC 4155; mboxrd also `>From `). */
const MBOX_FROM = /^>*From /m;

/** What a message's raw bytes must be: no line mbox would rewrite, none over 76 characters in the body parts (RFC 2045 §6.7). */
function assertMboxSafe(eml: Buffer): void {
  const raw = eml.toString('latin1');
  const line = raw.split('\r\n').find((each) => MBOX_FROM.test(each));
  assert.equal(line, undefined, 'a line starts with "From "');
  const body = raw.slice(raw.indexOf('\r\n\r\n'));
  for (const each of body.split('\r\n')) assert.ok(each.length <= 76, `a line of ${each.length} characters: ${each}`);
}

test('quoted-printable: a line that would start with "From " starts "=46rom " instead, and decodes to the same text', () => {
  assert.equal(quotedPrintable('From the inbox\nFrom\n>From x\nfrom y\n'), '=46rom the inbox\r\nFrom\r\n=3EFrom x\r\nfrom y\r\n');
  const wrapped = quotedPrintable(`${'x'.repeat(8)} ${'word '.repeat(12)}From the inbox, and more after it`);
  assert.match(wrapped, /^=46rom the inbox/m, 'a soft line break before "From " too');
  for (const line of wrapped.split('\r\n')) assert.ok(line.length <= 75, 'room for the "=" a join appends');
});

const piece = fc.constantFrom('From ', '>From ', '>>From ', 'From', 'from ', 'FROM ', ' ', '\n', '\t', 'word', 'é', '日本', '=', '=46', '.', 'x'.repeat(30), '😀', '<p>');

test('quoted-printable: no line of a composed message starts with "From " or ">From ", and both parts decode back exactly (mailparser)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.array(piece, { minLength: 1, maxLength: 60 }), async (textPieces, htmlPieces) => {
      const text = `x${textPieces.join('')}\n`;
      const html = `<p>${htmlPieces.join('')}</p>`;
      const eml = await composeMessage(input(text, html));
      assertMboxSafe(eml);
      const mail = await parseEml(eml);
      assert.equal(mail.text, text);
      assert.equal(mail.html, html);
    }),
    { numRuns: 150 },
  );
});

test('quoted-printable: the sample issue that has "From the inbox" at the start of a line renders (render --format eml) and sends (per recipient, personalized) with no line starting "From ", its texts unchanged', async () => {
  const sample = await renderAll(REPO_ROOT, '2');
  assert.match(sample.text, /^From the inbox/m, 'the sample still has the line this test is about');
  assertMboxSafe(sample.eml);
  const rendered = await parseEml(sample.eml);
  assert.equal(rendered.text, sample.text);
  assert.equal(rendered.html, sample.html);

  const template = await MessageTemplate.build({ config: sample.workspace.config, issueNumber: 2, date: new Date('2024-01-02T03:04:05Z') }, sample.rendered, { list: false });
  for (const to of ['r@example.com', 'From@example.com']) {
    const eml = await template.message({ to, token: 'k00000000.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', messageId: template.messageId(to) });
    assertMboxSafe(eml);
    const mail = await parseEml(eml);
    assert.match(mail.text!, /^From the inbox/m);
    assert.ok(mail.text!.includes('token=k00000000.1.'));
  }
});

test('quoted-printable: the confirmation email of a newsletter named "From the Lab" has no line starting "From "', async () => {
  for (const padding of ['', 'x', 'xx', 'xxx xxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxxxxxxxx']) {
    const name = `${padding} From the Lab`.trim();
    const { raw } = await composeConfirmation({ config: { ...config, name }, to: 'reader@example.com', confirmUrl: 'https://newsletter.example.org/confirm?token=abc', date: new Date('2024-01-02T03:04:05Z') });
    assertMboxSafe(raw);
    const mail = await parseEml(raw);
    assert.ok(mail.text!.includes(`receive ${name} by email`));
  }
});
