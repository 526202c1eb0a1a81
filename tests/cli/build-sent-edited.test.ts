import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { editIssue, issueFile } from '../archive/corpus-files.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';

/** Issue 1, sent, its body line (21) as given. */
const sent = (body: string) => cleanIssue({ status: 'sent', body });
/** A placeholder at 21:29 of cleanIssue's layout: a `no-placeholder` error. */
const WITH_PLACEHOLDER = 'Welcome to the first issue. TODO: say more.';
const placeholderRow = (file: string) => new RegExp(`^issues/${file.replace('.', '\\.')}:21:29 +error +Unexpected placeholder \`TODO\`, expected finished text +no-placeholder$`, 'm');
const SUMMARY = /^paperboy: published 1 issue with that error: fix it .*The site is written; the build exits 1, so that a deploy after it stops\.$/m;
const SECOND = cleanIssue({ number: 2, date: '2023-06-26', title: 'Second', status: 'sent', body: 'Welcome to the second issue.' });

const edit = (root: string, file: string, from: string, to: string) => {
  const path = join(root, 'issues', file);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${file} has ${from}`);
  writeFileSync(path, text.replace(from, to));
};

test('build: a sent issue edited since the build last accepted it is linted, and a new error fails the build at its file:line:column, every build until it is fixed', async () => {
  const root = makeRoot({ 'issues/0001-a.md': sent('Welcome to the first issue.') });
  const first = await runCli(['build'], { cwd: root });
  assert.equal(first.code, 0, first.stderr);
  edit(root, '0001-a.md', 'first issue.', 'first issue. TODO: say more.');
  const edited = await runCli(['build'], { cwd: root });
  assert.equal(edited.code, 1, edited.stderr);
  assert.match(edited.stderr, placeholderRow('0001-a.md'));
  assert.match(edited.stderr, SUMMARY);
  assert.match(readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8'), /TODO: say more/, 'published all the same');
  const upToDate = await runCli(['build'], { cwd: root });
  assert.equal(upToDate.code, 1, 'a site up to date says it again');
  assert.match(upToDate.stderr, placeholderRow('0001-a.md'));
  // Another file changed: the sent issue, not accepted with its error, is linted again.
  writeFileSync(join(root, 'issues', '0002-b.md'), SECOND);
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 1, again.stderr);
  assert.match(again.stderr, placeholderRow('0001-a.md'));
  edit(root, '0001-a.md', ' TODO: say more.', '');
  const fixed = await runCli(['build'], { cwd: root });
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(fixed.stderr, '');
});

test('build: a sent issue untouched since a build accepted it is not linted, its error left to `paperboy lint`, until an edit of that file', async () => {
  // Sent before builds kept their record (or in a fresh clone): taken as sent, error and all, as the build found it.
  const root = makeRoot({ 'issues/0001-a.md': sent(WITH_PLACEHOLDER), 'issues/0002-b.md': SECOND });
  const first = await runCli(['build'], { cwd: root });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stderr, '');
  assert.ok(!existsSync(join(root, '.paperboy', 'cache', 'lint.json')), 'a cold build lints no sent issue: the linter never ran');
  // Another sent issue edited: that one is linted (clean), the untouched one's error is not said.
  edit(root, '0002-b.md', 'second issue.', 'second issue, with a typo fixed.');
  const other = await runCli(['build'], { cwd: root });
  assert.equal(other.code, 0, other.stderr);
  assert.equal(other.stderr, '');
  assert.ok(existsSync(join(root, '.paperboy', 'cache', 'lint.json')), 'the edited sent issue was linted');
  const linted = await runCli(['lint'], { cwd: root });
  assert.equal(linted.code, 1);
  assert.match(linted.stdout, /^issues\/0001-a\.md:21:29 +error +Unexpected placeholder `TODO`/m);
  // Its own edit, elsewhere in the file: now linted, and its error said.
  edit(root, '0001-a.md', 'title: Emergence mirages', 'title: Emergence mirages, revisited');
  const edited = await runCli(['build'], { cwd: root });
  assert.equal(edited.code, 1, edited.stderr);
  assert.match(edited.stderr, placeholderRow('0001-a.md'));
  assert.equal(edited.stderr.match(/no-placeholder/g)?.length, 1, edited.stderr);
});

test('build: an issue sent after the build last ran (a record without it) is linted once, though no build saw it sent', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'ready' }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  // `send` set `status: sent`, then the editor added a placeholder, before any build.
  writeFileSync(join(root, 'issues', '0001-a.md'), sent(WITH_PLACEHOLDER));
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, placeholderRow('0001-a.md'));
});

test('build: a sent issue renumbered (`formerly`, a new file name) is linted as the edit it is', async () => {
  const root = makeRoot({ 'issues/0001-a.md': sent(WITH_PLACEHOLDER) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0, 'taken as sent');
  renameSync(join(root, 'issues', '0001-a.md'), join(root, 'issues', '0002-a.md'));
  edit(root, '0002-a.md', 'number: 1\n', 'number: 2\nformerly: [1]\n');
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 1, result.stderr);
  // One line more above the body: the placeholder is at line 22 now.
  assert.match(result.stderr, /^issues\/0002-a\.md:22:29 +error +Unexpected placeholder `TODO`, expected finished text +no-placeholder$/m);
});

test('build --allow-lint-errors: an edited sent issue\'s error is listed, exit 0, and not accepted: the next build says it again', async () => {
  const root = makeRoot({ 'issues/0001-a.md': sent('Welcome to the first issue.') });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  edit(root, '0001-a.md', 'first issue.', 'first issue. TODO: say more.');
  const allowed = await runCli(['build', '--allow-lint-errors'], { cwd: root });
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stderr, placeholderRow('0001-a.md'));
  writeFileSync(join(root, 'issues', '0002-b.md'), SECOND);
  const next = await runCli(['build'], { cwd: root });
  assert.equal(next.code, 1, next.stderr);
  assert.match(next.stderr, placeholderRow('0001-a.md'));
});

test('build --no-cache: an edited sent issue\'s error fails it as it fails a build with its caches, and the record of what builds accepted is left as it was', async () => {
  const root = makeRoot({ 'issues/0001-a.md': sent('Welcome to the first issue.') });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const record = join(root, '.paperboy', 'cache', 'sent-linted.json');
  const before = readFileSync(record);
  edit(root, '0001-a.md', 'first issue.', 'first issue, as it was sent.');
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(readFileSync(record), before, '--no-cache writes nothing under cache/');
  edit(root, '0001-a.md', 'as it was sent.', 'as it was sent. TODO: say more.');
  const failed = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(failed.code, 1, failed.stderr);
  assert.match(failed.stderr, /^issues\/0001-a\.md:21:\d+ +error +Unexpected placeholder `TODO`, expected finished text +no-placeholder$/m);
});

test('build: a sent issue edited with a cold lint cache is linted alone, the rules across issues reading the other issues\' facts the build read, its errors those `paperboy lint FILE` gives', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-build-corpus-facts-'));
  await writeCorpus(root, { issues: 12 });
  // Warnings by default: as errors, the build lists them (a build fails on errors only).
  appendFileSync(join(root, 'paperboy.config.yaml'), 'lint: { rules: { tag-spelling: error, date-order: error, issue-formerly: error } }\n');
  const first = await runCli(['build'], { cwd: root });
  assert.equal(first.code, 0, first.stderr);
  // Issue 8 says it was issue 3 (`formerly`), which another issue is, links a paper nobody covered, misspells a tag of other issues, is dated a year 15.
  editIssue(root, 8, /^number: 8$/m, 'number: 8\nformerly: [3]');
  editIssue(root, 8, /^ {4}summary: \|\n/m, '    summary: |\n      As [the unknown one](paper:9999.99999) said.\n');
  editIssue(root, 8, /^ {4}tags: \[[^\]]+\]/m, '    tags: [sycophncy]');
  editIssue(root, 8, /^date: \d{4}/m, 'date: 0015');
  const file = relative(root, issueFile(root, 8)!);
  const built = await runCli(['build'], { cwd: root });
  assert.equal(built.code, 1, built.stderr);
  const cached = readFileSync(join(root, '.paperboy', 'cache', 'lint.json'), 'utf8').split('\n').filter((line) => line.startsWith('{"path":'));
  assert.equal(cached.length, 2, 'the edited issue and the draft were linted, not every issue');
  const linted = await runCli(['lint', file], { cwd: root });
  // Each row's place, severity, message and rule (columns padded apart, as wide as each output's widest).
  const errorRows = (output: string) => output.split('\n').filter((line) => line.startsWith(`${file}:`) && / error /.test(line)).map((line) => line.split(/ {2,}/));
  const [fromBuild, fromLint] = [errorRows(built.stderr), errorRows(linted.stdout)];
  assert.equal(fromBuild.length, fromLint.length, built.stderr);
  fromLint.forEach(([place, severity, message, rule], i) => {
    const [buildPlace, buildSeverity, buildMessage, buildRule] = fromBuild[i]!;
    assert.deepEqual([buildPlace, buildSeverity, buildRule], [place, severity, rule]);
    // A link left out is said in the build's words: lint's, and what the build did with it.
    assert.ok(buildMessage!.startsWith(message!), `${buildMessage} says ${message}`);
  });
  for (const rule of ['issue-formerly', 'xref-unknown', 'tag-spelling', 'date-order']) assert.match(built.stderr, new RegExp(` ${rule}$`, 'm'));
});
