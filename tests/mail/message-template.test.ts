import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeMessage } from '../../src/mail/compose.js';
import { messageId, unsubscribeMailto } from '../../src/mail/headers.js';
import { unsubscribeUrl } from '../../src/mail/unsubscribe-url.js';
import { MessageTemplate } from '../../src/mail/message-template.js';
import { personalize } from '../../src/render/email.js';
import { parseEml, REPO_ROOT, renderAll } from '../helpers/render.js';

const date = new Date('2024-01-02T03:04:05Z');

async function sample() {
  const rendered = await renderAll(REPO_ROOT, '5');
  const { config } = rendered.workspace;
  const template = await MessageTemplate.build({ config, issueNumber: 5, date }, rendered.rendered, { list: false });
  return { rendered, config, template };
}

/** A header as written, unfolded (mailparser parses List-* into one `list` object). */
const headerValue = (mail: Awaited<ReturnType<typeof parseEml>>, name: string) => {
  const lines = mail.headerLines.filter((header) => header.key === name).map((header) => header.line.replace(/\r?\n[ \t]+/g, ' '));
  assert.equal(lines.length, 1, `one ${name} header`);
  return lines[0];
};

test('message template: a spliced message reads exactly as the one nodemailer composes for that recipient', async () => {
  const { rendered, config, template } = await sample();
  const to = 'Reader.One@example.com';
  const token = 'k0011aabb.17.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const url = unsubscribeUrl(config.baseUrl, token);
  const copy = personalize(rendered.rendered, { unsubscribeUrl: url });
  const reference = await parseEml(
    await composeMessage({ config, issueNumber: 5, to, ...copy, date, unsubscribe: { url, mailto: unsubscribeMailto(config.from, token) } }),
  );
  const spliced = await parseEml(await template.message({ to, token, messageId: template.messageId(to) }));
  assert.equal(spliced.text, reference.text);
  assert.equal(spliced.html, reference.html);
  assert.equal(spliced.subject, reference.subject);
  assert.equal(spliced.messageId, messageId(config.baseUrl, 5, to));
  assert.equal(spliced.messageId, reference.messageId);
  assert.equal(spliced.to && 'text' in spliced.to ? spliced.to.text : '', to);
  for (const name of ['list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'from', 'reply-to', 'date']) {
    assert.equal(headerValue(spliced, name), headerValue(reference, name), name);
  }
  assert.ok(spliced.text!.includes(url) && String(spliced.html).includes(url.replace(/&/g, '&amp;')));
});

test('message template: no line over 998 octets, only CRLF line ends, 7-bit clean', async () => {
  const { template } = await sample();
  const raw = (await template.message({ to: 'r@example.com', token: 'k00000000.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', messageId: template.messageId('r@example.com') })).toString('latin1');
  assert.ok(!/[^\r]\n/.test(raw), 'every LF follows a CR');
  for (const line of raw.split('\r\n')) assert.ok(line.length <= 998, `line of ${line.length} octets`);
  // eslint-disable-next-line no-control-regex
  assert.ok(!/[^\x00-\x7f]/.test(raw));
});

test('message template: an internationalized address is composed by nodemailer, the rest the same', async () => {
  const { template } = await sample();
  const mail = await parseEml(await template.message({ to: 'leser@bücher.example', token: 'k00000000.2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', messageId: '<frozen.leser@newsletter.example.org>' }));
  assert.match(mail.to && 'text' in mail.to ? mail.to.text : '', /leser@/);
  assert.equal(mail.messageId, '<frozen.leser@newsletter.example.org>', 'the Message-ID given, as a joined message carries it');
  assert.ok(mail.text!.includes('token=k00000000.2.'));
});

test('message template: the list copy has no token and no List-Unsubscribe of its own', async () => {
  const rendered = await renderAll(REPO_ROOT, '5');
  const { config } = rendered.workspace;
  const template = await MessageTemplate.build({ config, issueNumber: 5, date }, rendered.rendered, { list: true });
  const mail = await parseEml(await template.message({ to: 'list@lists.example.org', token: undefined, messageId: template.messageId('list@lists.example.org') }));
  assert.deepEqual(mail.headerLines.filter((header) => header.key.startsWith('list-')).map((header) => header.key), ['list-id']);
  assert.ok(!mail.text!.includes('token='));
});
