import { randomBytes } from 'node:crypto';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { quotedPrintable } from './quoted-printable.js';

/** The two bodies of a multipart/alternative message. */
export interface MessageBodies {
  text: string;
  html: string;
}

/**
 * The message nodemailer's MailComposer builds from `options` (headers,
 * structure), with the plaintext and the HTML as quoted-printable parts
 * encoded by `quotedPrintable`: no line of either starts with `From `
 * (RFC 4155), which nodemailer's own encoder leaves, and which it would not
 * encode at all in a 7-bit part. nodemailer is given a stand-in for each
 * body (short ASCII, which its encoder writes as it is) and the encoded body
 * replaces it.
 */
export async function composeWithBodies(options: Omit<MailComposerOptions, 'text' | 'html'>, bodies: MessageBodies): Promise<Buffer> {
  const nonce = randomBytes(9).toString('hex');
  const standIn = { text: `pbbodytext${nonce}`, html: `pbbodyhtml${nonce}` };
  const composer = new MailComposer({
    ...options,
    text: { content: standIn.text, contentType: 'text/plain; charset=utf-8', contentTransferEncoding: 'quoted-printable' },
    html: { content: standIn.html, contentType: 'text/html; charset=utf-8', contentTransferEncoding: 'quoted-printable' },
  });
  const skeleton = (await composer.compile().build()).toString('utf8');
  // A function, so a `$` in a body is never read as a replacement pattern.
  const message = skeleton.replace(standIn.text, () => quotedPrintable(bodies.text)).replace(standIn.html, () => quotedPrintable(bodies.html));
  return Buffer.from(message, 'utf8');
}
