import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { localDate } from '../../src/issue/scaffold.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, makeRoot, makeSettledRoot } from '../helpers/fixture.js';
import { issueFilesOpened } from '../helpers/fs-spy.js';
import { newsletter, send } from '../helpers/send.js';

test('new: the next number after the highest frontmatter number, today, a slug from the title', async () => {
  const root = makeRoot({ 'issues/0007-x.md': cleanIssue({ number: 7 }), 'issues/0002-y.md': cleanIssue({ number: 2 }) });
  const result = await runCli(['new', '--title', 'Sparse autoencoders, réécrits'], { cwd: root });
  assert.equal(result.code, 0);
  const path = result.stdout.trim();
  assert.equal(path, join(root, 'issues', '0008-sparse-autoencoders-reecrits.md'));
  const text = readFileSync(path, 'utf8');
  assert.match(text, /^number: 8$/m);
  assert.match(text, new RegExp(`^date: ${localDate(new Date())}$`, 'm'));
});

test("new: a title's apostrophes inside words are left out of the file name, as author and tag folders leave them (\"It's O'Neil's\" is its-oneils, not it-s-o-neil-s)", async () => {
  const root = makeRoot({});
  for (const [title, name] of [["It's O'Neil's", '0001-its-oneils.md'], ['Don’t panic: ’quotes’ apart', '0002-dont-panic-quotes-apart.md']]) {
    const result = await runCli(['new', '--title', title!], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), join(root, 'issues', name!));
  }
});

test('new: a number a send used is not given again once its issue file is gone', async () => {
  const root = await newsletter(1, { status: 'ready' });
  assert.equal((await send(root)).code, 0);
  rmSync(join(root, 'issues/0001-mirages.md'));
  const result = await runCli(['new', '--title', 'Next'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), join(root, 'issues', '0002-next.md'));
  assert.match(readFileSync(result.stdout.trim(), 'utf8'), /^number: 2$/m);
});

test('new: the skeleton lints clean except for the placeholders it asks to fill', async () => {
  const root = makeRoot({});
  const path = (await runCli(['new'], { cwd: root })).stdout.trim();
  const lint = await runCli(['lint', '--no-cache', '--format', 'json', path], { cwd: root });
  const [file] = JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[];
  const rules = new Set(file!.messages.map((m) => m.ruleId));
  assert.ok(rules.size > 0);
  assert.deepEqual([...rules].filter((id) => id !== 'no-placeholder'), []);
});

test('new: fresh skeletons share a placeholder URL but not a paper: never covered before, two papers in a --drafts build', async () => {
  const root = makeRoot({});
  const paths = [(await runCli(['new'], { cwd: root })).stdout.trim(), (await runCli(['new'], { cwd: root })).stdout.trim()];
  const lint = await runCli(['lint', '--no-cache', '--format', 'json', ...paths], { cwd: root });
  const rules = new Set((JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[]).flatMap((file) => file.messages.map((m) => m.ruleId)));
  assert.deepEqual([...rules], ['no-placeholder']);
  const build = await runCli(['build', '--drafts'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  const { papers } = JSON.parse(readFileSync(join(root, 'dist', 'papers.json'), 'utf8')) as { papers: { id: string }[] };
  assert.deepEqual(papers.map((paper) => paper.id).sort(), ['issue:1/1', 'issue:2/1']);
});

test('new: every value the skeleton makes up is a lint error until it is replaced, each reported once, as a placeholder', async () => {
  const root = makeRoot({});
  const paths = [];
  for (let i = 0; i < 3; i++) paths.push((await runCli(['new'], { cwd: root })).stdout.trim());
  const lint = await runCli(['lint', '--no-cache', '--format', 'json'], { cwd: root });
  const files = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
  for (const path of paths) {
    const messages = files.find((file) => file.filePath === path)!.messages;
    // Every line of the skeleton that holds a TODO outside a comment: the paper's URL, each author and text among them.
    const todoLines = readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (/TODO/.test(line.replace(/(^|\s)#.*$/, '')) ? [i + 1] : []));
    assert.ok(todoLines.length >= 7, `${todoLines.length} TODO lines`);
    assert.deepEqual([...new Set(messages.map((m) => m.line))], todoLines);
    assert.deepEqual([...new Set(messages.map((m) => m.ruleId))], ['no-placeholder']);
  }
});

test('new: never overwrites a file: a second issue with the same title gets the next number, the first left as it was', async () => {
  const root = makeRoot({});
  const first = (await runCli(['new', '--title', 'Same'], { cwd: root })).stdout.trim();
  const before = readFileSync(first, 'utf8');
  const second = await runCli(['new', '--title', 'Same'], { cwd: root });
  assert.equal(second.code, 0);
  assert.equal(second.stdout.trim(), join(root, 'issues', '0002-same.md'));
  assert.equal(readFileSync(first, 'utf8'), before);
});

test('new: the number after a file whose frontmatter cannot be read yet, by its name, so no number is given twice', async () => {
  const root = makeRoot({ 'issues/0001-one.md': cleanIssue({ number: 1 }), 'issues/0002-wip.md': '---\nnumber: 2\ntitle: [half typed\n---\n' });
  const result = await runCli(['new', '--title', 'Next'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), join(root, 'issues', '0003-next.md'));
  assert.match(readFileSync(result.stdout.trim(), 'utf8'), /^number: 3$/m);
});

test('new: a folder named like an issue (`0007.md/`) holds no issue: its number is not taken, and lint reports the folder', async () => {
  const root = makeRoot({ 'issues/0001-one.md': cleanIssue({ number: 1 }), 'issues/0007.md/notes.txt': 'not an issue', 'issues/0009-draft.md/notes.txt': 'nor this' });
  const result = await runCli(['new', '--title', 'Next'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), join(root, 'issues', '0002-next.md'));
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1);
  assert.match(lint.stdout, /0007\.md:1:1 +error +Unexpected directory .*expected an issue file/);
});

test('new: after an issue numbered the largest an issue may have, a clear error naming it, exit 2, and no file written', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue({ number: 1 }), 'issues/big.md': cleanIssue({ number: Number.MAX_SAFE_INTEGER }) });
  const result = await runCli(['new', '--title', 'Big'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Cannot number a new issue: the highest number in use, 9007199254740991 \(issues\/big\.md\), leaves none after it \(an issue's `number` is at most 9007199254740991\)/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.deepEqual(readdirSync(join(root, 'issues')).sort(), ['0001-x.md', 'big.md']);
});

test('new: a title in another script, with a letter accents alone cannot reduce, or an emoji is transliterated into the file name, as tag folders are', async () => {
  const root = makeRoot({});
  const paths = [];
  for (const title of ['Łukasz и шум', 'שלום', '🎉🎉']) paths.push((await runCli(['new', '--title', title], { cwd: root })).stdout.trim());
  assert.deepEqual(paths.map((path) => path.slice(join(root, 'issues').length + 1)), ['0001-lukasz-i-shum.md', '0002-slvm.md', '0003-tada-tada.md']);
});

test('new: an empty --title is a usage error (exit 2) and writes no file', async () => {
  const root = makeRoot({});
  for (const title of ['', '   ']) {
    const result = await runCli(['new', '--title', title], { cwd: root });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unexpected empty --title/);
  }
  assert.deepEqual(readdirSync(join(root, 'issues')), []);
});

test("new: a --title with a line break or another character lint refuses is a one-line usage error (exit 2) naming it, and writes no file", async () => {
  const root = makeRoot({});
  const refused: [string, RegExp][] = [
    ['First\nSecond', /Unexpected line break U\+000A in --title \(character 6\)/],
    ['First\r\nSecond', /Unexpected line break U\+000D in --title \(character 6\)/],
    ['Tab\u0001bed', /Unexpected control character U\+0001 in --title \(character 4\)/],
    ['Pasted\u2028from a PDF', /Unexpected line separator U\+2028 in --title \(character 7\)/],
  ];
  for (const [title, message] of refused) {
    const result = spawnCli(['new', '--title', title], { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.match(result.stderr, /expected a title on one line of printable text/);
    // One line says it all; the next is the pointer every usage error ends with.
    assert.match(result.stderr, /^paperboy: Unexpected [^\n]*such as --title "Sparse autoencoders"\n {2}Run `paperboy new --help` for usage\.\n$/);
  }
  assert.deepEqual(readdirSync(join(root, 'issues')), []);
});

test('new: a --title with a tab, quotes or a `#` is written as typed, and the file lints clean but for its placeholders', async () => {
  const root = makeRoot({});
  const title = 'Tabs\tand "quotes" and #1: kept';
  const path = (await runCli(['new', '--title', title], { cwd: root })).stdout.trim();
  assert.match(readFileSync(path, 'utf8'), /^title: "Tabs\\tand \\"quotes\\" and #1: kept"$/m);
  const json = await runCli(['lint', '--no-cache', '--format', 'json', path], { cwd: root });
  const rules = new Set((JSON.parse(json.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId));
  assert.deepEqual([...rules], ['no-placeholder']);
});

test('new: in a newsletter read before, no issue file is read again to find the next number', async () => {
  const settled = makeSettledRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  assert.equal((await runCli(['render', '3'], { cwd: settled })).code, 0);
  const made = await issueFilesOpened(settled, () => runCli(['new'], { cwd: settled }));
  assert.deepEqual(made.opened, []);
  assert.equal(made.value.stdout.trim(), join(settled, 'issues', '0004-untitled.md'));
});

test('new: an issuesDir it cannot make (a file in the way) is a clear error naming issuesDir, exit 2, no stack trace', async () => {
  const root = makeRoot({ blocker: 'a file, not a folder' }, `${CONFIG_YAML}issuesDir: blocker/issues\n`);
  const result = await runCli(['new'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /Cannot make the issues directory .*blocker.issues: ENOTDIR/);
  assert.match(result.stderr, /issuesDir/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('new: an issues folder that cannot be written (sysfs, a read-only mount) is an error naming the file, exit 2, no stack trace', { skip: !existsSync('/sys/kernel') && 'no /sys here' }, async () => {
  const root = makeRoot({}, `${CONFIG_YAML}issuesDir: /sys\n`);
  const result = await runCli(['new', '--title', 'Unwritable'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Cannot write \/sys\/0001-unwritable\.md: /);
  assert.match(result.stderr, /Make \/sys writable, or set `issuesDir`/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('new: a newsletter in git without a .gitignore gets one keeping its data (readers\' addresses) and built site out of commits, said on stderr, the path alone on stdout; an existing .gitignore is left as written, the folders it misses named; outside git nothing is written', async () => {
  const root = makeRoot({});
  execFileSync('git', ['init', '-q'], { cwd: root });
  const result = await runCli(['new', '--title', 'First'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `${join(root, 'issues', '0001-first.md')}\n`);
  assert.equal(readFileSync(join(root, '.gitignore'), 'utf8'), "# paperboy's own files: the subscriber database, send journals and caches (dataDir); the built site (outDir)\n/.paperboy/\n/dist/\n");
  assert.match(result.stderr, /^paperboy: wrote \.gitignore: it keeps paperboy's data and the built site out of git$/m);
  assert.equal(execFileSync('git', ['check-ignore', '.paperboy/paperboy.db', 'dist/index.html'], { cwd: root, encoding: 'utf8' }), '.paperboy/paperboy.db\ndist/index.html\n');

  writeFileSync(join(root, '.gitignore'), 'node_modules\ndist\n');
  const again = await runCli(['new', '--title', 'Second'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(join(root, '.gitignore'), 'utf8'), 'node_modules\ndist\n');
  assert.equal(again.stderr, "paperboy: .gitignore does not name .paperboy/ (the subscriber database: your readers' addresses): add `/.paperboy/` to it\n");

  const outside = makeRoot({});
  assert.equal((await runCli(['new'], { cwd: outside })).code, 0);
  assert.ok(!existsSync(join(outside, '.gitignore')));
});

test('new: a --title whose bytes were not UTF-8 (Node reads each as U+FFFD) is a usage error (exit 2) saying so, and writes no file, where `title: "��"` was written', async () => {
  const root = makeRoot({});
  const result = await runCli(['new', '--title', 'Caf\ufffd au lait'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Unexpected replacement character U\+FFFD \(bytes that are not UTF-8, each read as U\+FFFD: a terminal set to another encoding, such as Latin-1\?\) in --title \(character 4\)/);
  assert.deepEqual(readdirSync(join(root, 'issues')), []);
});
