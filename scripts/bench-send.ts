/**
 * Sending figures (issue 13): `paperboy send` of a sample issue to 10,000
 * and 100,000 recipients through a local smtp-server sink in its own
 * process (accept and discard), rate limit off, 10 connections, the
 * journal on; and, for comparison, nodemailer's pooled `sendMail` loop (10
 * connections) composing each of 10,000 messages itself. Targets: at least
 * 2 × the loop's messages/s; peak RSS under 250 MB and flat from 10,000 to
 * 100,000 recipients (the journal is streamed from SQLite, never loaded).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTransport } from 'nodemailer';
import { loadConfig } from '../src/config/load.js';
import { Workspace } from '../src/issue/workspace.js';
import { listHeaders, unsubscribeMailto } from '../src/mail/headers.js';
import { unsubscribeUrl } from '../src/mail/unsubscribe-url.js';
import { personalize } from '../src/render/email.js';
import { renderIssueEmail } from '../src/render/issue-email.js';
import { openStore } from '../src/store/database.js';
import { importSubscribers } from '../src/subscribers/import.js';
import { REPO, runCli, type BenchContext, type BenchRow, type BenchSuite } from './bench-harness.js';

const CONNECTIONS = 10;
const ISSUE = '5';
/**
 * The most messages the loop sends: it hands every message to the pool at
 * once, each a composed 44 KB copy, so 100,000 of them (`--recipients
 * 100000`) ran out of the 4 GB heap. Its rate does not depend on the count.
 */
const LOOP_MESSAGES_MAX = 10_000;

/** The recipient counts (`--recipients`, default 10,000 and 100,000); the loop sends the first count, at most `LOOP_MESSAGES_MAX`. */
export function sendSuite(recipientCounts: readonly number[]): BenchSuite {
  return {
    name: 'send',
    ownRoot: true,
    async run(context: BenchContext): Promise<BenchRow[]> {
      const loopMessages = Math.min(recipientCounts[0]!, LOOP_MESSAGES_MAX);
      const sink = await startSink();
      try {
        const rows: BenchRow[] = [];
        context.log(`send: pooled sendMail loop, ${loopMessages} messages`);
        const loopRate = await pooledLoop(sink.port, loopMessages);
        rows.push({ id: 'send.loop', figure: `nodemailer pooled sendMail loop (${CONNECTIONS} connections), ${loopMessages.toLocaleString('en')} messages`, value: loopRate, unit: 'msg/s' });
        const rss: number[] = [];
        for (const count of recipientCounts) {
          context.log(`send: paperboy send to ${count} recipients`);
          const { rate, maxRssMb } = await paperboySend(count, sink.port);
          rss.push(maxRssMb);
          rows.push({
            id: `send.${count}`,
            figure: `paperboy send, ${count.toLocaleString('en')} recipients, journal on, ${CONNECTIONS} connections`,
            value: rate,
            unit: 'msg/s',
            detail: `${(rate / loopRate).toFixed(2)} × the loop`,
            target: { comparison: '>=', value: 2 * loopRate, basis: '2 × the loop' },
          });
          rows.push({ id: `send.${count}.rss`, figure: `paperboy send, ${count.toLocaleString('en')} recipients: peak RSS`, value: maxRssMb, unit: 'MB', target: { comparison: '<', value: 250 } });
        }
        if (rss.length > 1) context.log(`send: peak RSS ${rss.map((mb) => `${mb.toFixed(0)} MB`).join(' → ')}`);
        return rows;
      } finally {
        sink.stop();
      }
    },
  };
}

interface Sink {
  port: number;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'smtp-sink.ts')], { cwd: REPO, stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
    lines.on('line', (line) => {
      const match = /^port (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

/** A newsletter root with the repository's sample issues and `count` active subscribers. */
async function newsletterWith(count: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'paperboy-bench-send-'));
  await cp(join(REPO, 'paperboy.config.yaml'), join(root, 'paperboy.config.yaml'));
  await cp(join(REPO, 'issues'), join(root, 'issues'), { recursive: true });
  await cp(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  const db = openStore(join(root, '.paperboy'));
  const rows = Array.from({ length: count }, (_, i) => ({ line: i + 2, email: `reader${i}@example.org`, name: `Reader ${i}`, status: undefined, times: {} }));
  importSubscribers(db, rows, 'bench');
  db.close();
  return root;
}

async function paperboySend(count: number, port: number): Promise<{ rate: number; maxRssMb: number }> {
  const root = await newsletterWith(count);
  const saved = { SMTP_URL: process.env.SMTP_URL, PAPERBOY_SECRET: process.env.PAPERBOY_SECRET };
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.PAPERBOY_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
  try {
    const run = await runCli(['send', ISSUE, '--yes', '--rate', '0', '--concurrency', String(CONNECTIONS), '--root', root]);
    if (run.exitCode !== 0) throw new Error(`paperboy send exited ${run.exitCode}: ${run.stderr.slice(0, 2000)}`);
    if (!run.stdout.includes(`sent ${count}`)) throw new Error(`paperboy send did not send ${count}: ${run.stdout}`);
    // The send phase as the command reports it: the lint and render before it are not sending.
    const rate = Number(/Sending took [\d.]+ s: \d+ recipients settled, (\d+)\/s/.exec(run.stdout)?.[1] ?? NaN);
    return { rate, maxRssMb: run.maxRssMb };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(root, { recursive: true, force: true });
  }
}

/** What a sender without paperboy's template does: `sendMail` composes every message, the pool sends them. */
async function pooledLoop(port: number, messages: number): Promise<number> {
  const config = await loadConfig(REPO);
  const workspace = await Workspace.load(config);
  const email = renderIssueEmail(workspace, await workspace.findOrAdd(ISSUE, REPO));
  const transport = createTransport({ pool: true, host: '127.0.0.1', port, secure: false, maxConnections: CONNECTIONS, maxMessages: Infinity });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: messages }, (_, i) => {
      const to = `reader${i}@example.org`;
      const url = unsubscribeUrl(config.baseUrl, `k00000000.${i}.token`);
      const copy = personalize(email.rendered, { unsubscribeUrl: url });
      return transport.sendMail({
        from: config.from,
        to,
        subject: copy.subject,
        html: copy.html,
        text: copy.text,
        headers: listHeaders(config, { url, mailto: unsubscribeMailto(config.from) }),
      });
    }),
  );
  const rate = messages / ((performance.now() - started) / 1000);
  transport.close();
  return rate;
}
