import { randomBytes } from 'node:crypto';
import type { RenderedEmail } from '../render/email.js';
import { fill, splitAtMarkers, type PersonalizableText } from '../render/personalize.js';
import { composeMessage, type MessageInput } from './compose.js';
import { messageId, unsubscribeMailto } from './headers.js';
import { unsubscribeUrl } from './unsubscribe-url.js';
import { octetsInData } from './message-size.js';
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
    /** The pieces' octets, UTF-8, and whether every line break between them is CRLF (nodemailer's composer writes no other). */
    private readonly pieces: { octets: number; crlf: boolean },
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
    const joined = Buffer.from(parts.join(''), 'utf8');
    // A join's values hold no line break, so the pieces' breaks are the message's (`size`).
    const crlf = octetsInData(joined) === joined.length;
    return new MessageTemplate(base, rendered, parts, slots, { text: encodeBody(rendered.text), html: encodeBody(rendered.html) }, { octets: joined.length, crlf });
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

  /**
   * What `message(recipient)` counts in SMTP DATA (`octetsInData`, RFC
   * 1870 §4), from the lengths of its pieces and values, without joining
   * them: the same number, microseconds a recipient, for the check of a
   * relay's SIZE against every recipient's copy before a send.
   */
  async size(recipient: Recipient): Promise<number> {
    if (!this.pieces.crlf || !/^[\x21-\x7e]+$/.test(recipient.to)) return octetsInData(await this.message(recipient));
    const url = unsubscribeUrl(this.input.config.baseUrl, recipient.token);
    const octets: Record<Slot, () => number> = {
      to: () => recipient.to.length,
      messageId: () => Buffer.byteLength(recipient.messageId, 'utf8'),
      token: () => encodeURIComponent(recipient.token ?? '').length,
      text: () => this.bodies.text.octets(url),
      html: () => this.bodies.html.octets(url),
    };
    let total = this.pieces.octets;
    for (const slot of this.slots) total += octets[slot]();
    return total;
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
  /** The UTF-8 octets of `with(url)`. */
  octets(url: string): number;
}

const SOFT_BREAK = '=\r\n';

function encodeBody(text: PersonalizableText): EncodedBody {
  const encoded = text.parts.map((part) => (part === '' ? '' : quotedPrintable(part)));
  const encodedOctets = encoded.reduce((sum, part) => sum + Buffer.byteLength(part, 'utf8'), 0);
  // Each value goes through `fill`'s own escaping (HTML or none), then QP.
  const valueOf = (url: string) => quotedPrintable(fill({ parts: ['', ''], fields: ['unsubscribeUrl'], escape: text.escape }, { unsubscribeUrl: url }));
  return {
    octets(url: string): number {
      return encodedOctets + (encoded.length - 1) * (2 * SOFT_BREAK.length + Buffer.byteLength(valueOf(url), 'utf8'));
    },
    with(url: string): string {
      const value = valueOf(url);
      let output = encoded[0]!;
      for (let i = 1; i < encoded.length; i++) output += `${SOFT_BREAK}${value}${SOFT_BREAK}${encoded[i]!}`;
      return output;
    },
  };
}
