import type { EventEmitter } from 'node:events';

/** An error as nodemailer gives it: its code (`ETIMEDOUT`, `EENVELOPE`), the command and the server's reply, when there was one. */
export type NodemailerError = Error & { code?: string; command?: string; responseCode?: number; response?: string };

/**
 * What of nodemailer 10's pool (smtp-pool/index.js, pool-resource.js) says
 * which connection took a message: each resource's `queueEntry` holds the
 * message it sends, and its `connection` the SMTP session. Internal to
 * nodemailer, read only, and only to learn what its pool drops (below).
 */
interface PoolInternals {
  _connections?: { queueEntry?: { mail?: unknown } | false; connection?: SessionInternals }[];
}

/** An SMTP session of the pool (smtp-connection/index.js): its errors, and the last reply it read (RFC 5321 text, decoded). */
type SessionInternals = EventEmitter & { lastServerResponse?: string | false };

/** What the session that took one message said of it, watched while that message is tried. */
export interface SessionWatch {
  /** The session's own error (a timeout, a socket error), which the pool may replace with a wordless one. */
  error?: NodemailerError;
  /** The last reply the session read (a 421 the pool dropped), asked once the message failed. */
  lastReply(): string | undefined;
  /** Stops watching: the session goes on to other messages. */
  stop(): void;
}

/**
 * Watches the session of `transporter`'s pool that is taking `mail`, from
 * the moment its stream is created (pool-resource.js `send`, with the
 * message in that resource's `queueEntry`). nodemailer's pool, when a
 * reused connection fails before a byte of a message went, ends it and
 * fails the message with a generic "Reached maximum number of retries
 * after connection was closed" (`maxRequeues: 0`), dropping the reason:
 * the relay's 421 and its words, or a timeout. Undefined when no session
 * can be found (another nodemailer), where the generic error stands.
 */
export function watchSession(transporter: unknown, mail: unknown): SessionWatch | undefined {
  const pool = (transporter as { transporter?: PoolInternals }).transporter;
  const session = pool?._connections?.find((resource) => resource.queueEntry !== false && resource.queueEntry?.mail === mail)?.connection;
  if (session === undefined || typeof session.on !== 'function') return undefined;
  const onError = (error: NodemailerError) => (watch.error ??= error);
  const watch: SessionWatch = {
    lastReply: () => (typeof session.lastServerResponse === 'string' ? session.lastServerResponse : undefined),
    stop: () => session.off('error', onError),
  };
  session.on('error', onError);
  return watch;
}

/**
 * The error that failed a message, with what nodemailer's pool dropped
 * put back: the session's own error, or the relay's last reply when it
 * refused (4xx, 5xx), in place of the pool's generic one
 * (`closedBeforeSent`). `error` as it is otherwise.
 */
export function causeOf(error: NodemailerError, closedBeforeSent: boolean, watch: SessionWatch | undefined): NodemailerError {
  if (!closedBeforeSent || watch === undefined) return error;
  if (watch.error !== undefined && watch.error.response !== undefined) return watch.error;
  const reply = watch.lastReply();
  if (reply !== undefined && /^[45]\d\d(?:[ -]|$)/.test(reply)) {
    return Object.assign(new Error(reply), { code: 'ECONNECTION', response: reply, responseCode: Number(reply.slice(0, 3)) });
  }
  return watch.error ?? error;
}
