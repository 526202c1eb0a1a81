import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { journalStates, newsletter, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

const CONFIG = `name: Test Newsletter
baseUrl: https://news.example.org/
from: "Test Newsletter <news@example.org>"
postalAddress: 1 Example Street, Example City
templatesDir: templates
`;

const builtin = (name: string) => readFileSync(join(BUILTIN_TEMPLATES_DIR, `${name}.hbs`), 'utf8');

/** The place (`line:column`, from 1) of the first `needle` in `source`. */
function placeOf(source: string, needle: string): string {
  const before = source.slice(0, source.indexOf(needle)).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/** A built-in template with `from` (written once in it) replaced by `to`: the override file's text. */
function overridden(name: string, from: string, to: string): string {
  const source = builtin(name);
  assert.ok(source.includes(from), `${name} has ${from}`);
  return source.replace(from, to);
}

/** The commands that must refuse before anything reaches a reader, run in `root`: each exits 2 with `message`, printing no garbage. */
async function assertRefused(root: string, message: RegExp, commands: string[][] = [['render', '1'], ['render', '1', '--format', 'text'], ['send', '1', '--dry-run'], ['lint']]): Promise<void> {
  for (const command of commands) {
    const result = await runCli(command, { cwd: root });
    assert.equal(result.code, 2, `${command.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, command.join(' '));
    assert.doesNotMatch(result.stderr, /\n\s+at /, `${command.join(' ')}: no stack trace`);
    assert.doesNotMatch(result.stdout, /\[object Object\]/, command.join(' '));
  }
}

test('templates: a rich text printed whole (`{{opinion}}`) in an HTML email override is an error at its place, with `{{{opinion.html}}}` to write; render, send and lint refuse it', async () => {
  const source = overridden('partials/paper.html', '{{{opinion.html}}}', '{{opinion}}');
  const root = makeRoot({ 'templates/partials/paper.html.hbs': source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
  const at = placeOf(source, '{{opinion}}');
  await assertRefused(root, new RegExp(`partials/paper\\.html\\.hbs:${at}: Unexpected \`\\{\\{opinion\\}\\}\`: \`opinion\` is a rich text \\(\`html\`, \`text\`\\), which prints as "\\[object Object\\]", expected \`\\{\\{\\{opinion\\.html\\}\\}\\}\``));
});

test('templates: a rich text printed whole in a plaintext email override (`{{{summary}}}`, `{{summary}}`) is an error at its place, with `{{summary.text}}` to write', async () => {
  for (const written of ['{{{summary}}}', '{{summary}}']) {
    const source = overridden('partials/paper.txt', '{{summary.text}}', written);
    const root = makeRoot({ 'templates/partials/paper.txt.hbs': source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
    const at = placeOf(source, written);
    await assertRefused(root, new RegExp(`partials/paper\\.txt\\.hbs:${at}: Unexpected \`${written.replace(/[{}]/g, '\\$&')}\`: \`summary\` is a rich text .*, expected \`\\{\\{summary\\.text\\}\\}\` \\(its plaintext\\)`));
  }
});

test('templates: a list printed as a value (`{{authors}}`, `{{papers}}`) is an error at its place, with the loop to write', async () => {
  for (const [name, from, written, list] of [
    ['partials/paper.html', '{{{summary.html}}}', '{{authors}}', 'authors'],
    ['email.txt', '{{> header.txt}}', '{{papers}}{{> header.txt}}', 'papers'],
  ] as const) {
    const source = overridden(name, from, written);
    const root = makeRoot({ [`templates/${name}.hbs`]: source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
    await assertRefused(
      root,
      new RegExp(`${name.replace('.', '\\.')}\\.hbs:${placeOf(source, `{{${list}}}`)}: Unexpected \`\\{\\{${list}\\}\\}\`: \`${list}\` is a list, which prints as its items run together with commas, expected \`\\{\\{#each ${list}\\}\\}…\\{\\{/each\\}\\}\``),
    );
  }
});

test('templates: a group of fields printed as a value (`{{newsletter}}`, `{{{issue}}}` in plaintext) is an error naming its fields', async () => {
  for (const [name, written] of [
    ['email.html', '{{newsletter}}'],
    ['email.txt', '{{{issue}}}'],
  ] as const) {
    const source = `${written}\n${builtin(name)}`;
    const field = written.replace(/[{}]/g, '');
    const root = makeRoot({ [`templates/${name}.hbs`]: source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
    await assertRefused(root, new RegExp(`${name.replace('.', '\\.')}\\.hbs:1:1: Unexpected \`${written.replace(/[{}]/g, '\\$&')}\`: \`${field}\` is a group of fields \\(\`[a-z]+\`(, \`[A-Za-z]+\`)+(, …)?\\), which prints as "\\[object Object\\]", expected one of its fields, as \`\\{\\{${field}\\.[a-z]+\\}\\}\``));
  }
});

test('templates: an optional field printed outside its `{{#if}}` is an error for an issue without it, not nothing after "Edited by"', async () => {
  const source = `<p>Edited by {{issue.editor}}</p>\n${builtin('email.html')}`;
  const root = makeRoot({ 'templates/email.html.hbs': source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
  await assertRefused(root, /email\.html\.hbs:1:14: Unexpected `\{\{issue\.editor\}\}`: `issue\.editor` has no value here, which prints nothing, expected it inside `\{\{#if issue\.editor\}\}…\{\{\/if\}\}`/, [
    ['render', '1'],
    ['send', '1', '--dry-run'],
  ]);
  const withEditor = makeRoot({ 'templates/email.html.hbs': source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }).replace('status: ready', 'status: ready\neditor: Ada Lovelace') }, CONFIG);
  const result = await runCli(['render', '1'], { cwd: withEditor });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Edited by Ada Lovelace/);
});

test("templates: a helper's result that cannot print (`{{lookup this \"opinion\"}}`) is an error at its place, said as the helper's result", async () => {
  const written = '{{lookup this "opinion"}}';
  const source = overridden('partials/paper.html', '{{{opinion.html}}}', written);
  const root = makeRoot({ 'templates/partials/paper.html.hbs': source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
  await assertRefused(root, new RegExp(`partials/paper\\.html\\.hbs:${placeOf(source, written)}: Unexpected \`\\{\\{lookup this "opinion"\\}\\}\`: what it returns is a rich text`), [['render', '1']]);
});

test("templates: a web page override printing a rich text whole stops the build at its place, in the build's render workers too", async () => {
  const source = overridden('web/paper.html', '{{{summary.html}}}', '{{summary}}');
  const at = placeOf(source, '{{summary}}');
  // Enough issues for a pool of render workers (workers/process-pool.ts `worthAPool`) on a machine with more than one core.
  const count = availableParallelism() > 1 ? 30 : 1;
  const issues = Object.fromEntries(Array.from({ length: count }, (_, i) => [`issues/${String(i + 1).padStart(4, '0')}-x.md`, cleanIssue({ number: i + 1, title: `Issue ${i + 1}` })]));
  for (const [templates, message] of [
    [{ 'templates/web/paper.html.hbs': source }, new RegExp(`web/paper\\.html\\.hbs:${at}: Unexpected \`\\{\\{summary\\}\\}\`: \`summary\` is a rich text .*, expected \`\\{\\{\\{summary\\.html\\}\\}\\}\``)],
    [{ 'templates/partials/paper.html.hbs': overridden('partials/paper.html', '{{{opinion.html}}}', '{{opinion}}') }, /partials\/paper\.html\.hbs:\d+:\d+: Unexpected `\{\{opinion\}\}`/],
  ] as const) {
    const root = makeRoot({ ...templates, ...issues }, CONFIG);
    const result = spawnCli(['build'], { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('templates: a rich text in triple braces (`{{{summary}}}`) in an HTML override is an error where the templates load, with `{{{summary.html}}}` to write, not double braces', async () => {
  for (const name of ['partials/paper.html', 'web/paper.html'] as const) {
    const source = overridden(name, '{{{summary.html}}}', '{{{summary}}}');
    const root = makeRoot({ [`templates/${name}.hbs`]: source, 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG);
    await assertRefused(
      root,
      new RegExp(`${name.replace('.', '\\.')}\\.hbs:${placeOf(source, '{{{summary}}}')}: Unexpected \`\\{\\{\\{summary\\}\\}\\}\`: \`summary\` is a rich text, which prints as "\\[object Object\\]", expected \`\\{\\{\\{summary\\.html\\}\\}\\}\` \\(its HTML, already sanitized\\)`),
      [['render', '1'], ['send', '1', '--dry-run'], ['build']],
    );
  }
});

test('send: a template printing an optional field without a value for this issue refuses the send before any message goes out, over real SMTP', async () => {
  const server = await startSmtpServer();
  try {
    const root = await newsletter(3, { extraConfig: 'templatesDir: templates\n' });
    mkdirSync(join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'templates/email.txt.hbs'), `Edited by {{issue.editor}}\n${builtin('email.txt')}`);
    const result = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /email\.txt\.hbs:1:11: Unexpected `\{\{issue\.editor\}\}`: `issue\.editor` has no value here/);
    assert.equal(server.received.length, 0, 'no message sent');
    assert.equal(journalStates(root).size, 0, 'no delivery journaled');
  } finally {
    await server.close();
  }
});
