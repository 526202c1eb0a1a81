import assert from 'node:assert/strict';
import { existsSync, mkdirSync, renameSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { rootFlag } from '../../src/cli/root.js';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

/** A newsletter at `<parent>/my-digest`, and the parent, where the user runs paperboy with `--root my-digest`. */
function digestBeside(files: Record<string, string>): { parent: string; root: string } {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-parent-'));
  const root = join(parent, 'my-digest');
  renameSync(makeRoot(files), root);
  return { parent, root };
}

test('the command a message suggests works where the user is: an issue file\'s path finds its newsletter (the nearest folder above with paperboy.config.yaml)', async () => {
  const { parent } = digestBeside({ 'issues/0001-first.md': cleanIssue({ body: 'TODO' }) });
  const start = await runCli(['start', '--root', 'my-digest'], { cwd: parent });
  const suggested = /run `paperboy (lint my-digest\/issues\/0001-first\.md)`/.exec(start.stderr)?.[1];
  assert.ok(suggested, start.stderr);
  const lint = await runCli(suggested.split(' '), { cwd: parent });
  assert.equal(lint.code, 1, lint.stderr);
  assert.match(lint.stdout, /^my-digest\/issues\/0001-first\.md:\d+:\d+ +error +Unexpected placeholder `TODO`/m);
  const render = await runCli(['render', 'my-digest/issues/0001-first.md', '--format', 'text'], { cwd: parent });
  assert.equal(render.code, 1, 'rendered, with its lint errors said');
  assert.match(render.stdout, /Are Emergent Abilities/);
  const preview = await runCli(['preview', 'my-digest/issues/0001-first.md', '--no-pager'], { cwd: parent });
  assert.match(preview.stdout, /Are Emergent Abilities/);
});

test('a misspelt issue file\'s path from outside the newsletter finds the newsletter all the same: the command says the file is not there, not that the folder it ran in has no config', async () => {
  const { parent } = digestBeside({ 'issues/0001-first.md': cleanIssue() });
  const lint = await runCli(['lint', 'my-digest/issues/0001-frist.md'], { cwd: parent });
  assert.equal(lint.code, 2);
  assert.match(lint.stderr, /^paperboy: Cannot find `my-digest\/issues\/0001-frist\.md`/);
  for (const command of ['render', 'preview', 'send']) {
    const result = await runCli([command, 'my-digest/issues/0001-frist.md'], { cwd: parent });
    assert.equal(result.code, 2, command);
    assert.match(result.stderr, /^paperboy: Cannot read issue my-digest\/issues\/0001-frist\.md: .*no such file/, command);
  }
});

test('a command named by number (or none) without a newsletter here still says there is no config: no folder is guessed', async () => {
  const { parent } = digestBeside({ 'issues/0001-first.md': cleanIssue() });
  for (const argv of [['render', '1'], ['lint'], ['preview', '--no-pager']]) {
    const result = await runCli(argv, { cwd: parent });
    assert.equal(result.code, 2, argv.join(' '));
    assert.match(result.stderr, /There is no paperboy\.config\.yaml in /);
  }
});

test('a suggested command without an issue\'s path carries --root when the newsletter is not the folder the user is in', async () => {
  const { parent } = digestBeside({});
  mkdirSync(join(parent, 'my-digest', 'issues'), { recursive: true });
  const start = await runCli(['start', '--root', 'my-digest'], { cwd: parent });
  assert.match(start.stdout, /No issue to render yet: `paperboy new --root my-digest` scaffolds one\./);
  const here = await runCli(['start'], { cwd: join(parent, 'my-digest') });
  assert.match(here.stdout, /No issue to render yet: `paperboy new` scaffolds one\./);
  const preview = await runCli(['preview', '--root', 'my-digest'], { cwd: parent });
  assert.equal(preview.code, 2);
  assert.match(preview.stderr, /Create one with `paperboy new --root my-digest --title "…"`/);
  const previewHere = await runCli(['preview'], { cwd: join(parent, 'my-digest') });
  assert.match(previewHere.stderr, /Create one with `paperboy new --title "…"`/);
  // A bounced reader added again: the command that makes them active.
  await runCli(['subscribers', 'add', "o'brien@example.org", '--root', 'my-digest'], { cwd: parent });
  const db = openStore(join(parent, 'my-digest', '.paperboy'));
  const store = new SubscriberStore(db);
  store.markBounced(store.find("o'brien@example.org")!.id);
  db.close();
  const added = await runCli(['subscribers', 'add', "o'brien@example.org", '--root', 'my-digest'], { cwd: parent });
  assert.match(added.stderr, /`paperboy subscribers reactivate 'o'\\''brien@example\.org' --root my-digest`/);
  // A path lint cannot use: the command that lints every issue.
  for (const argv of [['lint', '--root', 'my-digest', 'my-digest/issues/0009-none.md'], ['lint', 'my-digest/issues']]) {
    const lint = await runCli(argv, { cwd: parent });
    assert.equal(lint.code, 2, lint.stderr);
    assert.match(lint.stderr, /[Rr]un `paperboy lint --root my-digest` without paths/, argv.join(' '));
  }
  const lintHere = await runCli(['lint', 'issues/0009-none.md'], { cwd: join(parent, 'my-digest') });
  assert.match(lintHere.stderr, /run `paperboy lint` without paths/);
});

test('rootFlag: nothing for the folder the user is in; a folder with spaces or quotes quoted for the shell', () => {
  assert.equal(rootFlag('/home/ed', '/home/ed'), '');
  assert.equal(rootFlag('/home/ed', '/home/ed/my-digest'), ' --root my-digest');
  assert.equal(rootFlag('/home/ed/notes', '/home/ed/my digest'), " --root '../my digest'");
  assert.equal(rootFlag('/home/ed', "/home/ed/ed's digest"), " --root 'ed'\\''s digest'");
});

test('a command run in a folder inside the newsletter (its issues/) works on the newsletter above, as git finds its repository: by number, with no argument, and for every command', async () => {
  const { root } = digestBeside({ 'issues/0001-first.md': cleanIssue() });
  const issues = join(root, 'issues');
  const lint = await runCli(['lint'], { cwd: issues });
  assert.equal(lint.code, 0, lint.stderr);
  const render = await runCli(['render', '1', '--format', 'text'], { cwd: issues });
  assert.equal(render.code, 0, render.stderr);
  assert.match(render.stdout, /Are Emergent Abilities/);
  const count = await runCli(['subscribers', 'count'], { cwd: issues });
  assert.equal(count.code, 0, count.stderr);
  const built = await runCli(['build'], { cwd: issues });
  assert.equal(built.code, 0, built.stderr);
  assert.ok(existsSync(join(root, 'dist', 'issues', '1', 'index.html')), 'built in the newsletter, not in issues/');
  assert.ok(!existsSync(join(issues, 'dist')));
});
