import MailComposer from 'nodemailer/lib/mail-composer';
import { encode as encodeQuotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';
import type { Config } from '../config/load.js';
import { foldableText, listHeaders, messageBoundary, messageId, singleLine, type ListUnsubscribe } from './headers.js';

/** What a message needs of the newsletter settings. */
type SenderConfig = Pick<Config, 'name' | 'baseUrl' | 'from' | 'replyTo'>;

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
  /**
   * Forces quoted-printable for both parts (default: nodemailer's choice per
   * part); the send path splices encoded text into them (message-template.ts).
   */
  transferEncoding?: 'quoted-printable';
  /** The Message-ID, when not the issue's to `to` (`messageId`): a proof's (`proofMessageId`). */
  messageId?: string;
}

/**
 * The complete message (RFC 5322), as an `.eml` file holds it and as SMTP
 * sends it: multipart/alternative with the plaintext and the HTML, UTF-8,
 * RFC 2047 subject, List-* headers, and a Message-ID derived from the issue
 * and the recipient so a resend is recognizably the same message.
 * Built by nodemailer's MailComposer, no transport involved.
 */
export async function composeMessage(input: MessageInput): Promise<Buffer> {
  const { config } = input;
  const to = singleLine(input.to);
  const id = input.messageId ?? messageId(config.baseUrl, input.issueNumber, to);
  const encoding = input.transferEncoding ? { contentTransferEncoding: input.transferEncoding } : {};
  const composer = new MailComposer({
    // Structured, so nodemailer quotes the name itself and never parses the
    // text again (a second parse would read `(Paris)` as a comment and drop it).
    from: config.from,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    to,
    subject: foldableText(singleLine(input.subject)),
    date: input.date,
    messageId: id,
    headers: listHeaders(config, input.unsubscribe),
    text: { content: input.text, contentType: 'text/plain; charset=utf-8', ...encoding },
    html: { content: input.html, contentType: 'text/html; charset=utf-8', ...encoding },
    // The same input gives the same bytes: boundaries come from the Message-ID.
    baseBoundary: messageBoundary(id),
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

/**
 * The size of a text part once encoded in a message (quoted-printable, CRLF,
 * 76-column lines), which is what a mailbox counts: HTML full of `=` in
 * attributes grows noticeably.
 */
export function encodedPartSize(content: string): number {
  return Buffer.byteLength(wrapQuotedPrintable(encodeQuotedPrintable(content), 76).replace(/\r?\n/g, '\r\n'));
}
