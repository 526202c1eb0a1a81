import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/load.js';
import { loadTemplates } from '../../src/render/templates.js';
import { createApp, type PaperboyServer } from '../../src/server/app.js';
import type { ServerContext } from '../../src/server/context.js';
import { openStore, type Store } from '../../src/store/database.js';
import { UnsubscribeBatch } from '../../src/subscribers/unsubscribe-batch.js';
import { makeRoot } from '../helpers/fixture.js';
import { listKeys } from '../helpers/tokens.js';

export const SECRET = 'test-secret-test-secret-test-secret-0123';

/** A small built site: a home page, an issue page, a stylesheet, a symlink out of the site. */
function writeSite(dir: string, outside: string): void {
  // A server started again on the same newsletter (a restart) finds its own links in place; a site built before (a test's `build`) is kept.
  for (const link of ['leak', 'leak.html']) rmSync(join(dir, link), { force: true });
  mkdirSync(join(dir, 'issues', '3'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><title>Home</title><h1>Home page</h1>');
  writeFileSync(join(dir, 'issues', '3', 'index.html'), '<!DOCTYPE html><title>Issue 3</title><h1>Issue three</h1>');
  writeFileSync(join(dir, 'assets', 'archive.css'), 'body { color: black; }');
  writeFileSync(join(dir, 'papers.bib'), `@misc{gödel1931formal,\n  title = {{\u00dcber formal unentscheidbare S\u00e4tze}},\n}\n`.repeat(40));
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
  symlinkSync(outside, join(dir, 'leak'));
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.html'));
}

export interface TestServer {
  base: string;
  port: number;
  config: Config;
  db: Store;
  app: PaperboyServer;
  /** Every confirmation "sent". */
  confirmations: { to: string; confirmUrl: string }[];
  logs: string[];
  clock: { now: Date };
  close(): Promise<void>;
}

/** The server on a random port over a fresh newsletter and database, its clock settable. */
export async function startServer(options: { failMail?: boolean; mailDelayMs?: number; requestTimeoutMs?: number; idleTimeoutMs?: number; root?: string; secret?: string } = {}): Promise<TestServer> {
  const root = options.root ?? makeRoot({});
  const config = await loadConfig(root);
  const outside = makeRoot({});
  writeSite(config.outDir, outside);
  const db = openStore(config.dataDir);
  const confirmations: TestServer['confirmations'] = [];
  const logs: string[] = [];
  const clock = { now: new Date('2026-11-30T10:00:00Z') };
  const templates = loadTemplates(config.templatesDir);
  const context: ServerContext = {
    config,
    db,
    keys: listKeys(db, options.secret ?? SECRET),
    templates: () => templates,
    now: () => clock.now,
    unsubscribes: new UnsubscribeBatch(db, () => clock.now),
    sendConfirmation: async (message) => {
      if (options.mailDelayMs) await new Promise((resolve) => setTimeout(resolve, options.mailDelayMs));
      if (options.failMail) throw new Error(`421 4.3.2 <${message.to}>: Recipient address rejected,\r\ntry later`);
      confirmations.push(message);
    },
  };
  const app = createApp({ context, siteDir: config.outDir, log: (line) => logs.push(line), ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}), ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}) });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    config,
    db,
    app,
    confirmations,
    logs,
    clock,
    close: () =>
      new Promise((resolve) => {
        app.server.close(() => {
          void app.settled().then(() => {
            db.close();
            resolve();
          });
        });
        app.server.closeAllConnections();
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
}

/** A request with its path exactly as given (fetch would normalize `..` away). */
export function rawRequest(port: number, method: string, path: string, body?: { type: string; data: string | Buffer }, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body ? { 'Content-Type': body.type, 'Content-Length': String(Buffer.byteLength(body.data)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A body cut short (the connection closed before Content-Length bytes) fails the request.
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
    });
    req.on('error', reject);
    req.end(body?.data);
  });
}

/** What `write` wrote to stderr, the writes held back from the test's output. */
export async function stderrOf(write: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await write();
  } finally {
    process.stderr.write = original;
  }
  return lines.join('');
}
