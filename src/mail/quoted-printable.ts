import { encode, wrap } from 'nodemailer/lib/qp';

/** RFC 2045 §6.7 rule 5: encoded lines of at most 76 characters. */
const QP_LINE = 76;

/**
 * Lines are wrapped this much shorter: 2 for a line's first character
 * written `=XX` (below), 1 for the `=` of a soft line break a join appends
 * after the last line (message-template.ts).
 */
const WRAP_AT = QP_LINE - 3;

/**
 * A line that mbox delivery would rewrite: `From ` at the start of a line
 * is read as the start of the next message and written `>From ` (RFC 4155;
 * mboxrd also quotes `>From `, `>>From `…), which changes the text and
 * breaks the DKIM body hash (RFC 6376 §3.4).
 */
const MBOX_FROM = /^>*From /gm;

/**
 * `text` as the body of a quoted-printable part (RFC 2045 §6.7): UTF-8,
 * CRLF line ends, lines of at most 75 characters, none of which starts
 * with `From ` (or `>From `): that line's first character is written
 * `=46` (`=3E`), which decodes to the same character (rule 1 allows any
 * character encoded), so the decoded text is exactly `text`.
 */
export function quotedPrintable(text: string): string {
  return wrap(encode(text), WRAP_AT)
    .replace(/\r?\n/g, '\r\n')
    .replace(MBOX_FROM, (start) => `=${start.charCodeAt(0).toString(16).toUpperCase()}${start.slice(1)}`);
}
