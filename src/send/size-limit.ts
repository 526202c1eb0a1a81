/*
 * A relay's limit on message size (RFC 1870's SIZE, which it says in its
 * EHLO reply), held against the issue's message before anyone is sent to:
 * a relay refuses a bigger message (552, 5.3.4) from every recipient, so
 * a send that found out recipient by recipient would only pause after
 * three refusals (dispatch.ts) with nothing gained.
 */

/** One message of the issue as it would go: its recipient, and its size in SMTP DATA (`octetsInData`, RFC 1870 §4), octets. */
export interface MessageSize<T> {
  recipient: T;
  octets: number;
}

/**
 * The largest of `recipients`' messages, as `sizeOf` measures each
 * (`MessageTemplate.size`), or undefined for none. Each copy differs in its
 * address, Message-ID and unsubscribe token, so the largest is the longest
 * of those: each is measured, not guessed from the longest address.
 */
export async function largestMessage<T>(recipients: Iterable<T>, sizeOf: (recipient: T) => Promise<number>): Promise<MessageSize<T> | undefined> {
  let largest: MessageSize<T> | undefined;
  for (const recipient of recipients) {
    const octets = await sizeOf(recipient);
    if (largest === undefined || octets > largest.octets) largest = { recipient, octets };
  }
  return largest;
}

const BYTES = new Intl.NumberFormat('en-US');

/**
 * Why the message cannot go through a relay whose SIZE is `limit` octets,
 * or undefined when it fits (a message of exactly `limit` octets fits:
 * RFC 1870 §4, "the largest message that a server is ever willing to
 * accept"). `what`: `issue 12's message`, `the proof`.
 */
export function tooBig(limit: number | undefined, octets: number, what: string): string | undefined {
  if (limit === undefined || octets <= limit) return undefined;
  return `the SMTP relay accepts messages up to ${BYTES.format(limit)} bytes (SIZE in its EHLO reply), and ${what} is ${BYTES.format(octets)} bytes as SMTP counts it`;
}

/** What to do about `tooBig`: the same advice for a send and a proof. */
export const TOO_BIG_ADVICE =
  "Make the issue smaller (the message is its HTML and plain-text parts: fewer or shorter texts; images are linked, not attached), or raise the relay's limit (Postfix: message_size_limit), then run the same command";
