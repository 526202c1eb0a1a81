import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';
import { join } from 'node:path';
import { cleanIssue, makeRoot, makeSettledRoot } from '../helpers/fixture.js';
import { issueFilesOpened } from '../helpers/fs-spy.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const root = makeRoot({
  'issues/0001-first.md': cleanIssue({ number: 1, title: 'The first issue' }),
  'issues/0002-second.md': cleanIssue({ number: 2, title: 'The second issue', body: 'See [the first](issue:1).' }),
  'issues/0003-broken.md': '---\nnumber: 3\ntitle: [unclosed\n---\n\nBody.\n',
});

test('preview: the newest readable issue by default, plain text when stdout is not a terminal', async () => {
  const result = await runCli(['preview'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^The second issue\n={16}$/m);
  assert.match(result.stdout, /the first \(#1\)/);
  // The newer file it passed over is named: a half-typed newest issue is not skipped in silence.
  assert.equal(result.stderr.split('\n')[0], 'paperboy: issues/0003-broken.md is newer by its name, but its frontmatter gives no readable number (`paperboy lint issues/0003-broken.md` says why): showing issue #2.');
  assert.ok(!CONTROL.test(result.stdout.replaceAll('\n', '')), 'no escape codes');
});


test('preview: when no issue can be read, the newest file\'s problem, as `preview N` says it (exit 1), never "no issues" and `paperboy new`', async () => {
  const broken = makeRoot({ 'issues/0001-first.md': '---\nnumber: 1\ntitle: [half typed\n---\n\nBody.\n' });
  const result = await runCli(['preview'], { cwd: broken });
  const named = await runCli(['preview', '1'], { cwd: broken });
  assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', named.stderr]);
  assert.match(result.stderr, /^paperboy: Cannot read issue 1: issues\/0001-first\.md:3:19: /);
  assert.doesNotMatch(result.stderr, /paperboy new/);
});
test('preview: an issue by number or by path, at --width', async () => {
  const byNumber = await runCli(['preview', '1', '--width', '40'], { cwd: root });
  const byPath = await runCli(['preview', 'issues/0001-first.md', '--width', '40'], { cwd: root });
  assert.equal(byNumber.code, 0, byNumber.stderr);
  assert.equal(byNumber.stdout, byPath.stdout);
  assert.match(byNumber.stdout, /^Subject {2}#1: The first issue$/m);
  for (const line of byNumber.stdout.split('\n')) assert.ok(line.length <= 40 || /https?:/.test(line), line);
});

test('preview: the width of the terminal when it has one, else 80', async () => {
  const long = makeRoot({ 'issues/0001-a.md': cleanIssue({ body: 'word '.repeat(60) }) });
  const widest = (text: string) => Math.max(...text.split('\n').filter((line) => line.startsWith('word')).map((line) => line.length));
  assert.ok(widest((await runCli(['preview'], { cwd: long })).stdout) > 70);
  let stdout = '';
  const { main } = await import('../../src/cli/main.js');
  await main(['preview'], { stdout: { write: (text: string) => (stdout += text), isTTY: false, columns: 50 }, stderr: { write: () => true }, cwd: long, env: {} });
  assert.ok(widest(stdout) <= 50 && widest(stdout) > 40, `widest line ${widest(stdout)}`);
});

test('preview: FORCE_COLOR colours, FORCE_HYPERLINK makes links OSC 8; NO_COLOR and --no-color win', async () => {
  const forced = await runCli(['preview', '2'], { cwd: root, env: { FORCE_COLOR: '1', FORCE_HYPERLINK: '1' } });
  assert.ok(forced.stdout.includes('\u001b]8;;https://news.example.org/issues/1/\u001b\\'), 'an OSC 8 hyperlink');
  assert.ok(forced.stdout.includes('\u001b[1m'));
  const colourOnly = await runCli(['preview', '2'], { cwd: root, env: { FORCE_COLOR: '1', FORCE_HYPERLINK: '0' } });
  assert.ok(!colourOnly.stdout.includes('\u001b]8;;'));
  // eslint-disable-next-line no-control-regex -- the escape codes are what is tested
  assert.match(colourOnly.stdout, /^\u001b\[2m\[1\] \u001b\[0m\u001b\[4mhttps:\/\/news\.example\.org\/issues\/1\/\u001b\[0m$/m, 'links as numbered references');
  for (const env of [{ FORCE_HYPERLINK: '1', NO_COLOR: '1' }, { FORCE_COLOR: '1', FORCE_HYPERLINK: '1' }]) {
    const args = 'NO_COLOR' in env ? ['preview', '2'] : ['preview', '2', '--no-color'];
    const plain = await runCli(args, { cwd: root, env });
    assert.ok(!CONTROL.test(plain.stdout.replaceAll('\n', '')), `no escape codes with ${args.join(' ')} ${JSON.stringify(env)}`);
  }
});

test('preview: an issue that cannot be read says why, with its line, and exits 1', async () => {
  const result = await runCli(['preview', 'issues/0003-broken.md'], { cwd: root });
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^paperboy: Cannot read issue issues\/0003-broken\.md: \S*issues\/0003-broken\.md:3:\d+: /m);
});

test('preview: an issue with lint problems says how many under the preview, a value it cannot read or an impossible date among them', async () => {
  const one = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }).replace('year: 2023', 'year: twenty') });
  const result = await runCli(['preview', '1'], { cwd: one });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^paperboy: issues\/0001-a\.md has 1 lint error; run `paperboy lint issues\/0001-a\.md` to see it\.$/m);
  const two = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, date: '2023-02-30' }).replace('tags: [emergence, scaling]', 'tags: 7') });
  assert.match((await runCli(['preview', '1'], { cwd: two })).stderr, /has 2 lint errors; run `paperboy lint issues\/0001-a\.md` to see them\./);
  const warned = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, date: '2023-02-30' }).replace('https://arxiv.org/abs/2304.15004', 'http://arxiv.org/abs/2304.15004') });
  const lint = await runCli(['lint', 'issues/0001-a.md'], { cwd: warned });
  assert.match(lint.stdout, /1 error, [1-9] warnings?/, 'the lint this counts');
  assert.match((await runCli(['preview', '1'], { cwd: warned })).stderr, /has 1 lint error and [1-9] warnings?; run `paperboy lint issues\/0001-a\.md` to see them\./);
  const clean = await runCli(['preview', '1'], { cwd: makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) }) });
  assert.equal(clean.stderr, '');
});

test('preview: usage errors exit 2 with a message', async () => {
  const width = await runCli(['preview', '--width', 'wide'], { cwd: root });
  assert.equal(width.code, 2);
  assert.match(width.stderr, /Unexpected --width `wide`, expected a number of columns/);
  // Wider than any layout can build: a usage error, not a failure blamed on the issue.
  const huge = await runCli(['preview', '1', '--width', '999999999999'], { cwd: root });
  assert.equal(huge.code, 2);
  assert.match(huge.stderr, /Unexpected --width `999999999999`, expected a number of columns from 20 to 10000/);
  const missing = await runCli(['preview', '9'], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /No issue has number 9/);
  const empty = await runCli(['preview'], { cwd: makeRoot({}) });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /There are no issues in .* to preview/);
});

test('preview: on a very wide terminal the text is laid out at 100 columns at most; --width may ask for more', async () => {
  const wide = async (argv: string[]) => {
    let stdout = '';
    const io = { stdout: { write: (text: string) => (stdout += text), isTTY: false, columns: 160 }, stderr: { write: () => true, isTTY: false }, cwd: root, env: {} };
    await main(argv, io);
    return Math.max(...stdout.split('\n').map((line) => line.length));
  };
  assert.equal(await wide(['preview', '2', '--no-pager']), 100);
  assert.equal(await wide(['preview', '2', '--no-pager', '--width', '140']), 140);
});

test('preview: in a newsletter read before, only the issue shown is read again, and it shows the same', async () => {
  const settled = makeSettledRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  const first = await runCli(['preview', '2'], { cwd: settled });
  assert.equal(first.code, 0, first.stderr);
  const again = await issueFilesOpened(settled, () => runCli(['preview', '2'], { cwd: settled }));
  assert.deepEqual(again.opened, [join(settled, 'issues', '0002-b.md')]);
  assert.equal(again.value.stdout, first.stdout);
});

test('preview: a title with a right-to-left override has it closed on its line, before what follows', async () => {
  const RLO = '\u202e';
  const issue = cleanIssue({ number: 1, title: `Emergence ${RLO}mirages` }).replace('title: Are Emergent Abilities', `title: Are Emergent ${RLO}Abilities`);
  const result = await runCli(['preview', '--width', '100'], { cwd: makeRoot({ 'issues/0001-first.md': issue }) });
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n').filter((line) => line.includes(RLO));
  assert.ok(lines.length >= 3, lines.join('\n'));
  for (const line of lines) assert.match(line, /\u202e[^\u202c]*\u202c/, line);
});
