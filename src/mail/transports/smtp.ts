import { PassThrough, type Readable } from 'node:stream';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { ConnectionOptions } from 'node:tls';
import { parseSmtpUrl } from './smtp-url.js';
import { causeOf, watchSession, type NodemailerError, type SessionWatch } from './pool-session.js';
import { CLOSED_BEFORE_SENT, isCompletionReply, replyOf, replyText, timeoutWords, sizeLimitOf, withEarlierWords } from './smtp-reply.js';
import { checkSession } from './smtp-session.js';
import { enhancedCode, type DeliveryFailure, type DeliveryResult, type FailureStage, type OutgoingMessage, type ReadyResult, type Transport } from './transport.js';

export interface SmtpOptions {
  /** `SMTP_URL`: `smtp://user:pass@host:587`, `smtps://…:465`. */
  url: string;
  connections: number;
  /** Extra TLS settings (a private CA in tests); certificates are always verified. */
  tls?: ConnectionOptions;
  /** Socket inactivity limit, ms (a server that never answers after DATA). */
  socketTimeoutMs?: number;
}

/** How far one message got on the wire, seen from the stream the connection reads it from. */
interface WireProgress {
  /** The connection started reading the message: the server answered 354 to DATA. */
  dataStarted: boolean;
  /**
   * The socket was handed the end of data (CRLF.CRLF, RFC 5321 §4.1.1.4):
   * from then on the server may have the whole message and take it, so a
   * failure without a reply leaves it unknown (RELIABILITY 9).
   */
  terminatorWritten: boolean;
  /** The message's `handOff`: started when the connection starts reading it, its end held until it resolves. */
  handOff?: (() => Promise<void>) | undefined;
  /** The connection was given the message (after 354) and its `handOff` started: a moment before `dataStarted`. */
  piped?: boolean;
  /**
   * A connection of the pool took the message, its session up (greeted,
   * logged in), about to begin the transaction (MAIL FROM, RCPT TO):
   * nodemailer's pool creates the message's stream then (pool-resource.js
   * `send`), and only then. With that session, watched for what the pool
   * drops of a failure (pool-session.ts), when it can be found.
   */
  taken?: { session: SessionWatch | undefined };
}


/** RFC 5321 §4.5.3.2.7 asks for 10 minutes after the final dot; a minute catches a dead server without losing a live one. */
const DEFAULT_SOCKET_TIMEOUT_MS = 60_000;

/**
 * Delivery through an SMTP relay with nodemailer's pool: the message is
 * handed over raw (composed once per issue, message-template.ts), one
 * recipient per transaction. The pool never re-queues (`maxRequeues: 0`,
 * RELIABILITY 14): the journal owns every retry. Certificates are always
 * verified, and port 587 requires STARTTLS (`requireTLS`): a relay that
 * does not offer it is refused rather than sent a password in clear.
 */
export class SmtpTransport implements Transport {
  readonly description: string;
  readonly connections: number;
  private transporter: Transporter;
  private readonly newPool: () => Transporter;
  /** The pool's settings, which `verify`'s own session uses too. */
  private readonly options: SMTPPool.Options;
  /** The scheme's TLS and the port, for the hints of a failure. */
  private readonly session: Session;
  /** `close` was called: no message is tried again. */
  private closing = false;

  constructor(options: SmtpOptions) {
    const { host, port, secure, auth } = parseSmtpUrl(options.url);
    this.connections = options.connections;
    const socketTimeout = options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS;
    // 10 ms short of the silence limit at most: nodemailer arms both as the connection opens, and with equal limits a relay
    // that never greets was said, as the timers fell, as silent mid-reply ("no reply from the relay for 1.5 s", CI).
    const setupTimeout = Math.max(1, Math.min(30_000, socketTimeout - 10));
    this.session = { secure, port, socketTimeoutMs: socketTimeout, setupTimeoutMs: setupTimeout };
    // Never the user or password: this line is printed.
    this.description = `SMTP ${host}:${port} (${options.connections} connection${options.connections === 1 ? '' : 's'})`;
    this.options = {
      pool: true,
      host,
      port,
      secure,
      requireTLS: port === 587,
      ...(auth ? { auth } : {}),
      maxConnections: options.connections,
      maxMessages: Infinity,
      maxRequeues: 0,
      tls: { ...options.tls, rejectUnauthorized: true },
      connectionTimeout: setupTimeout,
      greetingTimeout: setupTimeout,
      socketTimeout,
      disableFileAccess: true,
      disableUrlAccess: true,
    };
    this.newPool = () => this.pool(this.options);
    this.transporter = this.newPool();
  }

  /** A nodemailer pool with `options`, each message's progress on the wire watched. */
  private pool(options: SMTPPool.Options): Transporter {
    const transporter = createTransport(options);
    // Each message's raw stream ends with a pass-through the connection reads only after 354, so its
    // events say how far the message got (pool-resource.js uses the same signal, readableDidRead).
    transporter.use('stream', (mail: MailMessage, done: (error?: Error | null) => void) => {
      const progress = (mail.data as { paperboyProgress?: WireProgress }).paperboyProgress;
      if (progress) {
        mail.message.processFunc((input: Readable) => {
          progress.taken = { session: watchSession(transporter, mail) };
          return watchWire(input, progress);
        });
      }
      done();
    });
    return transporter;
  }

  /** The session checked as the pool's `verify` checks it, with the relay's `SIZE` (RFC 1870) from its EHLO reply. */
  async verify(): Promise<ReadyResult> {
    try {
      const sizeLimit = sizeLimitOf(await checkSession(this.options));
      return { ok: true, reply: 'connected', ...(sizeLimit === undefined ? {} : { sizeLimit }) };
    } catch (error) {
      return { ok: false, failure: failureOf(error as NodemailerError, { dataStarted: false, terminatorWritten: false }, this.session) };
    }
  }

  async send(message: OutgoingMessage): Promise<DeliveryResult> {
    // A connection the relay ended before a byte of the message went (a relay that takes so many messages a
    // connection, or closes one it finds busy): nothing of it reached the relay, so it goes again before it counts as
    // a failure. Each such close takes its connection out of the pool, whose other connections may be ending as well
    // (a relay's limit ends them all at once): after as many tries again as the pool has connections, the last went
    // over a new one, and a relay that ends every connection so has failed it, which the run backs off from.
    let result = await this.attempt(message);
    // The last refusal in the relay's words (a 421 that closed the connection), kept for a later try that fails wordless.
    let said = result.ok || result.failure.code === undefined ? undefined : result.failure;
    for (let again = 0; again < this.connections && !result.ok && result.closedUnsent && !this.closing; again++) {
      result = await this.attempt(message);
      if (result.ok) break;
      if (result.failure.code !== undefined) said = result.failure;
      else if (said !== undefined) result = { ...result, failure: withEarlierWords(result.failure, said) };
    }
    return result;
  }

  /** One try of `message` over the pool; `closedUnsent` when the relay closed the connection before the message began (354). */
  private async attempt(message: OutgoingMessage): Promise<DeliveryResult & { closedUnsent?: boolean }> {
    const progress: WireProgress = { dataStarted: false, terminatorWritten: false, handOff: message.handOff?.bind(message) };
    try {
      const info = await this.transporter.sendMail({
        envelope: { from: message.from, to: message.to },
        raw: message.raw,
        paperboyProgress: progress,
      } as SendMailOptions);
      const reply = String(info.response ?? '250');
      // The end of data went and what came back is no reply: it may have arrived (RELIABILITY 9), never `sent` on a guess.
      if (!isCompletionReply(reply)) return { ok: false, failure: { stage: 'after-data', reply: replyText(reply) } };
      return { ok: true, reply };
    } catch (error) {
      const closedUnsent = closedBeforeMessage(error as NodemailerError, progress);
      const cause = causeOf(error as NodemailerError, closedUnsent, progress.taken?.session);
      const silence = silentBeforeData(cause, progress, this.session.socketTimeoutMs);
      if (silence) return { ok: false, failure: silence };
      const failure = failureOf(cause, progress, this.session);
      if (endsSession(failure)) this.renewPool();
      return { ok: false, failure, ...(closedUnsent ? { closedUnsent: true } : {}) };
    } finally {
      progress.taken?.session?.stop();
    }
  }

  /**
   * Later messages go over new connections; the old pool's close lets the
   * messages it is sending finish (nodemailer's `close` without `force`).
   * nodemailer keeps a connection after a refused recipient (it resets the
   * transaction, RSET) and has no way to close one connection of a pool.
   */
  private renewPool(): void {
    const old = this.transporter;
    this.transporter = this.newPool();
    old.close();
  }

  async close(options: { force?: boolean } = {}): Promise<void> {
    this.closing = true;
    // The dispatcher has waited for every message in flight, and the pool ends its sessions with QUIT;
    // forced, a connection in the middle of a message is closed too, and the message fails (nodemailer 10's `force`).
    this.transporter.close(options.force ? { force: true } : undefined);
  }
}

/**
 * nodemailer's pool failed the message because its connection closed
 * before the message began (`maxRequeues: 0`: it would otherwise queue it
 * again itself, pool-resource.js), and not a byte of it was read: the
 * relay cannot have it.
 */
function closedBeforeMessage(error: NodemailerError, progress: WireProgress): boolean {
  return error.code === 'ECONNECTION' && error.message === CLOSED_BEFORE_SENT && !progress.dataStarted && progress.piped !== true;
}

function watchWire(input: Readable, progress: WireProgress): Readable {
  const output = new WireWatch(progress);
  output.once('resume', () => (progress.dataStarted = true));
  input.on('error', (error) => output.destroy(error));
  return input.pipe(output);
}

/**
 * The message as the connection reads it. nodemailer 10's SMTPConnection.send
 * pipes it into a DataStream (smtp-connection/data-stream.js) that
 * dot-stuffs it and pushes the terminator CRLF.CRLF in its _flush; that
 * stream is piped into the socket (_createSendStream), so its 'end' comes
 * once the socket was handed the terminator. This stream's own 'end' comes
 * earlier: the DataStream may still hold up to two buffers of the message
 * while the socket pushes back.
 *
 * The connection pipes it only once the relay answered 354 to DATA: then
 * the message's `handOff` starts (the journal commits the row `sending`),
 * and this stream's end, which the terminator follows, waits for it. A
 * hand-off that fails errors the stream: nodemailer closes the connection
 * with the message unfinished (pool-resource.js), which the relay drops.
 */
class WireWatch extends PassThrough {
  private handedOff: Promise<void> | undefined;
  private readonly piped: Promise<void>;
  private onPiped = () => {};

  constructor(private readonly progress: WireProgress) {
    super();
    this.piped = new Promise((resolve) => (this.onPiped = resolve));
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    (destination as unknown as Readable).once('end', () => (this.progress.terminatorWritten = true));
    if (this.handedOff === undefined) {
      this.progress.piped = true;
      this.handedOff = this.progress.handOff?.() ?? Promise.resolve();
      // Awaited in _flush; caught here too, so a rejection before then is not an unhandled one.
      this.handedOff.catch(() => {});
      this.onPiped();
    }
    return super.pipe(destination, options);
  }

  override _flush(callback: (error?: Error | null) => void): void {
    this.piped.then(() => this.handedOff).then(
      () => callback(),
      (error: unknown) => callback(error as Error),
    );
  }
}

/**
 * Certificate and TLS failures in node's messages (a socket error with no
 * SMTP reply, as under smtps://): the session is refused, as a failed login
 * is. Never tested against an error that carries a reply: nodemailer's
 * message then holds the server's text, and a recipient's `450 4.7.1 … TLS
 * is required` is that recipient's temporary refusal, classed by its code.
 */
const TLS_REFUSED = /certificate|self[- ]signed|unable to verify|STARTTLS|SSL routines|TLS/i;

/**
 * A refusal of a recipient that speaks of the session, not the mailbox: a
 * relay that takes so many messages a connection (`452 4.5.3 Too many
 * recipients`, RFC 3463 §3.6: with one recipient a transaction it can only
 * count the session's; "too many messages", "reconnect") refuses every
 * later one on that connection, which nodemailer would keep for them.
 */
function endsSession(failure: DeliveryFailure): boolean {
  if (failure.stage !== 'recipient' || failure.code === undefined || failure.code < 400 || failure.code >= 500) return false;
  return failure.enhanced === '4.5.3' || /too many (?:messages|recipients|mails)|reconnect/i.test(failure.reply);
}

function failureOf(error: NodemailerError, progress: WireProgress, session: Session): DeliveryFailure {
  const reply = timeoutWords(error, session) ?? replyOf(error);
  const code = typeof error.responseCode === 'number' ? error.responseCode : undefined;
  const enhanced = error.response ? enhancedCode(error.response) : undefined;
  const hint = tlsMismatch(error, session);
  // nodemailer's error for a greeting other than 220 (smtp-connection `_actionGreeting`).
  const refusedAtGreeting = error.command === 'CONN' && error.code === 'EPROTOCOL' && code !== undefined;
  // nodemailer's error for a greeting, EHLO or HELO answered with text that has no code (`Invalid greeting. response=HTTP/1.1 400…`).
  const notSmtp = error.code === 'EPROTOCOL' && code === undefined && typeof error.response === 'string' && ['CONN', 'EHLO', 'HELO'].includes(error.command ?? '');
  return {
    stage: stageOf(error, progress),
    reply,
    ...(code !== undefined ? { code } : {}),
    ...(enhanced ? { enhanced } : {}),
    ...(hint ? { hint } : {}),
    ...(refusedAtGreeting ? { refusedAtGreeting } : {}),
    ...(notSmtp ? { notSmtp } : {}),
  };
}

/** What SMTP_URL says of the session a hint speaks of: whether TLS starts at once (smtps://), and the port; the socket inactivity limit, ms. */
interface Session {
  secure: boolean;
  port: number;
  socketTimeoutMs: number;
  /** How long the connection, the greeting and a TLS handshake may take together, in ms (nodemailer's `connectionTimeout`). */
  setupTimeoutMs: number;
}

/**
 * The relay went silent in a session it had opened, after the message's
 * transaction began and before its DATA (a lookup of one recipient that
 * never returns): a temporary refusal of this message, as a 4xx at RCPT
 * is, which the journal counts as an attempt (RELIABILITY 10), not a
 * relay out of reach. `error` is the cause (on a reused connection,
 * nodemailer's pool drops the timeout for a wordless close: `causeOf`),
 * so the message does not go again at once over another connection
 * (`send`): one that hangs so must not cost one timeout per connection of
 * the pool. Undefined for any other failure.
 */
function silentBeforeData(error: NodemailerError, progress: WireProgress, socketTimeoutMs: number): DeliveryFailure | undefined {
  if (progress.taken === undefined || progress.dataStarted || progress.piped === true || error.code !== 'ETIMEDOUT') return undefined;
  const seconds = Math.round(socketTimeoutMs / 100) / 10;
  return { stage: 'recipient', reply: `no reply from the relay within ${seconds} s to MAIL FROM or RCPT TO, before the message began (DATA): nothing of it went` };
}

/**
 * Where TLS went wrong, as what to change, true to the URL in use
 * (`session`): node and the relay say it in their own words (an OpenSSL
 * record error; the relay's refusal of STARTTLS). A plaintext answer to
 * TLS is the scheme's mistake under smtps://; under smtp:// it came after
 * the relay agreed to STARTTLS. A refused STARTTLS stops the send on any
 * port (nodemailer does not go on in clear once a relay offers TLS, and
 * port 587 requires it).
 */
function tlsMismatch(error: NodemailerError, session: Session): string | undefined {
  // OpenSSL's reading of a plaintext answer as a TLS record (SSL_R_WRONG_VERSION_NUMBER).
  if (error.code === 'ESOCKET' && /wrong version number/i.test(error.message)) {
    if (session.secure) return 'The relay answered in plain text where smtps:// starts TLS at once: use smtp:// for this port (TLS by STARTTLS, as on 587), or the port where the relay speaks TLS at once (465).';
    return `The relay on port ${session.port} agreed to STARTTLS, then answered in plain text, not TLS: the relay (or a proxy or firewall between) breaks STARTTLS on this port; ask its operator, or use the port where the relay speaks TLS at once, with smtps:// (465).`;
  }
  if (error.command === 'STARTTLS' && typeof error.responseCode === 'number') {
    if (session.port === 587) return 'The relay does not offer STARTTLS on this port, and paperboy sends on port 587 only over TLS: check the relay\'s port (465 with smtps://, or a port that offers STARTTLS).';
    return `The relay on port ${session.port} offered STARTTLS, then refused it (${error.responseCode}), and paperboy does not send in plain text to a relay that offers TLS: ask the relay's operator, or use a port where TLS works (465 with smtps://, or 587).`;
  }
  return undefined;
}

function stageOf(error: NodemailerError, progress: WireProgress): FailureStage {
  // ETLS: nodemailer's own code for a TLS handshake or STARTTLS that failed.
  if (error.code === 'EAUTH' || error.code === 'ETLS' || error.command === 'STARTTLS') return 'auth';
  if (typeof error.responseCode !== 'number' && TLS_REFUSED.test(error.message)) return 'auth';
  if (error.command === 'MAIL FROM') return 'sender';
  if (error.command === 'RCPT TO') return 'recipient';
  // nodemailer fails any reply to the final dot not starting with 2 (`Message failed`); only a 4yz or 5yz says the relay did not take the message (RFC 5321 §4.2.1, §4.1.1.4): text with no code, a 1yz or a 3yz there is no answer either way, as silence is.
  if (error.code === 'EMESSAGE' && progress.terminatorWritten && !isRefusalCode(error.responseCode)) return 'after-data';
  if (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') return 'data';
  if (!progress.dataStarted) return 'connect';
  // A reset, a closed socket or a timeout once the terminator went is no answer either way: the server
  // may have read the whole message and queued it before it failed (a reset says nothing about what it
  // read). Only a failure before that is sure to have left it undelivered.
  if (!progress.terminatorWritten) return 'data';
  return 'after-data';
}

/** Whether `code` is a negative reply's, 4yz (transient) or 5yz (permanent), RFC 5321 §4.2.1: the only replies that refuse. */
function isRefusalCode(code: number | false | undefined): boolean {
  return typeof code === 'number' && code >= 400 && code < 600;
}
