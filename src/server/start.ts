import { watch, type FSWatcher } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { composeConfirmation } from '../mail/confirmation.js';
import { loadDkimSigner } from '../mail/dkim.js';
import { OutboxTransport } from '../mail/transports/outbox.js';
import { transportFromEnv } from '../mail/transports/from-env.js';
import { currentTemplates, loadTemplates } from '../render/templates.js';
import { openStore } from '../store/database.js';
import { unsubscribeKeys } from '../subscribers/secret.js';
import { UnsubscribeBatch } from '../subscribers/unsubscribe-batch.js';
import { createApp } from './app.js';
import type { ConfirmationMailer } from './context.js';

export interface StartOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  host: string;
  /** 0 picks a free port. */
  port: number;
  dev: boolean;
  /** The access log and the dev server's build lines. */
  log: (line: string) => void;
}

export interface RunningServer {
  /** `http://127.0.0.1:8080/` plus the path of baseUrl. */
  url: string;
  /** Where confirmation emails go when SMTP_URL is unset. */
  outbox: string | undefined;
  /**
   * Graceful shutdown: stops accepting connections, lets requests in flight
   * finish (idle keep-alive connections are closed), then closes the
   * database, so no write is cut off.
   */
  stop(): Promise<void>;
}

/**
 * Opens the database, checks the secret (PAPERBOY_SECRET, or with `--dev`
 * the stored development one), builds the dev site when asked, and listens.
 * Throws SECRET_MISSING/SECRET_INVALID, STORE_UNAVAILABLE (exit 2), or
 * SERVER_LISTEN (exit 2) when the port is taken.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const db = openStore(config.dataDir);
  let delivery: Awaited<ReturnType<typeof confirmationDelivery>> | undefined;
  let dev: ReturnType<typeof import('./dev.js').devServer> | undefined;
  let rebuilt: FSWatcher | undefined;
  // Stops what was started, the dev server's event streams before the server waits for its connections.
  const stopStarted = async (server?: import('node:http').Server) => {
    await dev?.stop();
    rebuilt?.close();
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    await delivery?.close();
    db.close();
  };
  try {
    const { keys } = unsubscribeKeys(options.env, db, { allowDevelopment: options.dev });
    delivery = await confirmationDelivery(config, options.env);
    // The builder (remark, KaTeX, MiniSearch) is loaded only by the dev server.
    dev = options.dev ? (await import('./dev.js')).devServer(config, options.log) : undefined;
    const siteDir = dev?.siteDir ?? config.outDir;
    // The dev server follows template edits; a served archive keeps the templates it started with.
    const started = options.dev ? undefined : loadTemplates(config.templatesDir);
    const templates = () => started ?? currentTemplates(config.templatesDir);
    const app = createApp({
      context: { config, db, keys, templates, sendConfirmation: delivery.send, unsubscribes: new UnsubscribeBatch(db), now: () => new Date() },
      siteDir,
      dev: options.dev,
      log: options.log,
      ...(dev ? { extraRoute: dev.route } : {}),
    });
    await dev?.start(() => app.reloadSite());
    rebuilt = dev ? undefined : followRebuilds(config.outDir, () => app.reloadSite());
    await listen(app.server, options.host, options.port);
    const { port } = app.server.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    return { url: `http://${host}:${port}${new URL(config.baseUrl).pathname}`, outbox: delivery.outbox, stop: () => stopStarted(app.server) };
  } catch (error) {
    // A port in use, say: a watcher or a transport left open would keep the process from exiting.
    await stopStarted();
    throw error;
  }
}

/**
 * `paperboy build` replaces outDir whole (a rename in its parent folder),
 * or commits a rebuild's changed files through its journal `<out>.commit`
 * beside it (written, then removed once every file is in): the site is
 * mapped again after either, so the server serves the new archive without a
 * restart.
 */
function followRebuilds(outDir: string, reload: () => void): FSWatcher | undefined {
  let timer: NodeJS.Timeout | undefined;
  const names = new Set([basename(outDir), `${basename(outDir)}.commit`]);
  try {
    return watch(dirname(outDir), (_event, name) => {
      if (name === null || !names.has(name)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 100);
    });
  } catch {
    // No parent folder to watch: the site is what it was at start.
    return undefined;
  }
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

/**
 * How confirmation emails leave: the transports `send` uses (SMTP_URL, else
 * the outbox under `<dataDir>/outbox/confirmations/`), one connection, signed
 * with DKIM when it is configured.
 */
async function confirmationDelivery(config: Config, env: NodeJS.ProcessEnv): Promise<{ send: ConfirmationMailer; outbox: string | undefined; close(): Promise<void> }> {
  const transport = transportFromEnv(env, { outbox: join(config.dataDir, 'outbox', 'confirmations'), root: config.root, connections: 1 });
  const dkim = await loadDkimSigner(config.dkim, env);
  const send: ConfirmationMailer = async ({ to, confirmUrl }) => {
    const message = await composeConfirmation({ config, to, confirmUrl, date: new Date() });
    const raw = dkim ? await dkim.sign(message.raw) : message.raw;
    const ready = await transport.verify();
    const result = ready.ok ? await transport.send({ from: config.from.address, to, messageId: message.messageId, raw }) : ready;
    if (!result.ok) throw new Error(`the confirmation email was not sent: ${result.failure.reply}`);
  };
  return { send, outbox: transport instanceof OutboxTransport ? transport.dir : undefined, close: () => transport.close() };
}
