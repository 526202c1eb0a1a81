import type { Config } from '../config/load.js';
import { composeWithBodies } from './bodies.js';
import { foldableText, listHeaders, messageBoundary, messageId, singleLine, type ListUnsubscribe } from './headers.js';
import { quotedPrintable } from './quoted-printable.js';

/** What a message needs of the newsletter settings. */
type SenderConfig = Pick<Config, 'name' | 'baseUrl' | 'from' | 'replyTo' | 'language'>;

export interface MessageInput {
  config: SenderConfig;
  issueNumber: number;
  /** The recipient's address: a subscriber, the list address, or a test address. */
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The `Date` header: the send time (a rendering uses the issue's date to stay reproducible). */
  date: Date;
  /**
   * The one-click unsubscribe targets (RFC 8058); undefined for a message to
   * a mailing list, whose server writes its own List-* headers.
   */
  unsubscribe: ListUnsubscribe | undefined;
  /** The Message-ID, when not the issue's to `to` (`messageId`): a proof's (`proofMessageId`). */
  messageId?: string;
}

/**
 * The complete message (RFC 5322), as an `.eml` file holds it and as SMTP
 * sends it: multipart/alternative with the plaintext and the HTML, UTF-8,
 * both quoted-printable with no line starting `From ` (quoted-printable.ts),
 * RFC 2047 subject, List-* headers, `Content-Language` (RFC 3282: the
 * newsletter's `language`, which the HTML's `<html lang>` says too), and a
 * Message-ID derived from the issue and the recipient so a resend is
 * recognizably the same message.
 * Built by nodemailer's MailComposer (bodies.ts), no transport involved.
 */
export function composeMessage(input: MessageInput): Promise<Buffer> {
  const { config } = input;
  const to = singleLine(input.to);
  const id = input.messageId ?? messageId(config.baseUrl, input.issueNumber, to);
  return composeWithBodies(
    {
      // Structured, so nodemailer quotes the name itself and never parses the
      // text again (a second parse would read `(Paris)` as a comment and drop it).
      from: config.from,
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      to,
      subject: foldableText(singleLine(input.subject)),
      date: input.date,
      messageId: id,
      headers: { ...listHeaders(config, input.unsubscribe), 'Content-Language': config.language },
      // The same input gives the same bytes: boundaries come from the Message-ID.
      baseBoundary: messageBoundary(id),
      newline: 'windows',
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { text: input.text, html: input.html },
  );
}

/**
 * The size of a text part once encoded in a message (`quotedPrintable`, as
 * every message paperboy composes encodes it), which is what a mailbox
 * counts: HTML full of `=` in attributes grows noticeably.
 */
export function encodedPartSize(content: string): number {
  return Buffer.byteLength(quotedPrintable(content));
}
