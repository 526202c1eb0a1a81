import assert from 'node:assert/strict';
import { test } from 'node:test';
import { octetsInData } from '../../src/mail/message-size.js';
import { MessageTemplate } from '../../src/mail/message-template.js';
import { REPO_ROOT, renderAll } from '../helpers/render.js';

test('a message\'s size in DATA (RFC 1870 §4) counts CRLF as two octets and a bare LF or CR as the CRLF it goes as, not the dots DATA doubles', () => {
  assert.equal(octetsInData(Buffer.from('a\r\nb\r\n')), 6);
  assert.equal(octetsInData(Buffer.from('a\nb\n')), 6);
  assert.equal(octetsInData(Buffer.from('a\rb\r')), 6);
  assert.equal(octetsInData(Buffer.from('.a\r\n..b\r\n')), 9);
  assert.equal(octetsInData(Buffer.from('a\r\nb')), 6, 'a last line gets its CRLF before the end of data');
  assert.equal(octetsInData(Buffer.from('é\r\n')), 4, 'octets, not characters');
  assert.equal(octetsInData(Buffer.alloc(0)), 0);
});

test('message template: a recipient\'s size, from its pieces\' lengths, is the octets of its message in DATA, for any address, token and Message-ID', async () => {
  const rendered = await renderAll(REPO_ROOT, '5');
  const { config } = rendered.workspace;
  const date = new Date('2024-01-02T03:04:05Z');
  for (const list of [false, true]) {
    const template = await MessageTemplate.build({ config, issueNumber: 5, date }, rendered.rendered, { list });
    const recipients = [
      'a@b.org',
      `${'long.address'.repeat(12)}@example.org`,
      'café@exämple.org',
      'x&y"z@example.org',
    ].map((to, i) => ({ to, token: list ? undefined : `k0011aabb.${10 ** i}.${'A'.repeat(43)}`, messageId: template.messageId(to) }));
    for (const recipient of recipients) {
      assert.equal(await template.size(recipient), octetsInData(await template.message(recipient)), `${recipient.to}, list: ${list}`);
    }
  }
});
