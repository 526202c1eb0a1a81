import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/load.js';
import type { TemplateSet } from '../render/templates.js';
import type { Store } from '../store/database.js';
import type { UnsubscribeBatch } from '../subscribers/unsubscribe-batch.js';
import type { SigningKey } from '../subscribers/unsubscribe-token.js';
import { messagePage, type MessagePage } from './pages.js';
import { phrasebook, type Phrasebook } from '../config/words.js';

/** Sends one confirmation email (double opt-in); rejects when the transport could not take it. */
export type ConfirmationMailer = (message: { to: string; name: string; confirmUrl: string }) => Promise<void>;

/** What every endpoint of the server reads: settings, the database, the keys, the templates. */
export interface ServerContext {
  config: Config;
  db: Store;
  /** PAPERBOY_SECRET's keys (or the stored development key with --dev). */
  keys: readonly SigningKey[];
  templates: () => TemplateSet;
  sendConfirmation: ConfirmationMailer;
  /** Every unsubscribe of the server goes through one batch (group commit). */
  unsubscribes: UnsubscribeBatch;
  now: () => Date;
  /** Serving with `--dev`: a confirmation asked for at any IP address of the machine links back to it (link-base.ts). */
  dev?: boolean;
}

/** One request as the routes see it: the path under the site root and the query string. */
export interface Route {
  req: IncomingMessage;
  res: ServerResponse;
  /** `?token=…`, or empty. */
  query: string;
}

/** The HTML of a server page (`endpoint`: its one path segment, `unsubscribe`). */
export function pageHtml(context: ServerContext, endpoint: string, page: MessagePage): string {
  return messagePage(context.templates(), context.config, endpoint, page);
}

/**
 * A server page in the config's `words:` (English where it translates
 * none): `make` says its words through the phrasebook it is given, and the
 * page is marked English (`MessagePage.english`) when one of them is.
 */
export function pageInWords(context: ServerContext, make: (words: Phrasebook) => MessagePage): MessagePage {
  const words = phrasebook(context.config.words, context.config.language);
  const page = make(words);
  return { ...page, english: words.saidInEnglish() };
}

/** Answers with a server page, never cached (each answers one person's request), no cookies. */
export function sendPage(context: ServerContext, res: ServerResponse, status: number, endpoint: string, page: MessagePage, headers: Record<string, string> = {}): void {
  const html = pageHtml(context, endpoint, page);
  res
    .writeHead(status, {
      'Content-Type': 'text/html;charset=utf-8',
      'Content-Length': String(Buffer.byteLength(html)),
      'Cache-Control': 'no-store',
      // The page runs no script and loads only the archive's stylesheet.
      'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    })
    .end(html);
}

/**
 * Whether the client wants JSON (a script's fetch) rather than a page (a
 * form): it sent JSON or accepts it. Media types are case-insensitive
 * (RFC 9110 §8.3.1): `APPLICATION/JSON` is JSON, as `readFields` reads it.
 */
export function wantsJson(req: IncomingMessage): boolean {
  return [req.headers['content-type'], req.headers.accept].some((header) => (header ?? '').toLowerCase().includes('application/json'));
}

/** Answers a script (the subscription form's fetch, a test) with JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(json)), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers }).end(json);
}
