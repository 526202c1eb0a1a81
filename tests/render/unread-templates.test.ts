import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PaperboyError } from '../../src/errors.js';
import { loadTemplates } from '../../src/render/templates.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { newsletter, send } from '../helpers/send.js';

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
  // lint (its email-size rule renders) says nothing of it: the issue is fine.
  assert.equal((await runCli(['lint', '--no-cache'], { cwd: makeRoot(files) })).code, 0);
});

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

