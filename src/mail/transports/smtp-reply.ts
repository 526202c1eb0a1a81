import type { DeliveryFailure } from './transport.js';
import type { NodemailerError } from './pool-session.js';

/*
 * What a relay said of a message, as the journal keeps it and the report
 * shows it: one line, the relay's words first.
 */

/**
 * A failure without a word from the relay (a connection closed, reset or
 * timed out), after an earlier try of the same message that the relay
 * refused in words (a 421 that closed the connection): the reply keeps
 * those words first, as the relay's last say on the message, then what
 * happened after, so the report and the journal do not lose why.
 */
export function withEarlierWords(failure: DeliveryFailure, earlier: DeliveryFailure): DeliveryFailure {
  return { ...failure, reply: `${earlier.reply}; then, over another connection: ${failure.reply}` };
}

/**
 * nodemailer's words for what happened, where they say something else to an
 * editor. Its pool fails a message so when the connection it was given
 * closed before a byte of it went (`maxRequeues: 0`): the relay ended a
 * reused connection, often with a 421 that nodemailer does not keep
 * (smtp-pool/pool-resource.js; pool-session.ts puts it back where it can). Its connection drops a reply past 1 MiB
 * (smtp-connection's `MAX_RESPONSE_SIZE`), where RFC 5321 §4.5.3.1.5 allows
 * 512 octets a line: a relay gone wrong, whose words are lost with it.
 */
export const CLOSED_BEFORE_SENT = 'Reached maximum number of retries after connection was closed';
const REWORDED = new Map([
  [CLOSED_BEFORE_SENT, 'the relay closed the connection before the message went'],
  ['Server response exceeds maximum allowed size', "the relay's reply ran past 1 MiB, far longer than any SMTP reply (RFC 5321 allows 512 octets a line), and was not read: a relay gone wrong"],
]);

/**
 * A timeout as what the relay did not do, and in how long (`limits`, in
 * ms: `setupTimeoutMs` for the connection, the greeting and a TLS
 * handshake together, `socketTimeoutMs` for any silence once greeted);
 * nodemailer's own words (`ETIMEDOUT: Greeting never received`,
 * `ETIMEDOUT: Timeout`) say neither. Undefined for any other error.
 */
export function timeoutWords(error: NodemailerError & { timeoutType?: string }, limits: { setupTimeoutMs: number; socketTimeoutMs: number }): string | undefined {
  if (error.code !== 'ETIMEDOUT') return undefined;
  const setup = seconds(limits.setupTimeoutMs);
  switch (error.timeoutType) {
    case 'CONNECT_TIMEOUT':
      return `ETIMEDOUT: no connection to the relay within ${setup}`;
    case 'GREETING_TIMEOUT':
      return `ETIMEDOUT: the relay took the connection but sent no greeting (220) within ${setup}`;
    case 'UPGRADE_TIMEOUT':
      return `ETIMEDOUT: no TLS handshake with the relay within ${setup}`;
    case 'SOCKET_TIMEOUT':
      return `ETIMEDOUT: no reply from the relay for ${seconds(limits.socketTimeoutMs)}`;
    default:
      return undefined;
  }
}

/** `1500` → `1.5 s`, `30000` → `30 s`. */
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * The server's reply, else the error, on one line as its text reads: a
 * multi-line reply's lines joined, each continuation without the code and
 * enhanced code it repeats (`550-5.1.1 …`, RFC 5321 §4.2.1), and no
 * control character, C0 or C1 (U+009B is a terminal's CSI, as ESC [ is),
 * reaching the terminal or the journal. nodemailer's messages never hold
 * the password.
 */
export function replyOf(error: NodemailerError): string {
  return error.response === undefined ? oneLine(`${error.code ?? 'ERROR'}: ${REWORDED.get(error.message) ?? error.message}`) : replyText(error.response);
}

/** What the relay answered (`response`, as nodemailer gives it) on one line, as `replyOf` says it. */
export function replyText(response: string): string {
  return oneLine(joinedReply(response));
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/ {2,}/g, ' ').trim().slice(0, 500);
}

/** `550-5.1.1 a⏎550 5.1.1 b` → `550 5.1.1 a b`; a reply of one line, or lines without a shared code, as it is. */
function joinedReply(response: string): string {
  const lines = response.split(/\r?\n/);
  const head = /^(\d{3})[ -]((?:[245]\.\d{1,3}\.\d{1,3} )?)/.exec(lines[0] ?? '');
  if (lines.length < 2 || head === null) return response;
  const [, code, enhanced] = head;
  const prefix = new RegExp(`^${code}[ -]${enhanced!.replace(/\./g, '\\.')}`);
  if (!lines.every((line) => prefix.test(line))) return response;
  return `${code} ${enhanced}${lines.map((line) => line.replace(prefix, '')).join(' ')}`;
}

/**
 * Whether `response`, the text nodemailer took as the relay's acceptance of
 * a message (it looks at its first character alone: `25`, `2.0.0 Ok`,
 * `250-Ok⏎550 No` pass), is a positive completion reply as RFC 5321 §4.2
 * writes one: each line a three-digit 2yz code, the same on every line
 * (§4.2.1), then a space and text, or nothing. Anything else is no answer
 * either way (docs/commands.md): the relay may have kept the message, or not.
 */
export function isCompletionReply(response: string): boolean {
  const code = /^2\d\d(?=[ -]|$)/.exec(response)?.[0];
  if (code === undefined) return false;
  const lines = response.split(/\r?\n/);
  const last = lines.pop()!;
  return lines.every((line) => line.startsWith(`${code}-`)) && (last === code || last.startsWith(`${code} `));
}

/**
 * The largest message a relay accepts, in octets, from its EHLO reply
 * (`250-SIZE 10240000`): RFC 1870 §3's SIZE keyword with its parameter.
 * Undefined when no line is SIZE, when SIZE has no parameter ("no
 * information is conveyed"), and for `SIZE 0`, "no fixed maximum message
 * size is in force" (RFC 1870 §3).
 */
export function sizeLimitOf(ehloReply: string): number | undefined {
  for (const line of ehloReply.split(/\r?\n/)) {
    const size = /^\d{3}[ -]SIZE(?:[ \t]+(\d+))?[ \t]*$/i.exec(line.trim())?.[1];
    if (size !== undefined && Number(size) > 0) return Number(size);
  }
  return undefined;
}
