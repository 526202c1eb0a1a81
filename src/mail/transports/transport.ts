/**
 * What the sender needs of a way to deliver mail. SMTP and the outbox fit
 * it; another provider (SES, an HTTP API) is one more file like them.
 */
export interface Transport {
  /** For the confirmation and the report: `SMTP smtp.example.org:587 (5 connections)`, `outbox .paperboy/outbox/42`. */
  readonly description: string;
  /** How many messages it delivers at once. */
  readonly connections: number;
  /** Checks that delivery can start (login, TLS) before anything is claimed: a failure here sends nothing. */
  verify(): Promise<ReadyResult>;
  /** Hands one complete message (RFC 5322, CRLF) over for `to`. Never throws for a delivery problem: it is the result. */
  send(message: OutgoingMessage): Promise<DeliveryResult>;
  /**
   * What became of a message a stopped run was handing over (its
   * Message-ID), where the transport itself can tell: the outbox looks for
   * its file (`sent` with the reply a send journals, or not sent at all),
   * and answers undefined for a message that was never its own (a run
   * through a relay, resumed without SMTP_URL). Absent for a relay, which
   * alone knows: its rows stay in doubt.
   */
  handedOver?(messageId: string): Promise<{ sent: true; reply: string } | { sent: false } | undefined>;
  /**
   * Waits for messages in flight, then closes; with `force`, fails them at
   * once instead (for a stop that cannot wait for a stalled server).
   */
  close(options?: { force?: boolean }): Promise<void>;
}

export interface OutgoingMessage {
  /** The envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string;
  messageId: string;
  raw: Buffer;
  /**
   * Called once when the message starts going to the relay (its 354 to
   * DATA; the outbox, before its file is put in place), and its end
   * (CRLF.CRLF; the rename) waits for the promise: what the journal
   * commits the recipient `sending` in, so that a row is in doubt only
   * from then on (RELIABILITY 8, 9). A rejection (the journal cannot be
   * written) fails the delivery before its end goes: not delivered.
   */
  handOff?(): Promise<void>;
}

/**
 * What `verify` found: the session refused, or ready, with the largest
 * message the relay said it accepts (octets, RFC 1870 §4: CRLF counted,
 * not the dots of DATA's transparency): its EHLO reply's `SIZE`. Absent
 * when it advertises none, or `SIZE 0` (no fixed limit), and for the outbox.
 */
export type ReadyResult = { ok: true; reply: string; sizeLimit?: number } | { ok: false; failure: DeliveryFailure };

export type DeliveryResult = { ok: true; reply: string } | { ok: false; failure: DeliveryFailure };

/**
 * Where a delivery stopped, which decides whether the message may be on
 * the server: `connect` (no session: nothing sent), `auth` (the session refused:
 * the login, or TLS with a certificate that does not verify),
 * `sender` (MAIL FROM), `recipient` (RCPT TO), `data` (the server refused
 * DATA, or the connection broke before the end of data, CRLF.CRLF, was
 * written: not delivered), `after-data` (the end of data was written and no
 * reply came, a reset or a timeout alike: it may have been delivered,
 * RELIABILITY 9).
 */
export type FailureStage = 'connect' | 'auth' | 'sender' | 'recipient' | 'data' | 'after-data';

export interface DeliveryFailure {
  stage: FailureStage;
  /** The server's reply (`550 5.1.1 <x@example.org>: user unknown`) or the network error, never a password. */
  reply: string;
  /** The SMTP reply code, when the server answered. */
  code?: number;
  /** The enhanced status code (RFC 3463), `5.1.1`, when the reply has one. */
  enhanced?: string;
  /** What to change, when the transport can tell what went wrong better than the reply does (TLS on the wrong port). */
  hint?: string;
  /** The relay answered a new connection's greeting with a refusal (a 421 where RFC 5321 §3.1 has 220): no session began on it. */
  refusedAtGreeting?: true;
  /** What answered the greeting or EHLO/HELO is text with no reply code (RFC 5321 §4.2): not an SMTP server (a web server at that port). */
  notSmtp?: true;
}

/** `5.1.1` from a reply such as `550 5.1.1 user unknown`. */
export function enhancedCode(reply: string): string | undefined {
  return /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply.trim())?.[1];
}
