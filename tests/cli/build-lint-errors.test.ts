import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, configWith, makeRoot } from '../helpers/fixture.js';

/** A placeholder left in the body: a `no-placeholder` error at line 21 (cleanIssue's body line). */
const WITH_PLACEHOLDER = cleanIssue({ status: 'ready', body: 'Welcome to the first issue. TODO: say more.' });
const PLACEHOLDER_ROW = /^issues\/0001-a\.md:21:29 +error +Unexpected placeholder `TODO`, expected finished text +no-placeholder$/m;

test('build: an issue with a lint error is published all the same, the error listed as lint lists it, and the build exits 1', async () => {
  const root = makeRoot({ 'issues/0001-a.md': WITH_PLACEHOLDER });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, PLACEHOLDER_ROW);
  assert.match(result.stderr, /^paperboy: published 1 issue with that error: fix it \(`paperboy lint` lists every problem; `send` refuses an issue with errors\)\. The site is written; the build exits 1, so that a deploy after it stops\.$/m);
  assert.match(result.stdout, /^Built dist: 1 issue/);
  assert.match(readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8'), /TODO: say more/);
});

test('build: a site up to date says its issues\' lint errors again and exits 1 again, without linting', async () => {
  const root = makeRoot({ 'issues/0001-a.md': WITH_PLACEHOLDER });
  assert.equal((await runCli(['build'], { cwd: root })).code, 1);
  const lintCache = join(root, '.paperboy', 'cache', 'lint.json');
  assert.ok(existsSync(lintCache), 'the build lints through the lint cache');
  rmSync(lintCache);
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.stdout, 'dist is up to date: no issue, template or setting changed since it was built.\n');
  assert.equal(again.code, 1);
  assert.match(again.stderr, PLACEHOLDER_ROW);
  assert.ok(!existsSync(lintCache), 'nothing was linted');
});

test('build: an issue whose error is fixed builds with exit 0 and nothing said', async () => {
  const root = makeRoot({ 'issues/0001-a.md': WITH_PLACEHOLDER });
  assert.equal((await runCli(['build'], { cwd: root })).code, 1);
  writeFileSync(join(root, 'issues', '0001-a.md'), WITH_PLACEHOLDER.replace(' TODO: say more.', ''));
  const fixed = await runCli(['build'], { cwd: root });
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(fixed.stderr, '');
});

test('build --allow-lint-errors: the errors are listed, and the build exits 0', async () => {
  const root = makeRoot({ 'issues/0001-a.md': WITH_PLACEHOLDER });
  const result = await runCli(['build', '--allow-lint-errors'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, PLACEHOLDER_ROW);
  assert.doesNotMatch(result.stderr, /exits 1/);
});

test('build: a lint warning (an opinion missing) is not said and fails nothing', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'ready' }).replace(/ {4}opinion: \|\n.*\n/, '') });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
});

test('build: a draft\'s lint errors fail nothing, with --drafts too: a draft is not deployed', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'draft', body: 'TODO: write the intro.' }) });
  for (const args of [['build'], ['build', '--drafts', '--out', 'preview']]) {
    const result = await runCli(args, { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', args.join(' '));
  }
});

test('build: a sent issue\'s advice (its section since taken out of the config\'s `sections`) fails nothing', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'sent' }) }, configWith('sections: [Governance]'));
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
});

test('build: a sent issue\'s `paper:` link to nothing fails the build, said once, in the words saying what was published', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'sent', body: 'See [the lost paper](paper:2401.00001).' }) });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr.match(/xref-unknown/g)?.length, 1, result.stderr);
  assert.match(result.stderr, /^issues\/0001-a\.md:21:5 +error +.*; the link is left out, its text shown +xref-unknown$/m);
});

test('build: a sent issue a first build finds (no record of what builds accepted) is taken as sent, not linted: its placeholder is left to `paperboy lint`, which names it', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'sent', body: 'Welcome. TODO: say more.' }), 'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-26', status: 'ready' }) });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  const linted = await runCli(['lint'], { cwd: root });
  assert.equal(linted.code, 1);
  assert.match(linted.stdout, /^issues\/0001-a\.md:\d+:\d+ +error +Unexpected placeholder `TODO`/m);
});
