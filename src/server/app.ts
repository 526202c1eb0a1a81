import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connectionLimit } from './connection-limit.js';
import { pageHtml, pageInWords, sendJson, sendPage, wantsJson, type Route, type ServerContext } from './context.js';
import { RateLimiter } from './rate-limit.js';
import { HourlyNotice } from './hourly-notice.js';
import { sitePath } from './pages.js';
import { bodyRefusedByHeaders, HttpError, repeatedHeader, RequestAborted, saying } from './request-body.js';
import { phrasebook } from '../config/words.js';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';
import { isUnsafePath, redirectToFolder, sendNotFound, staticSite, type SiteHandler } from './static-site.js';
import { sentLinks as readSentLinks, type SentLinks } from '../send/link-bases.js';
import { storeProblem } from '../store/store-problem.js';
import { movedEndpointPaths } from './sent-links.js';
import { outsideBaseNotice } from './outside-base.js';
import { Subscriptions } from '../subscribers/subscription.js';
import { confirmRoute, SUBSCRIBE_LIMIT, subscribeRoute } from './subscription-routes.js';
import { unsubscribeRoute } from './unsubscribe-route.js';

/** A route of the dev server (`/preview/…`, the live-reload stream) before the site; returns false to pass. */
export type ExtraRoute = (route: Route & { path: string }) => boolean | Promise<boolean>;

export interface AppOptions {
  context: ServerContext;
  /** The built archive (outDir). */
  siteDir: string;
  /** One JSON line per request (`access-log`). */
  log: (line: string) => void;
  extraRoute?: ExtraRoute;
  /** What the site's not-found page becomes (the dev server adds its live-reload script); as it is by default. */
  notFoundFilter?: (page: string) => string;
  /** How long a request may take to arrive whole, headers and body, in ms (`REQUEST_TIMEOUT_MS` by default). */
  requestTimeoutMs?: number;
  /** How long a connection may pass with no byte going either way, in ms (`IDLE_SOCKET_MS` by default). */
  idleTimeoutMs?: number;
  /** Where the links of mail already sent lead (send/link-bases.ts); read from the database when not given. */
  sentLinks?: SentLinks;
  /** The baseUrls of confirmation links that may still be followed (Subscriptions.linkBases); read from the database when not given. */
  confirmationBases?: readonly string[];
}

/**
 * A request (headers and a body of at most 16 KB) must have arrived whole
 * within 30 s, else it is answered 408 and its connection closed. Node's
 * own default is 300 s for the body: an audit's 500 connections sending a
 * byte every 5 s were all still held after 100 s, and 20,000 of them held
 * 12,000 file descriptors. 30 s is ten times what a phone on a poor
 * network needs for a form.
 */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A connection on which no byte has gone either way for 60 s is closed
 * (`server.timeout`; nginx's `send_timeout` is the same 60 s). The request
 * deadline above covers a request arriving; this covers an answer leaving:
 * a client that asked for a large file and read none of it held its
 * connection and the open file for ever (an audit's 20 such clients held
 * 40 descriptors for as long as they liked, and enough of them fill the
 * connection limit). A slow reader that reads now and then keeps its
 * download; an idle keep-alive connection is closed after 5 s anyway
 * (Node's `keepAliveTimeout`). The dev server's reload stream, idle
 * between saves, is exempt (dev.ts).
 */
const IDLE_SOCKET_MS = 60_000;

export interface PaperboyServer {
  server: Server;
  /**
   * Maps the site again (after a build replaced it). Throws what mapping it
   * throws (a folder that cannot be read), the previous map still served.
   */
  reloadSite(): void;
  /** Says that the server is stopping: a request its stop cuts short is then said to be cut by the stop, not by its client. */
  stopping(): void;
  /** Settles when the work the server does after answering (confirmation emails being sent) is done: what a stop waits for before closing the mail transport and the database. */
  settled(): Promise<void>;
}

/**
 * The one long-running process: the archive, and the endpoints a list
 * needs (subscribe with double opt-in, confirm, one-click unsubscribe), all
 * under the path of `baseUrl` (`https://example.org/news/` → `/news/…`).
 * The unsubscribe and confirm endpoints are also answered where the links
 * of mail sent under an earlier baseUrl arrive (`movedEndpointPaths`),
 * unless the site has a page there now. An endpoint's failure is its answer (4xx/5xx
 * with a page or JSON), never a crash of the process.
 */
export function createApp(options: AppOptions): PaperboyServer {
  const { context } = options;
  const base = sitePath(context.config);
  const moved = movedEndpointPaths(
    options.sentLinks ?? readSentLinks(context.db, context.config.baseUrl),
    options.confirmationBases ?? new Subscriptions(context.db, context.now).linkBases(),
    context.config,
  );
  /** The endpoint whose links of an earlier baseUrl arrive at `raw`, unless the site has a page there. */
  const movedEndpoint = (raw: string) => {
    const endpoint = moved.get(raw);
    return endpoint === undefined || (raw.startsWith(base) && site.serves(decodeURIComponent(`/${raw.slice(base.length)}`))) ? undefined : endpoint;
  };
  const notFoundPage = () => notFound(context);
  const siteOptions = { notFoundPage, ...(options.notFoundFilter ? { filter: options.notFoundFilter } : {}) };
  let site: SiteHandler = staticSite(options.siteDir, siteOptions);
  const guards = { limiter: new RateLimiter(SUBSCRIBE_LIMIT.requests, SUBSCRIBE_LIMIT.windowMs), notice: new HourlyNotice(context.now) };
  // Work begun after an answer; each task handles its own failure.
  const pending = new Set<Promise<void>>();
  const background = (task: Promise<void>) => {
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  let stopping = false;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const twoHosts = repeatedHeader(req, 'host');
    if (twoHosts) throw twoHosts;
    // `OPTIONS *` asks what the server as a whole allows (RFC 9110 §9.3.7).
    if (req.method === 'OPTIONS' && req.url === '*') {
      res.writeHead(204, { Allow: 'GET, HEAD, POST, OPTIONS' }).end();
      return;
    }
    const url = originForm(req.url ?? '/');
    const queryAt = url.indexOf('?');
    const raw = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = queryAt === -1 ? '' : url.slice(queryAt);
    // The site's own path without its slash (`/news`): its home page's relative links need the slash, as a folder's do.
    if (raw === base.slice(0, -1) && (req.method === 'GET' || req.method === 'HEAD')) return redirectToFolder(res, raw, query);
    const earlier = movedEndpoint(raw);
    if (earlier === 'unsubscribe') return unsubscribeRoute(context, { req, res, query });
    if (earlier === 'confirm') return confirmRoute(context, { req, res, query });
    if (raw === '/favicon.ico' && (req.method === 'GET' || req.method === 'HEAD') && !(base === '/' && site.serves(raw))) return noIcon(res);
    if (!raw.startsWith(base) || isUnsafePath(raw)) {
      const outside = isUnsafePath(raw) ? undefined : outsideBaseNotice(req.method ?? 'GET', raw, base, (path) => site.serves(path));
      if (outside !== undefined) guards.notice.say('outside-base', outside);
      return sendNotFound(res, notFoundPage());
    }
    const rawUnder = `/${raw.slice(base.length)}`;
    const path = decodeURIComponent(rawUnder);
    const route: Route = { req, res, query };
    if (options.extraRoute && (await options.extraRoute({ ...route, path }))) return;
    switch (path) {
      case '/unsubscribe':
        return unsubscribeRoute(context, route);
      case '/subscribe':
        return subscribeRoute(context, route, guards, background);
      case '/confirm':
        return confirmRoute(context, route);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    return site(req, res, { raw: rawUnder, decoded: path, query });
  };

  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Node checks the deadlines every `connectionsCheckingInterval` (30 s by default): often enough to keep this one.
  const server = createServer({ requestTimeout, connectionsCheckingInterval: Math.min(requestTimeout / 4, 30_000) }, (req, res) => {
    const started = process.hrtime.bigint();
    // The connection as it was: a response that closes it (413) detaches it from req by 'finish'.
    const { socket } = req;
    const written = socket.bytesWritten;
    // As asked (the static handler rewrites req.url), without the query, where tokens travel.
    const path = originForm(req.url ?? '').split('?')[0]!;
    res.on('finish', () => options.log(accessLine(req.method, path, res.statusCode, started, socket.bytesWritten - written)));
    closeWhenBodyUnread(req, res);
    handle(req, res).catch((error: unknown) => answerError(context, req, res, error, stopping));
  });
  server.timeout = options.idleTimeoutMs ?? IDLE_SOCKET_MS;
  const maxConnections = connectionLimit();
  if (maxConnections !== undefined) server.maxConnections = maxConnections;
  // Node sends `100 Continue` to every `Expect: 100-continue` unless asked: a body the headers say is too large is refused instead (readFields).
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (bodyRefusedByHeaders(req) === undefined) res.writeContinue();
    server.emit('request', req, res);
  });
  return {
    server,
    reloadSite: () => {
      site = staticSite(options.siteDir, siteOptions);
    },
    stopping: () => {
      stopping = true;
    },
    settled: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

/**
 * Makes an answer given before the request's body came whole (a 413 by its
 * Content-Length, a 429, a 405 of a POST, a confirmation's POST, whose body
 * nobody reads) close the connection after it (`Connection: close`).
 * Otherwise Node reads the rest of the body to keep the connection for
 * another request, as much as the client declared: an audit's client, told
 * 429 at once, had 972 MB read from it in 16 s on one connection. A request
 * without a body (a page) keeps its connection.
 */
function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const writeHead = res.writeHead;
  // Every answer writes its head here (`end` without one too); `complete` says the whole body was read.
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!req.complete) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/**
 * The answer to `/favicon.ico` when the site has no file there: 204, no
 * icon, kept a day. A browser asks a host for it for a page that links no
 * icon: the archive's `issues/N/email.html`, which is the email as `render`
 * prints it (an email carries no icon link: mail clients ignore one), and
 * each view of it logged a 404. The archive's pages link `assets/icon.svg`.
 */
function noIcon(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' }).end();
}

/**
 * A request target in origin form (`/news/?q=1`): the absolute form
 * (`http://host/news/?q=1`), which RFC 9112 §3.2.2 says a server must
 * accept though only proxies are sent it, becomes its path and query; any
 * other target is as it came.
 */
function originForm(target: string): string {
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (!absolute) return target;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * One access-log line, JSON: time, method, path without its query (tokens
 * travel there; cut as `loggedPath` says), status, duration in ms, bytes
 * written to the connection (headers included). No client address, no
 * email address, no token (RELIABILITY: logs hold no personal data).
 */
function accessLine(method: string | undefined, path: string, status: number, started: bigint, bytes: number): string {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return JSON.stringify({ time: new Date().toISOString(), method, path: loggedPath(path), status, ms: Math.round(ms * 100) / 100, bytes });
}

/**
 * The most of a path a log line shows, in characters (Node gives the
 * request line's bytes one character each): far beyond any page of the
 * site, far short of what a request line may carry, so that one request (a
 * scanner's, a mistake's) stays one readable line.
 */
const MAX_LOGGED_PATH = 2000;

/** `path` as the access log shows it: past MAX_LOGGED_PATH, its start, `…`, and its full length in characters. */
function loggedPath(path: string): string {
  return path.length <= MAX_LOGGED_PATH ? path : `${path.slice(0, MAX_LOGGED_PATH)}… (${path.length} characters)`;
}

/**
 * Answers a request its handler threw on: an HttpError as its status and
 * message (its technical detail, when it has one, said on stderr),
 * anything else as a 500, said on stderr (each line of its stack
 * starting `paperboy: `, as every stderr line of the server does). A
 * request its client closed (RequestAborted) has nobody to answer: one
 * line on stderr, no stack, the connection closed.
 */
function answerError(context: ServerContext, req: IncomingMessage, res: ServerResponse, thrown: unknown, stopping: boolean): void {
  const error = storeUnavailable(thrown) ?? thrown;
  const where = `${req.method} ${loggedPath((req.url ?? '').split('?')[0]!)}`;
  if (error instanceof RequestAborted) {
    const why = stopping ? 'the server stopped before its request was read whole; nothing was changed' : error.message;
    process.stderr.write(`paperboy: ${where}: ${why}\n`);
    res.destroy();
    return;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const known = error instanceof HttpError;
  const status = known ? error.status : 500;
  const said = known ? error.saying : saying('serverFailed');
  if (!known) process.stderr.write(`${`${where}: ${String((error as Error)?.stack ?? error)}`.replace(/^/gm, 'paperboy: ')}\n`);
  // The detail may quote a header (its Content-Type, read as latin1): a C1 CSI in it must not reach the terminal as a command.
  else if (error.detail !== undefined) process.stderr.write(`paperboy: ${where}: refused (${status}): ${replaceControlCharacters(error.detail)}\n`);
  const headers = known ? error.headers : {};
  // In the config's `words:` (public-messages.ts); the page marked English when a word of it is.
  const message = said(phrasebook(context.config.words, context.config.language));
  if (wantsJson(req)) return sendJson(res, status, { error: message }, headers);
  try {
    sendPage(context, res, status, 'error', pageInWords(context, (words) => ({ heading: words.say(status >= 500 ? 'somethingWentWrong' : 'thatDidNotWork'), paragraphs: [said(words)], home: true })), headers);
  } catch (pageError) {
    // The page itself cannot be rendered: its message in plain text. Thrown from here, it ended the process.
    process.stderr.write(`${`${where}: the error page failed too: ${String((pageError as Error)?.stack ?? pageError)}`.replace(/^/gm, 'paperboy: ')}\n`);
    res.writeHead(status, { 'Content-Type': 'text/plain;charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(`${message}\n`);
  }
}

/** Seconds a reader's browser (or a mail client's one-click POST) is asked to wait after the database could not be written. */
const STORE_RETRY_AFTER_S = 5;

/**
 * The database locked past the server's busy timeout (server/start.ts
 * SERVER_BUSY_TIMEOUT_MS: a send, an SQLite browser), read-only or its disk
 * full, as a 503 with Retry-After, nothing changed, its cause on stderr;
 * undefined for any other error. Not a 500: the server is well, the
 * request may be tried again.
 */
function storeUnavailable(error: unknown): HttpError | undefined {
  const problem = storeProblem(error);
  if (problem === undefined) return undefined;
  return new HttpError(503, saying('subscribersBusy'), {
    headers: { 'Retry-After': String(STORE_RETRY_AFTER_S) },
    detail: `${problem.message}. ${problem.hint}`,
  });
}

function notFound(context: ServerContext): string {
  return pageHtml(context, '404', pageInWords(context, (words) => ({ heading: words.say('pageNotFound'), paragraphs: [words.say('nothingHere')], home: true })));
}
