import { randomBytes } from 'node:crypto';
import type { RenderedEmail } from '../render/email.js';
import { fill, splitAtMarkers, type PersonalizableText } from '../render/personalize.js';
import { composeMessage, type MessageInput } from './compose.js';
import { messageId, unsubscribeMailto, unsubscribeUrl } from './headers.js';
import { quotedPrintable } from './quoted-printable.js';

/** What differs between two recipients' messages of one send. */
export interface Recipient {
  /** The envelope and `To` address. */
  to: string;
  /** The unsubscribe token; undefined for the list address (its server unsubscribes). */
  token: string | undefined;
  /**
   * The Message-ID, `<…>`: the one the journal froze for the recipient, so
   * every attempt carries the same even when the baseUrl changed since
   * (RELIABILITY 9, 18).
   */
  messageId: string;
}

type Slot = 'to' | 'messageId' | 'token' | 'text' | 'html';

/**
 * One issue's message, composed once by nodemailer (`composeMessage`) with
 * stand-ins for the recipient, the Message-ID, the token and the two bodies,
 * then cut at them. A recipient's message is a join of those pieces: the
 * pieces of the bodies are quoted-printable encoded once, and a personal
 * value is encoded on its own between two soft line breaks (`=` CRLF, RFC
 * 2045 §6.7 rule 5), which a decoder removes, so the decoded text is exactly
 * the rendered one. Every line of a body starts a piece or a value, or
 * follows a line break inside one, and `quotedPrintable` encodes each so
 * that none starts with `From ` and each has room for the `=` a join
 * appends: a join keeps both true. nodemailer takes 1.6 ms to compose a 40 KB message
 * (issue 13's measurement); a join takes microseconds.
 */
export class MessageTemplate {
  private constructor(
    private readonly input: Omit<MessageInput, 'to' | 'unsubscribe' | 'html' | 'text'>,
    private readonly rendered: RenderedEmail,
    private readonly parts: readonly string[],
    private readonly slots: readonly Slot[],
    private readonly bodies: Record<'text' | 'html', EncodedBody>,
  ) {}

  static async build(input: Omit<MessageInput, 'to' | 'unsubscribe' | 'html' | 'text' | 'subject'>, rendered: RenderedEmail, options: { list: boolean }): Promise<MessageTemplate> {
    const nonce = randomBytes(9).toString('hex');
    const stand = { to: `pb-to-${nonce}@example.invalid`, token: `pbtoken${nonce}`, text: `pbtext${nonce}`, html: `pbhtml${nonce}` };
    const base = { ...input, subject: rendered.subject };
    const eml = await composeMessage({
      ...base,
      to: stand.to,
      text: stand.text,
      html: stand.html,
      unsubscribe: options.list ? undefined : { url: unsubscribeUrl(input.config.baseUrl, stand.token), mailto: unsubscribeMailto(input.config.from, stand.token) },
    });
    const bySlot = new Map<string, Slot>([
      [stand.to, 'to'],
      [messageId(input.config.baseUrl, input.issueNumber, stand.to), 'messageId'],
      [stand.token, 'token'],
      [stand.text, 'text'],
      [stand.html, 'html'],
    ]);
    const { parts, slots } = splitAtMarkers(eml.toString('utf8'), bySlot);
    return new MessageTemplate(base, rendered, parts, slots, { text: encodeBody(rendered.text), html: encodeBody(rendered.html) });
  }

  /** The Message-ID a send freezes for a recipient (`Recipient.messageId` on every attempt after). */
  messageId(to: string): string {
    return messageId(this.input.config.baseUrl, this.input.issueNumber, to);
  }

  /**
   * A recipient's complete message. An address beyond printable ASCII (an
   * internationalized domain or mailbox) takes nodemailer's own path, which
   * encodes it; every other one is a join.
   */
  async message(recipient: Recipient): Promise<Buffer> {
    const url = unsubscribeUrl(this.input.config.baseUrl, recipient.token);
    if (!/^[\x21-\x7e]+$/.test(recipient.to)) return this.composed(recipient, url);
    const values: Record<Slot, () => string> = {
      to: () => recipient.to,
      messageId: () => recipient.messageId,
      token: () => encodeURIComponent(recipient.token ?? ''),
      text: () => this.bodies.text.with(url),
      html: () => this.bodies.html.with(url),
    };
    let output = this.parts[0]!;
    for (let i = 0; i < this.slots.length; i++) output += values[this.slots[i]!]() + this.parts[i + 1]!;
    return Buffer.from(output, 'utf8');
  }

  private composed(recipient: Recipient, url: string): Promise<Buffer> {
    const values = { unsubscribeUrl: url };
    return composeMessage({
      ...this.input,
      to: recipient.to,
      messageId: recipient.messageId,
      text: fill(this.rendered.text, values),
      html: fill(this.rendered.html, values),
      unsubscribe: recipient.token === undefined ? undefined : { url, mailto: unsubscribeMailto(this.input.config.from, recipient.token) },
    });
  }
}

interface EncodedBody {
  /** The body, encoded, with this unsubscribe URL in its places. */
  with(url: string): string;
}

const SOFT_BREAK = '=\r\n';

function encodeBody(text: PersonalizableText): EncodedBody {
  const encoded = text.parts.map((part) => (part === '' ? '' : quotedPrintable(part)));
  return {
    with(url: string): string {
      // Each value goes through `fill`'s own escaping (HTML or none), then QP.
      const value = quotedPrintable(fill({ parts: ['', ''], fields: ['unsubscribeUrl'], escape: text.escape }, { unsubscribeUrl: url }));
      let output = encoded[0]!;
      for (let i = 1; i < encoded.length; i++) output += `${SOFT_BREAK}${value}${SOFT_BREAK}${encoded[i]!}`;
      return output;
    },
  };
}
