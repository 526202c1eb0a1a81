import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { AN_HOUR_AGO, cleanIssue, makeRoot, makeSettledRoot } from '../helpers/fixture.js';
import { siteDigest } from '../archive/site-check.js';
import { issueFilesOpened } from '../helpers/fs-spy.js';

test('start: lints every issue, writes the newest email files under dataDir, ends with its plain preview', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'Second issue' }) });
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Linted 2 issues in issues: 0 errors/);
  assert.match(result.stdout, /^Issue #2 \(Second issue\) as subscribers will receive it:\n {2}\.paperboy\/preview\/2\/email\.html\n/m);
  for (const name of ['email.html', 'email.txt', 'email.eml']) assert.ok(existsSync(join(root, '.paperboy', 'preview', '2', name)), name);
  assert.ok(!existsSync(join(root, 'dist')), 'nothing in the site folder');
  assert.match(result.stdout, /^Subject {2}#2: Second issue$/m);
  assert.ok(!result.stdout.includes('\u001b['), 'no escape codes when stdout is not a terminal');
});

test('start: a newer issue file whose frontmatter cannot be read is named on stderr, the newest readable one shown', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, title: 'First issue' }), 'issues/0009-broken.md': '---\nnumber: 9\ntitle: [unclosed\n---\n\nBody.\n' });
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 1, 'the broken file is a lint error');
  assert.match(result.stdout, /^Subject {2}#1: First issue$/m);
  assert.match(result.stderr, /^paperboy: issues\/0009-broken\.md is newer by its name, but its frontmatter gives no readable number \(`paperboy lint issues\/0009-broken\.md` says why\): showing issue #1\.$/m);
});

test('start: when the only issue file cannot be read, it says that file is what to fix, never to scaffold another with `paperboy new`', async () => {
  const root = makeRoot({ 'issues/0001-first.md': '---\nnumber: 1\ntitle: [half typed\n---\n\nBody.\n' });
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^issues\/0001-first\.md:3:19 {2}error {2}/m);
  assert.match(result.stdout, /^No issue to render until issues\/0001-first\.md can be read \(its errors are above\)\.$/m);
  assert.doesNotMatch(result.stdout, /paperboy new/);
});

test('start: as lint does, an older sent issue gets no editorial advice, and the newest, which it shows, all of its own', async () => {
  const noOpinion = (options: Parameters<typeof cleanIssue>[0]) => cleanIssue(options).replace(/ {4}opinion: \|\n.*\n/, '');
  const root = makeRoot({ 'issues/0001-a.md': noOpinion({ number: 1 }), 'issues/0002-b.md': noOpinion({ number: 2, title: 'Second issue', date: '2023-06-05' }) });
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stdout, /0001-a\.md/);
  assert.match(result.stdout, /^issues\/0002-b\.md:8:5 +warning +Missing opinion/m);
  assert.match(result.stdout, /^Linted 2 issues in issues: 0 errors, \d+ warnings?\.$/m);
});

test('start: one issue linted is "1 issue", not "1 issues"', async () => {
  const result = await runCli(['start'], { cwd: makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) }) });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Linted 1 issue in issues: 0 errors, 0 warnings\.$/m);
});

test('start never writes a draft into the site folder: a built site, served as it is, stays the build of the published issues', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'Next month', status: 'draft' }).replace('Welcome', 'TODO') });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const built = siteDigest(join(root, 'dist'));
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 1, 'the draft has a placeholder');
  assert.match(result.stdout, /^Issue #2 \(Next month\) as subscribers will receive it:$/m);
  assert.ok(existsSync(join(root, '.paperboy', 'preview', '2', 'email.html')));
  assert.ok(!existsSync(join(root, 'dist', 'issues', '2')), 'no folder of the draft in the site');
  assert.deepEqual(siteDigest(join(root, 'dist')), built);
});

test('start, then build: start leaves no outDir behind, and the build makes the site', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  assert.equal((await runCli(['start'], { cwd: root })).code, 0);
  assert.ok(!existsSync(join(root, 'dist')));
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.ok(existsSync(join(root, 'dist', 'index.html')));
  assert.ok(existsSync(join(root, 'dist', 'issues', '1', 'email.html')));
});

test('start: a second run reads only the newest issue again, which it renders, and says the same', async () => {
  const settled = makeSettledRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  const first = await runCli(['start'], { cwd: settled });
  assert.equal(first.code, 0, first.stderr);
  const again = await issueFilesOpened(settled, () => runCli(['start'], { cwd: settled }));
  assert.deepEqual(again.opened, [join(settled, 'issues', '0003-c.md')]);
  assert.equal(again.value.stdout, first.stdout);
});

test('start: a dataDir it cannot write (a file in the way) is a clear error naming dataDir, exit 2, no stack trace', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), '.paperboy': 'a file, not a folder' });
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /Cannot write the email files to .*\.paperboy/);
  assert.match(result.stderr, /dataDir/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('start: an outDir that could not be written (a file in the way) is no matter: start does not write there', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), dist: 'a file, not a folder' });
  const result = await runCli(['start'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(readFileSync(join(root, 'dist'), 'utf8'), 'a file, not a folder');
});

test('start: a run on an unchanged issue leaves its email files as they were, modification times too; a change rewrites only the files whose bytes it changes', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  assert.equal((await runCli(['start'], { cwd: root })).code, 0);
  const dir = join(root, '.paperboy', 'preview', '1');
  const names = ['email.eml', 'email.html', 'email.txt'];
  for (const name of names) utimesSync(join(dir, name), AN_HOUR_AGO, AN_HOUR_AGO);
  // As the file system keeps it (its float can differ from the Date's milliseconds by a rounding).
  const setTo = new Map(names.map((name) => [name, statSync(join(dir, name)).mtimeMs]));
  const rewritten = () => names.filter((name) => statSync(join(dir, name)).mtimeMs !== setTo.get(name));
  const again = await runCli(['start'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(rewritten(), []);
  // A footer only the plaintext shows: the plaintext file and the message, which holds it, are written again; the HTML is left.
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  const footer = readFileSync(new URL('../../templates/partials/footer.txt.hbs', import.meta.url), 'utf8');
  writeFileSync(join(root, 'templates', 'partials', 'footer.txt.hbs'), `Thanks for reading.\n${footer}`);
  assert.equal((await runCli(['start'], { cwd: root })).code, 0);
  assert.deepEqual(rewritten(), ['email.eml', 'email.txt']);
  assert.match(readFileSync(join(dir, 'email.txt'), 'utf8'), /Thanks for reading\./);
  assert.deepEqual(readdirSync(dir).sort(), names, 'no temporary file left');
});
