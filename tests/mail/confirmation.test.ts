import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeConfirmation } from '../../src/mail/confirmation.js';
import { FSI, PDI } from '../../src/render/bidi.js';
import { parseEml } from '../helpers/render.js';

const compose = (name: string) =>
  composeConfirmation({
    config: { name, baseUrl: 'https://newsletter.example.org/', from: { name, address: 'digest@newsletter.example.org' }, replyTo: undefined, language: 'en' },
    to: 'reader@example.com',
    confirmUrl: 'https://newsletter.example.org/confirm?token=abc',
    date: new Date('2024-01-02T03:04:05Z'),
  });

test('confirmation email: a right-to-left newsletter name is isolated in its sentence, in the plaintext and the HTML (a `<span dir="auto">`, which Gmail and Outlook keep, not a `<bdi>`); not in the Subject or the <title>', async () => {
  const name = 'نشرة الذكاء!';
  const mail = await parseEml((await compose(name)).raw);
  assert.ok(mail.text!.includes(`receive ${FSI}${name}${PDI} by email`), mail.text);
  assert.ok(String(mail.html).includes(`<strong><span dir="auto">${name}</span></strong>`));
  assert.ok(String(mail.html).includes(`<title>${name}</title>`));
  assert.equal(mail.subject, `Confirm your subscription to ${name}`);
});

test('confirmation email: a Latin newsletter name is written as before, without isolates', async () => {
  const mail = await parseEml((await compose('The Alignment Digest')).raw);
  assert.ok(mail.text!.includes('receive The Alignment Digest by email'));
  assert.ok(String(mail.html).includes('<strong>The Alignment Digest</strong>'));
});

test('confirmation email: its English sentences say so (`lang="en"`, Content-Language: en) for a German newsletter, whose name is marked as German', async () => {
  const mail = await parseEml(
    (
      await composeConfirmation({
        config: { name: 'Der KI-Brief', baseUrl: 'https://newsletter.example.org/', from: { name: 'Der KI-Brief', address: 'brief@newsletter.example.org' }, replyTo: undefined, language: 'de' },
        to: 'reader@example.com',
        confirmUrl: 'https://newsletter.example.org/confirm?token=abc',
        date: new Date('2024-01-02T03:04:05Z'),
      })
    ).raw,
  );
  assert.equal(mail.headers.get('content-language'), 'en');
  assert.match(String(mail.html), /^<!DOCTYPE html><html lang="en">/);
  assert.ok(String(mail.html).includes('receive <strong lang="de">Der KI-Brief</strong> by email'));
});
