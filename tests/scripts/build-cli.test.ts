import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { siteDigest } from '../archive/site-check.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';
import { REPO_ROOT } from '../helpers/render.js';

// scripts/build-cli.mjs bundles the CLI and its workers into lib/bundle/
// (`npm test` runs it first): the real CLI must run from there, children too.

/** Runs the real CLI with a loader hook in every process it starts, and returns each module URL loaded, by process id. */
function modulesLoadedByCli(argv: string[], cwd: string): { code: number; stdout: string; stderr: string; loaded: { pid: string; url: string }[] } {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-bundle-'));
  const log = join(folder, 'loaded.txt');
  writeFileSync(log, '');
  const hooks = join(folder, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, process.pid + ' ' + url + '\\n'); return next(url, context); }\n`);
  const register = join(folder, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  // NODE_OPTIONS reaches the worker processes too (their own execArgv aside).
  const result = spawnCli(argv, { cwd, env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}` } });
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ pid: line.slice(0, line.indexOf(' ')), url: line.slice(line.indexOf(' ') + 1) }));
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, loaded };
}

const own = (url: string) => url.startsWith(pathToFileURL(join(REPO_ROOT, 'lib')).href);
const markdownStack = /\/node_modules\/(unified|remark-[a-z-]+|micromark[a-z-]*|mdast-util-[a-z-]+|yaml|handlebars)\//;

test('the CLI runs from its bundle: `paperboy render` loads no module of lib/ or of the Markdown stack from its own file', () => {
  const { code, stderr, loaded } = modulesLoadedByCli(['render', '3', '--format', 'text'], REPO_ROOT);
  assert.equal(code, 0, stderr);
  const urls = loaded.map(({ url }) => url);
  assert.ok(urls.some((url) => url.endsWith('/lib/bundle/main.js')));
  assert.deepEqual(
    urls.filter((url) => (own(url) && !url.includes('/lib/bundle/')) || markdownStack.test(url)),
    [],
  );
});

test('the bundled build and lint start their workers from the bundle, and give what they give from source', { skip: availableParallelism() < 2 && 'one core: no worker is started' }, async () => {
  const root = makeRoot({});
  await writeCorpus(root, { issues: 30 });
  const workers = { build: '/lib/bundle/render-worker.js', lint: '/lib/bundle/worker.js' };
  for (const [command, worker] of Object.entries(workers)) {
    // The lint without its cache, which the build before it filled (the build lints what it publishes).
    const { code, stdout, stderr, loaded } = modulesLoadedByCli(command === 'lint' ? ['lint', '--format', 'json', '--no-cache'] : ['build'], root);
    assert.equal(code, 0, `${command}: ${stderr}`);
    assert.ok(new Set(loaded.map(({ pid }) => pid)).size >= 2, `${command} started no worker`);
    assert.ok(loaded.some(({ url }) => url.endsWith(worker)), `${command}: no process loaded ${worker}`);
    assert.deepEqual(loaded.filter(({ url }) => own(url) && !url.includes('/lib/bundle/')), []);
    if (command === 'lint') assert.equal(stdout, (await runCli(['lint', '--format', 'json'], { cwd: root })).stdout);
  }
  const fromSource = await runCli(['build', '--no-cache', '--out', 'from-source'], { cwd: root });
  assert.equal(fromSource.code, 0, fromSource.stderr);
  const files = (folder: string) => Object.entries(siteDigest(join(root, folder))).filter(([path]) => path !== '.paperboy-site');
  assert.deepEqual(files('dist'), files('from-source'));
});

test('a copy of paperboy never built (no lib/bundle/, or part of it) says to run npm ci, exit 2, no stack trace', () => {
  const copy = join(mkdtempSync(join(tmpdir(), 'paperboy unbuilt-')), 'paperboy');
  mkdirSync(copy);
  cpSync(join(REPO_ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(copy, 'package.json'));
  const run = () => spawnSync(process.execPath, [join(copy, 'bin', 'paperboy.js'), '--help'], { encoding: 'utf8' });
  for (const state of ['no lib/bundle/', 'a chunk missing']) {
    if (state === 'a chunk missing') {
      mkdirSync(join(copy, 'lib', 'bundle'), { recursive: true });
      writeFileSync(join(copy, 'lib', 'bundle', 'main.js'), "export { main } from './chunk-GONE.js';\n");
    }
    const { status, stderr } = run();
    assert.equal(status, 2, state);
    assert.match(stderr, /lib\/bundle\/ is missing or incomplete: this copy of paperboy was not built\.\n {2}Run `npm ci` \(or `npm run build:tool`\) in .*paperboy unbuilt-/, state);
    assert.doesNotMatch(stderr, /\n\s+at /, state);
  }
});

test('a chunk of the bundle that a command loads later is missing: the command says to run npm ci, exit 2, no stack trace', () => {
  const copy = join(mkdtempSync(join(tmpdir(), 'paperboy partly built-')), 'paperboy');
  mkdirSync(copy);
  for (const part of ['bin', 'lib/bundle', 'templates', 'package.json']) cpSync(join(REPO_ROOT, part), join(copy, part), { recursive: true });
  const lintChunk = readdirSync(join(copy, 'lib', 'bundle')).find((name) => /^lint-[A-Z0-9]+\.js$/.test(name));
  assert.ok(lintChunk, 'the bundle has a lint chunk');
  rmSync(join(copy, 'lib', 'bundle', lintChunk));
  const root = makeRoot({ 'issues/0001-a.md': '---\nnumber: 1\n---\n' });
  const { status, stderr } = spawnSync(process.execPath, [join(copy, 'bin', 'paperboy.js'), 'lint', '--root', root], { encoding: 'utf8' });
  assert.equal(status, 2, stderr);
  assert.match(stderr, /lint-[A-Z0-9]+\.js.*: this copy of paperboy was not built completely\.\n {2}Run `npm ci` \(or `npm run build:tool`\) in .*paperboy partly built-/);
  assert.doesNotMatch(stderr, /\n\s+at /);
});
