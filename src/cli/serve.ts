import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { CommandIO } from '../io.js';
import { startServer } from '../server/start.js';
import { newsletterRoot, rootFlag } from './root.js';
import { checkRuleSettings } from '../lint/settings.js';
import { sayUnreadTemplates } from './unread-templates.js';
import { shownPath } from '../path-within.js';

/**
 * Access-log lines written once per turn of the event loop, not one write
 * per request: under load, a write per line is a system call per request.
 */
function bufferedLog(io: CommandIO): (line: string) => void {
  let pending = '';
  return (line) => {
    if (pending === '') setImmediate(() => {
      io.stdout.write(pending);
      pending = '';
    });
    pending += `${line}\n`;
  };
}

export interface ServeCommandOptions {
  root: string;
  port: number;
  host: string;
  dev: boolean;
}

/**
 * `paperboy serve`: the archive and the subscription endpoints until
 * SIGTERM or Ctrl-C, then a graceful shutdown (exit 0). The access log is
 * one JSON line per request on stdout.
 */
export async function run(options: ServeCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  await checkRuleSettings(config);
  const server = await startServer({
    config,
    env: io.env,
    host: options.host,
    port: options.port,
    dev: options.dev,
    log: bufferedLog(io),
    warn: (line) => io.stderr.write(`paperboy: ${line}\n`),
    unreadTemplates: (problems) => sayUnreadTemplates(problems, io),
  });
  const site = options.dev ? 'the dev site (drafts included, rebuilt on every save)' : shownPath(config.outDir, io.cwd);
  io.stderr.write(`paperboy: serving ${site} at ${server.url}\n`);
  // Not an error: the endpoints work, and a build while the server runs is served at once.
  if (!options.dev && !existsSync(join(config.outDir, 'index.html'))) {
    io.stderr.write(`paperboy: ${site} has no site yet (no index.html): pages answer 404 until \`paperboy build${rootFlag(io.cwd, config.root)}\` writes it\n`);
  }
  if (server.outbox) io.stderr.write(`paperboy: SMTP_URL is not set: confirmation emails go to ${shownPath(server.outbox, io.cwd)}\n`);
  if (options.dev) io.stderr.write(`paperboy: the issues' emails are at ${server.url}preview/ (issue N's at ${server.url}preview/N)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      done();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  io.stderr.write('paperboy: stopping: requests in flight finish, then the database closes\n');
  await server.stop();
  return 0;
}
