import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import type { PaperboyError } from '../../src/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { Workspace } from '../../src/issue/workspace.js';
import { watchPreview } from '../../src/preview/watch.js';
import { loadTemplates } from '../../src/render/templates.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { newsletter, send } from '../helpers/send.js';
import { exited, serve } from '../helpers/serve.js';
import { shownPath } from '../../src/path-within.js';

const UNCLOSED = '<p>\n{{#if issue.editor}}\nunclosed\n';
const SAID = /unused\.html\.hbs:2:1: Unexpected end of the template inside the block `\{\{#if\}\}` opened here, expected `\{\{\/if\}\}` to close it/;
const WARNED = /templates\/partials\/unused\.html\.hbs:2:1 {2}warning {2}Unexpected end of the template inside the block `\{\{#if\}\}` opened here, expected `\{\{\/if\}\}` to close it \(no template includes this file, so nothing renders it: an error once one does\)\n/;

test('unread templates: a partial no template includes, with a syntax error, is a warning at its file, line and column; render, build, preview and send go on', async () => {
  const files = { 'templates/partials/unused.html.hbs': UNCLOSED, 'issues/0001-a.md': cleanIssue({ status: 'draft' }) };
  const templates = loadTemplates(join(makeRoot(files), 'templates'));
  assert.deepEqual(
    templates.unread.map(({ line, column }) => `${line}:${column}`),
    ['2:1'],
  );
  assert.ok(templates.files.has('partials/unused.html'));
  for (const command of [['render', '1'], ['build'], ['preview', '1']]) {
    const result = await runCli(command, { cwd: makeRoot(files) });
    assert.equal(result.code, 0, `${command.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, WARNED, command.join(' '));
  }
  const root = await newsletter(2);
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(root, 'templates', 'partials', 'unused.html.hbs'), UNCLOSED);
  const sent = await send(root, { dryRun: true });
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stderr, WARNED);
  // lint says it too, and passes: the issue is fine.
  const linted = await runCli(['lint', '--no-cache'], { cwd: makeRoot(files) });
  assert.equal(linted.code, 0, linted.stderr);
  assert.match(linted.stderr, WARNED);
});

test('unread templates: every command that loads the templates says the warning alike, the file relative to the working directory as lint writes paths: lint, build (up to date too), serve, serve --dev and preview --watch', { timeout: 120_000 }, async () => {
  const root = makeRoot({ 'templates/partials/unused.html.hbs': UNCLOSED, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) });
  // From the folder above, with --root: every command writes `<folder>/templates/…`, as lint writes `<folder>/issues/…`.
  const here = { cwd: dirname(root) };
  const said = new RegExp(`^${basename(root)}${WARNED.source.replace(/^templates/, '/templates')}`, 'm');
  for (const argv of [['lint', '--no-cache'], ['lint'], ['render', '1'], ['preview', '1'], ['build'], ['build']]) {
    const result = await runCli([...argv, '--root', basename(root)], here);
    assert.equal(result.code, 0, `${argv.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, said, argv.join(' '));
    assert.equal(result.stderr.match(/unused\.html\.hbs/g)?.length, 1, `${argv.join(' ')}: once`);
  }
  for (const args of [[], ['--dev']]) {
    const server = await serve(root, args);
    const deadline = Date.now() + 30_000;
    while (!/unused\.html\.hbs/.test(server.stderr()) && Date.now() < deadline) await sleep(50);
    server.child.kill('SIGTERM');
    await exited(server.child);
    // The server's working directory is the test's: the path as every command shows it from there (absolute, from outside the newsletter).
    assert.ok(server.stderr().includes(`${shownPath(join(root, 'templates', 'partials', 'unused.html.hbs'), process.cwd())}:2:1  warning  Unexpected end of the template`), `serve ${args.join(' ')}: ${server.stderr()}`);
  }
  // Wrapped to the screen's width, as the lint diagnostics under it are.
  assert.match(await watchedScreen(root), /templates\/partials\/unused\.html\.hbs:2:1\s+warning\s+Unexpected end of the template inside the block/);
});

/** What `preview --watch` of issue 1 in `root` draws, in-process, up to its first lint (then quit with `q`). */
async function watchedScreen(root: string): Promise<string> {
  const workspace = await Workspace.loadCached(await loadConfig(root));
  const written: string[] = [];
  const keyboard = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => {}, resume: () => {}, pause: () => {} });
  const stdout = { write: (chunk: string) => written.push(chunk), isTTY: true, columns: 200, rows: 40, on: () => {}, off: () => {} };
  const io = { stdout, stderr: { write: () => true }, stdin: keyboard, cwd: root, env: {} };
  const done = watchPreview({ workspace, path: join(root, 'issues', '0001-a.md'), display: () => ({ width: 200, color: false, hyperlinks: false }) }, io);
  const deadline = Date.now() + 30_000;
  while (!/linted at/.test(written.join('')) && Date.now() < deadline) await sleep(50);
  keyboard.emit('data', 'q');
  assert.equal(await done, 0);
  return written.join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('unread templates: the same partial, once a template includes it (even in a branch no issue takes, or through another partial), is an error at its file, line and column', async () => {
  const cases: Record<string, string>[] = [
    { 'templates/partials/header.html.hbs': '<h1>{{issue.title}}</h1>{{#if issue.editor}}{{> unused.html}}{{/if}}' },
    { 'templates/partials/header.html.hbs': '<h1>{{issue.title}}</h1>{{> note.html}}', 'templates/partials/note.html.hbs': '{{> unused.html}}' },
    // A partial named when it runs may be any of them.
    { 'templates/partials/header.html.hbs': '<h1>{{issue.title}}</h1>{{> (lookup issue "editor")}}' },
  ];
  for (const extra of cases) {
    const files = { 'templates/partials/unused.html.hbs': UNCLOSED, ...extra };
    assert.throws(
      () => loadTemplates(join(makeRoot(files), 'templates')),
      (error: PaperboyError) => error.code === 'TEMPLATE_ERROR' && SAID.test(error.message),
    );
    const result = await runCli(['render', '1'], { cwd: makeRoot({ ...files, 'issues/0001-a.md': cleanIssue() }) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, SAID);
  }
  // A template rendered as it is (a built-in's name) is read however broken.
  assert.throws(() => loadTemplates(join(makeRoot({ 'templates/web/index.html.hbs': UNCLOSED }), 'templates')), /web\/index\.html\.hbs:2:1: Unexpected end of the template/);
});

test('unread templates: a partial no template includes that includes a missing partial, or partials in a loop, is a warning too', () => {
  const root = makeRoot({
    'templates/partials/draft.html.hbs': '<p>\n  {{> nowhere.html}}\n',
    'templates/partials/a.html.hbs': '{{> b.html}}',
    'templates/partials/b.html.hbs': '{{> a.html}}',
  });
  const reasons = loadTemplates(join(root, 'templates')).unread.map(({ file, line, column, reason }) => `${file.slice(root.length)}:${line}:${column}: ${reason}`);
  assert.equal(reasons.length, 2);
  assert.match(reasons.join('\n'), /\/templates\/partials\/draft\.html\.hbs:2:3: Unexpected partial `nowhere\.html`/);
  assert.match(reasons.join('\n'), /\/templates\/partials\/[ab]\.html\.hbs:1:1: Unexpected `\{\{> [ab]\.html\}\}`, a partial loop without end/);
});

