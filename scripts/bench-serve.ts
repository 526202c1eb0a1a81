/**
 * The server under load, on loopback: autocannon 9 for 10 s against
 *   - a static page of the archive served by `paperboy serve`, and in the
 *     same run the same files served by sirv alone (the floor: a bare
 *     static server, without paperboy's guards, per-request file checks
 *     and access log);
 *   - one-click `POST /unsubscribe`, each request a different subscriber
 *     (tokens signed with the bench's secret), then the database is read:
 *     every 2xx must be an unsubscribed row (committed, fsynced).
 * Each server runs in its own process; autocannon runs in this one. On two
 * cores the load generator competes with the server: the figures are a
 * floor for a machine where they run apart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/load.js';
import { openStore } from '../src/store/database.js';
import { sign, signingKeys } from '../src/subscribers/unsubscribe-token.js';
import { CLI, REPO, runCli, type BenchContext, type BenchRow, type BenchSuite } from './bench-harness.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const DURATION_S = 10;
/** Static pages are measured in alternating rounds (sirv, paperboy, sirv, paperboy…), the best of each kept: one round each was as much a measure of the moment as of the server. */
const STATIC_ROUNDS = 3;
const CONNECTIONS = 10;
/** More subscribers than 10 s of unsubscribes can use up. */
const SUBSCRIBERS = 150_000;

/** Starts a server process that prints its URL on stderr (`… at http://…`); resolves once it listens. */
function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /at (http:\/\/\S+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`)));
  });
}

/** sirv alone over the same folder, as its README shows it. */
const SIRV_ALONE = `
import { createServer } from 'node:http';
import sirv from 'sirv';
const serve = sirv(process.argv[1], { etag: true, extensions: ['html'], maxAge: 0 });
const server = createServer((req, res) => serve(req, res));
server.listen(0, '127.0.0.1', () => process.stderr.write('sirv at http://127.0.0.1:' + server.address().port + '/\\n'));
`;

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export const serveSuite: BenchSuite = {
  name: 'serve',
  async run(context: BenchContext): Promise<BenchRow[]> {
    const config = await loadConfig(context.root);
    if (!existsSync(join(config.outDir, 'index.html'))) {
      context.log('serve: building the archive to serve');
      const build = await runCli(['build', '--root', context.root]);
      if (build.exitCode !== 0) throw new Error(`paperboy build failed: ${build.stderr}`);
    }
    const page = 'issues/1/';

    context.log(`serve: seeding ${SUBSCRIBERS.toLocaleString('en')} subscribers`);
    const db = openStore(config.dataDir);
    const keys = signingKeys(SECRET);
    const insert = db.prepare(
      `INSERT OR IGNORE INTO subscribers (email, email_key, name, status, consent_source, consent_at, created_at, updated_at) VALUES (?, ?, '', 'active', 'bench', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    db.transaction(() => {
      for (let i = 0; i < SUBSCRIBERS; i++) insert.run(`reader${i}@example.org`, `reader${i}@example.org`);
    })();
    const ids = (db.prepare(`SELECT id FROM subscribers WHERE status = 'active' ORDER BY id`).all() as { id: number }[]).map((row) => row.id);

    const paperboy = await startProcess([CLI, 'serve', '--root', context.root, '--port', '0'], { PAPERBOY_SECRET: SECRET });
    const sirvAlone = await startProcess(['--input-type=module', '-e', SIRV_ALONE, config.outDir], {});
    try {
      context.log(`serve: ${STATIC_ROUNDS} rounds of ${DURATION_S} s of GET /${page}, sirv alone then paperboy serve`);
      let floor: autocannon.Result | undefined;
      let served: autocannon.Result | undefined;
      for (let round = 0; round < STATIC_ROUNDS; round++) {
        const alone = await load({ url: `${sirvAlone.url}${page}`, connections: CONNECTIONS, duration: DURATION_S });
        const ours = await load({ url: `${paperboy.url}${page}`, connections: CONNECTIONS, duration: DURATION_S });
        if (!floor || alone.requests.average > floor!.requests.average) floor = alone;
        if (!served || ours.requests.average > served!.requests.average) served = ours;
      }

      context.log(`serve: ${DURATION_S} s of one-click POST /unsubscribe`);
      let next = 0;
      const unsubscribes = await load({
        url: paperboy.url,
        connections: CONNECTIONS,
        duration: DURATION_S,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'List-Unsubscribe=One-Click',
            setupRequest: (request) => ({ ...request, path: `/unsubscribe?token=${sign(ids[next++ % ids.length]!, keys)}` }),
          },
        ],
      });
      const committed = (db.prepare(`SELECT count(*) AS n FROM subscribers WHERE status = 'unsubscribed'`).get() as { n: number }).n;
      const ok = unsubscribes['2xx'];
      const ratio = served!.requests.average / floor!.requests.average;
      return [
        {
          id: 'serve.static',
          figure: `static page, requests/s (${CONNECTIONS} connections, best of ${STATIC_ROUNDS} × ${DURATION_S} s)`,
          value: served!.requests.average,
          unit: 'req/s',
          detail: `${ratio.toFixed(2)} × sirv alone's ${Math.round(floor!.requests.average).toLocaleString('en')}; p99 ${served!.latency.p99} ms`,
          target: { comparison: '>=', value: Math.max(5000, 0.9 * floor!.requests.average), basis: '≥ 0.9 × sirv and ≥ 5,000' },
        },
        {
          id: 'serve.static.p99',
          figure: 'static page, p99 latency',
          value: served!.latency.p99,
          unit: 'ms',
          target: { comparison: '<', value: 20 },
        },
        {
          id: 'serve.unsubscribe',
          figure: 'one-click unsubscribe, requests/s (each committed)',
          value: unsubscribes.requests.average,
          unit: 'req/s',
          // Requests still in flight when autocannon stops are committed but not counted: at most one per connection.
          detail: `${ok.toLocaleString('en')} answered 2xx, ${committed.toLocaleString('en')} rows unsubscribed${committed >= ok && committed - ok <= CONNECTIONS ? '' : ': MISMATCH'}; p99 ${unsubscribes.latency.p99} ms`,
          target: { comparison: '>=', value: 1000 },
        },
      ];
    } finally {
      db.close();
      await Promise.all([stop(paperboy.child), stop(sirvAlone.child)]);
    }
  },
};
