import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig, type Config } from '../../src/config/load.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { cleanIssue, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { rawRequest, SECRET, stderrOf, type RawResponse } from './helpers.js';
import { startSmtpServer, type Faults } from '../helpers/smtp-server.js';
import { openStore } from '../../src/store/database.js';

/** An issue with one paper by `author`, so its author's page is built with it and removed without it. */
function issueBy(number: number, author: string, summary = 'A short summary of the paper.'): string {
  const arxiv = `2304.1500${number}`;
  return cleanIssue({
    number,
    title: `Issue ${number}`,
    papers: `  - title: Paper ${number}
    url: https://arxiv.org/abs/${arxiv}
    arxiv: "${arxiv}"
    authors: [${author}]
    year: 2023
    section: Evaluations
    tags: [evals]
    summary: |
      ${summary}
    opinion: |
      A short opinion on the paper.
`,
  });
}

const build = (config: Config) => buildSite(config, { outDir: config.outDir, drafts: false, cache: true });

/** `paperboy serve` in this process (src/server/start.ts, rebuilds followed as in production) over the newsletter at `root`, with `env` (SMTP_URL). */
async function serveArchive(root: string, env: NodeJS.ProcessEnv = {}): Promise<{ server: RunningServer; port: number; warnings: string[] }> {
  const warnings: string[] = [];
  const config = await loadConfig(root);
  const server = await startServer({ config, env: { PAPERBOY_SECRET: SECRET, ...env }, host: '127.0.0.1', port: 0, dev: false, log: () => undefined, warn: (line) => warnings.push(line) });
  return { server, port: Number(new URL(server.url).port), warnings };
}

/** Asks until `done` holds for the answer to GET `path`, for up to 5 s; returns the last answer. */
async function waitFor(port: number, path: string, done: (answer: RawResponse) => boolean): Promise<RawResponse> {
  let answer = await rawRequest(port, 'GET', path);
  for (let tries = 0; tries < 50 && !done(answer); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await rawRequest(port, 'GET', path);
  }
  return answer;
}

/** Whether an answer carries as many bytes as its Content-Length says (none cut short, none left waiting). */
const isWhole = (answer: RawResponse) => answer.bytes.length === Number(answer.headers['content-length']);

/**
 * Another process rebuilding as an editor would: `cycles` times, issue 3
 * taken out of issues/ (or put back), then `buildSite`. Its commit runs
 * while the server maps the site. Prints `built` after each build.
 */
const REBUILDER = `
const { loadConfig } = await import(process.argv[1]);
const { buildSite } = await import(process.argv[2]);
const { renameSync } = await import('node:fs');
const [root, cycles] = [process.argv[3], Number(process.argv[4])];
for (let i = 0; i < cycles; i++) {
  const [from, to] = i % 2 === 0 ? ['issues', 'aside'] : ['aside', 'issues'];
  renameSync(root + '/' + from + '/0003-c.md', root + '/' + to + '/0003-c.md');
  const config = await loadConfig(root);
  await buildSite(config, { outDir: config.outDir, drafts: false, cache: true });
  process.stdout.write('built\\n');
}
`;

test('serve during rebuilds that remove and add pages: every request is answered whole, the server stays up, and the finished site is served', { timeout: 120_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': issueBy(1, 'Rylan Schaeffer'), 'issues/0002-b.md': issueBy(2, 'Brando Miranda'), 'issues/0003-c.md': issueBy(3, 'Ada Lovelace') });
  mkdirSync(join(root, 'aside'));
  const config = await loadConfig(root);
  await build(config);
  assert.ok(existsSync(join(config.outDir, 'authors', 'ada-lovelace', 'index.html')), 'issue 3 has its author’s page');
  const { server, port, warnings } = await serveArchive(root);
  try {
    const source = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));
    const rebuilder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', REBUILDER, source('config/load.ts'), source('archive/build.ts'), root, '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise<number | null>((resolve) => rebuilder.on('exit', resolve));
    let running = true;
    void exit.then(() => (running = false));
    const paths = ['/', '/issues/3/', '/authors/ada-lovelace/', '/papers.csv', '/issues/1/'];
    let rounds = 0;
    while (running) {
      const answers = await Promise.all(paths.map((path) => rawRequest(port, 'GET', path)));
      for (const [i, answer] of answers.entries()) {
        // Issue 3 and its author's page come and go; the others are in every build, so never a 404 (not even while a build swaps the site folder in).
        const comesAndGoes = paths[i] === '/issues/3/' || paths[i] === '/authors/ada-lovelace/';
        assert.ok(answer.status === 200 || (comesAndGoes && answer.status === 404), `${paths[i]} answered ${answer.status}`);
        assert.ok(isWhole(answer), `${answer.bytes.length} bytes of ${String(answer.headers['content-length'])}`);
      }
      rounds += 1;
    }
    assert.equal(await exit, 0);
    assert.ok(rounds > 10, `requests went on during the rebuilds (${rounds} rounds)`);
    // Four rebuilds: issue 3 out, in, out, in. The site served is the one on disk, its pages all there.
    const home = await waitFor(port, '/', (answer) => answer.body === readFileSync(join(config.outDir, 'index.html'), 'utf8'));
    assert.equal(home.body, readFileSync(join(config.outDir, 'index.html'), 'utf8'));
    // The home page of the last build equals the second's: the server may still be mapping the third (without issue 3).
    for (const path of ['/issues/3/', '/authors/ada-lovelace/']) assert.equal((await waitFor(port, path, (answer) => answer.status === 200)).status, 200, path);
    assert.deepEqual(warnings, []);
  } finally {
    await server.stop();
  }
});

test('serve: a rebuilt site that cannot be mapped yet is said, the previous site served meanwhile, and mapped at a later try', { timeout: 30_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': issueBy(1, 'Rylan Schaeffer') });
  const config = await loadConfig(root);
  await build(config);
  const { server, port, warnings } = await serveArchive(root);
  try {
    // A 404.html that is a folder cannot be read: mapping the site fails until it goes.
    mkdirSync(join(config.outDir, '404.html'));
    writeFileSync(join(config.outDir, 'new.html'), '<!DOCTYPE html><title>New</title>');
    // What a rebuild's commit does beside the site: its journal written, then removed once the files are in.
    writeFileSync(`${config.outDir}.commit`, '{}');
    rmSync(`${config.outDir}.commit`);
    await waitFor(port, '/', () => warnings.length > 0);
    assert.match(warnings[0] ?? '', /^cannot map the rebuilt site in .*dist \(EISDIR.*\): still serving the previous one's pages \(those removed since answer 404\), trying again in 0\.2 s$/);
    assert.match((await rawRequest(port, 'GET', '/')).body, /Issue 1/);
    assert.equal((await rawRequest(port, 'GET', '/new.html')).status, 404, 'not mapped yet');
    rmdirSync(join(config.outDir, '404.html'));
    assert.equal((await waitFor(port, '/new.html', (answer) => answer.status === 200)).status, 200);
    assert.match(warnings.at(-1) ?? '', /the rebuilt site in .*dist is served now/);
  } finally {
    await server.stop();
  }
});

/** A newsletter of one issue whose outDir `site` is a symbolic link to `target` (under the newsletter, in `www/`), built. */
async function builtBehindLink(target: string) {
  const root = makeRoot({ 'issues/0001-a.md': issueBy(1, 'Rylan Schaeffer') }, `${CONFIG_YAML}outDir: site\n`);
  mkdirSync(join(root, 'www'));
  symlinkSync(target, join(root, 'site'));
  const config = await loadConfig(root);
  await build(config);
  return { root, config };
}

test('serve with outDir a symbolic link follows rebuilds where it points: a new issue is served, and a page made longer arrives whole at once', { timeout: 60_000 }, async () => {
  const { root, config } = await builtBehindLink(join('www', 'public'));
  const { server, port } = await serveArchive(root);
  try {
    assert.match((await rawRequest(port, 'GET', '/issues/1/')).body, /A short summary/);
    writeFileSync(join(root, 'issues', '0001-a.md'), issueBy(1, 'Rylan Schaeffer', `A summary made longer. ${'More of it. '.repeat(200)}`));
    writeFileSync(join(root, 'issues', '0002-b.md'), issueBy(2, 'Brando Miranda'));
    await build(config);
    const built = readFileSync(join(root, 'www', 'public', 'issues', '1', 'index.html'));
    // Asked before the server can have mapped the new site: the page as it is now, not cut at its old length.
    const page = await rawRequest(port, 'GET', '/issues/1/');
    assert.ok(isWhole(page));
    assert.deepEqual(page.bytes, built);
    assert.equal((await waitFor(port, '/issues/2/', (answer) => answer.status === 200)).status, 200, 'the new issue is served');
    assert.match((await rawRequest(port, 'GET', '/')).body, /Issue 2/);
  } finally {
    await server.stop();
  }
});

test('serve with outDir a symbolic link pointed at another site serves that site, and follows rebuilds there', { timeout: 60_000 }, async () => {
  const { root, config } = await builtBehindLink(join('www', 'one'));
  const { server, port, warnings } = await serveArchive(root);
  try {
    // A deploy switching releases: a copy of the site with one page more, the link replaced by a rename (`ln -sfn` unlinks, then links).
    cpSync(join(root, 'www', 'one'), join(root, 'www', 'two'), { recursive: true });
    writeFileSync(join(root, 'www', 'two', 'release.html'), '<!DOCTYPE html><title>Two</title>');
    symlinkSync('www/two', join(root, 'site.new'));
    renameSync(join(root, 'site.new'), join(root, 'site'));
    assert.equal((await waitFor(port, '/release.html', (answer) => answer.status === 200)).status, 200, 'the new target is mapped');
    // A rebuild now writes where the link points, and is followed there.
    writeFileSync(join(root, 'issues', '0002-b.md'), issueBy(2, 'Brando Miranda'));
    await build(config);
    assert.ok(existsSync(join(root, 'www', 'two', 'issues', '2', 'index.html')));
    assert.equal((await waitFor(port, '/issues/2/', (answer) => answer.status === 200)).status, 200, 'the rebuild of the new target is served');
    assert.deepEqual(warnings, []);
  } finally {
    await server.stop();
  }
});

test('serve stops within its grace period while a client is stalled mid-request, the database closed', { timeout: 20_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': issueBy(1, 'Ada Lovelace') });
  await build(await loadConfig(root));
  const { server, port } = await serveArchive(root);
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  // Headers and part of a body that never comes.
  socket.write('POST /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\nemail=ada');
  socket.on('error', () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  await server.stop(300);
  assert.ok(Date.now() - started < 5_000, `stopped after ${Date.now() - started} ms`);
  socket.destroy();
});

for (const [stall, faults] of [
  ['at DATA', { data: () => 'never-answer' }],
  ['before its greeting', { connectNever: true }],
] as [string, Faults][]) {
test(`serve stops within its grace period while the relay stalls a confirmation email ${stall}: the email is cut off, said on stderr without the address, and withdrawn`, { timeout: 30_000 }, async () => {
  const relay = await startSmtpServer(faults);
  const root = makeRoot({ 'issues/0001-a.md': issueBy(1, 'Ada Lovelace') });
  const config = await loadConfig(root);
  await build(config);
  const { server, port } = await serveArchive(root, { SMTP_URL: relay.url });
  try {
    const answer = await rawRequest(port, 'POST', '/subscribe', { type: 'application/x-www-form-urlencoded', data: 'email=ada%40example.org' });
    assert.equal(answer.status, 202);
    // The relay has the connection (and at DATA the message) and never answers.
    for (let tries = 0; tries < 100 && relay.connections() === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(relay.connections(), 1, 'the confirmation reached the relay');
    if (stall === 'at DATA') for (let tries = 0; tries < 100 && relay.concurrency.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    let stoppedAfter = 0;
    const said = await stderrOf(async () => {
      const started = Date.now();
      await server.stop(300);
      stoppedAfter = Date.now() - started;
    });
    assert.ok(stoppedAfter < 5_000, `stopped after ${stoppedAfter} ms (the relay's socket timeout is 60 s)`);
    assert.equal(said, "paperboy: a confirmation email was not sent (the server stopped before the relay answered); the reader's next request to subscribe sends it again\n");
    assert.ok(!said.includes('ada@'), 'no address in the log');
    const store = openStore(config.dataDir);
    try {
      assert.equal((store.prepare('SELECT count(*) AS n FROM confirmations').get() as { n: number }).n, 0, 'withdrawn');
    } finally {
      store.close();
    }
  } finally {
    await relay.close();
  }
});
}
