import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { builtKey } from '../archive/site-marker.js';
import type { Config } from '../config/load.js';
import { isPaperboyError, PaperboyError } from '../errors.js';
import { composeConfirmation } from '../mail/confirmation.js';
import { loadDkimSigner } from '../mail/dkim.js';
import { OutboxTransport } from '../mail/transports/outbox.js';
import { transportFromEnv } from '../mail/transports/from-env.js';
import type { TemplateProblem } from '../render/template-errors.js';
import { currentTemplates, loadTemplates, type TemplateSet } from '../render/templates.js';
import { openStore } from '../store/database.js';
import { unsubscribeKeys } from '../subscribers/secret.js';
import { UnsubscribeBatch } from '../subscribers/unsubscribe-batch.js';
import { sentLinks } from '../send/link-bases.js';
import { createApp, type PaperboyServer } from './app.js';
import { movedLinkWarnings } from './sent-links.js';
import { followRebuilds } from './follow-rebuilds.js';
import type { ConfirmationMailer } from './context.js';

export interface StartOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  host: string;
  /** 0 picks a free port. */
  port: number;
  dev: boolean;
  /** The access log (stdout). */
  log: (line: string) => void;
  /** Diagnostics (stderr), one line each: what goes wrong without stopping the server (a rebuilt site it cannot map yet), the dev server's build lines. */
  warn: (line: string) => void;
  /** Says the mistakes of template files no template reads (`TemplateSet.unread`; default: not said): once the templates are loaded, and, for the dev server, again when a rebuild finds others. */
  unreadTemplates?: (problems: readonly TemplateProblem[]) => void;
}

export interface RunningServer {
  /** `http://127.0.0.1:8080/` plus the path of baseUrl. */
  url: string;
  /** Where confirmation emails go when SMTP_URL is unset. */
  outbox: string | undefined;
  /**
   * Graceful shutdown: stops accepting connections, lets requests in flight
   * finish (idle keep-alive connections are closed) for up to `graceMs`
   * (default `STOP_GRACE_MS`), then closes the connections left (a client
   * stalled mid-request would hold the server until Node's 300 s request
   * timeout, past a service manager's stop timeout); then lets confirmation
   * emails being sent finish for up to `graceMs` more, cutting off the
   * ones a stalled relay holds (each then fails: said and withdrawn); then
   * closes the database. A write is never cut off: each is one synchronous
   * transaction.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * How long a stop waits for requests in flight, in ms: a form post or a
 * page takes milliseconds; well inside systemd's 90 s stop timeout.
 */
const STOP_GRACE_MS = 10_000;

/**
 * The server's busy timeout, ms: better-sqlite3 waits synchronously, so a
 * request waiting for another program's write lock freezes every other
 * request. A send's commits take milliseconds; a lock held past 1 s is one
 * held by a stuck or foreign program, and that request is answered 503
 * with Retry-After (app.ts `storeUnavailable`) rather than 500 after 10 s.
 */
const SERVER_BUSY_TIMEOUT_MS = 1_000;

/**
 * Opens the database, checks the secret (PAPERBOY_SECRET, or with `--dev`
 * the stored development one), builds the dev site when asked, and listens.
 * Throws SECRET_MISSING/SECRET_INVALID, STORE_UNAVAILABLE (exit 2), or
 * SERVER_LISTEN (exit 2) when the port is taken.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const db = openStore(config.dataDir);
  // Set after the open: migrating a database a send holds may wait as long as any command's open does.
  db.pragma(`busy_timeout = ${SERVER_BUSY_TIMEOUT_MS}`);
  let delivery: Awaited<ReturnType<typeof confirmationDelivery>> | undefined;
  let dev: ReturnType<typeof import('./dev.js').devServer> | undefined;
  let rebuilt: { close(): void } | undefined;
  // Stops what was started, the dev server's event streams before the server waits for its connections.
  const stopStarted = async (app?: PaperboyServer, graceMs = STOP_GRACE_MS) => {
    const server = app?.server;
    app?.stopping();
    await dev?.stop();
    rebuilt?.close();
    if (server)
      await new Promise<void>((resolve) => {
        const late = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(late);
          resolve();
        });
        server.closeIdleConnections();
      });
    // Confirmation emails begun after their answers go out before the transport and the database close. A relay
    // stalled past the grace period would hold the stop for its socket timeout (a minute): its messages are cut off
    // then, and fail as any refused confirmation does (said on stderr, withdrawn so the reader's next request sends it).
    if (app && !(await settledWithin(app.settled(), graceMs))) await delivery?.close({ force: true });
    await app?.settled();
    await delivery?.close();
    db.close();
  };
  try {
    const { keys } = unsubscribeKeys(options.env, db, { allowDevelopment: options.dev });
    delivery = await confirmationDelivery(config, options.env);
    // The builder (remark, KaTeX, MiniSearch) is loaded only by the dev server.
    dev = options.dev ? (await import('./dev.js')).devServer(config, options.warn, options.unreadTemplates ?? (() => {})) : undefined;
    const siteDir = dev?.siteDir ?? config.outDir;
    // The dev server follows template edits; a served archive keeps the templates it started with.
    const started = options.dev ? undefined : loadTemplates(config.templatesDir);
    if (started) options.unreadTemplates?.(started.unread);
    const templates = started ? () => started : lastLoadable(config.templatesDir);
    const sent = sentLinks(db, config.baseUrl);
    for (const line of movedLinkWarnings(sent, config)) options.warn(line);
    // Read before the site is mapped: a rebuild landing after it, before the watch is set, is caught up with (followRebuilds).
    const mappedKey = dev ? undefined : builtKey(config.outDir);
    const app = createApp({
      sentLinks: sent,
      context: { config, db, keys, templates, sendConfirmation: delivery.send, unsubscribes: new UnsubscribeBatch(db), now: () => new Date(), dev: options.dev },
      siteDir,
      log: options.log,
      ...(dev ? { extraRoute: dev.route, notFoundFilter: dev.withLiveReload } : {}),
    });
    await dev?.start(() => app.reloadSite());
    rebuilt = dev ? undefined : followRebuilds(config.outDir, () => app.reloadSite(), options.warn, mappedKey);
    await listen(app.server, options.host, options.port);
    const { port } = app.server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    return { url: `http://${host}:${port}${new URL(config.baseUrl).pathname}`, outbox: delivery.outbox, stop: (graceMs) => stopStarted(app, graceMs) };
  } catch (error) {
    // A port in use, say: a watcher or a transport left open would keep the process from exiting.
    await stopStarted();
    throw error;
  }
}

/**
 * The dev server's templates for its own pages (not found, subscribe,
 * confirm, unsubscribe): those on disk now, or, while a save has broken
 * one (the failed build says where, at file:line:column, on every page),
 * the last that loaded, or paperboy's built-in ones when none has yet.
 * Rendering those pages with the broken set threw again inside the error
 * answer and ended the process.
 */
function lastLoadable(templatesDir: string | undefined): () => TemplateSet {
  let last: TemplateSet | undefined;
  return () => {
    try {
      last = currentTemplates(templatesDir);
    } catch (error) {
      if (!isPaperboyError(error)) throw error;
      last ??= loadTemplates(undefined);
    }
    return last;
  };
}

function listen(server: import('node:http').Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new PaperboyError('SERVER_LISTEN', `Cannot listen on ${host}:${port}: ${error.code ?? error.message}`, {
          cause: error,
          hint: error.code === 'EADDRINUSE' ? 'Another program uses the port: pass --port N.' : 'Check --host and --port.',
        }),
      ),
    );
    server.listen(port, host, () => resolve());
  });
}

/** Whether `work` settles within `ms` milliseconds (it goes on either way). */
async function settledWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How confirmation emails leave: the transports `send` uses (SMTP_URL, else
 * the outbox under `<dataDir>/outbox/confirmations/`), one connection, signed
 * with DKIM when it is configured.
 */
async function confirmationDelivery(config: Config, env: NodeJS.ProcessEnv): Promise<{ send: ConfirmationMailer; outbox: string | undefined; close(options?: { force?: boolean }): Promise<void> }> {
  const transport = transportFromEnv(env, { outbox: join(config.dataDir, 'outbox', 'confirmations'), root: config.root, connections: 1 });
  const dkim = await loadDkimSigner(config.dkim, env);
  const send: ConfirmationMailer = async ({ to, confirmUrl }) => {
    const message = await composeConfirmation({ config, to, confirmUrl, date: new Date() });
    const raw = dkim ? await dkim.sign(message.raw) : message.raw;
    // No `verify()` first: a send reports a relay out of reach or refusing the login as well, and a check's
    // connection would be one outside the pool, which a stop's forced close cannot cut (a relay stalled at its greeting).
    const result = await transport.send({ from: config.from.address, to, messageId: message.messageId, raw });
    // The relay's reply alone: the server's line says what was not sent. Cut off by a stop, the connection's end is not the relay's doing.
    if (!result.ok) throw new Error(cutOff ? 'the server stopped before the relay answered' : result.failure.reply);
  };
  let cutOff = false;
  const close = async (options?: { force?: boolean }) => {
    cutOff ||= options?.force === true;
    await transport.close(options);
  };
  return { send, outbox: transport instanceof OutboxTransport ? transport.dir : undefined, close };
}
