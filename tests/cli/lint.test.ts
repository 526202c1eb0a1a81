import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { anotherReplace } from '../helpers/another-replace.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n/;

async function lintOne(contents: string | Uint8Array) {
  const root = makeRoot({ 'issues/0001-x.md': contents });
  const result = await runCli(['lint', '--no-cache', '--format', 'json'], { cwd: root });
  const [file] = JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
  return { result, messages: file!.messages };
}

const badInputs: [name: string, contents: string | Uint8Array, ruleId: string, line: number][] = [
  ['an empty file', '', 'frontmatter-missing', 1],
  ['a file without frontmatter', '# Just a heading\n', 'frontmatter-missing', 1],
  ['unclosed frontmatter', '---\nnumber: 1\ntitle: x\n', 'yaml-syntax', 1],
  ['tab indentation', cleanIssue().replace('    url: https', '\turl: https'), 'yaml-syntax', 9],
  ['invalid UTF-8', Uint8Array.from([...new TextEncoder().encode('---\nnumber: 1\ntitle: caf'), 0xe9, 0x0a]), 'file-encoding', 3],
  ['binary content', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 'file-encoding', 1],
];

for (const [name, contents, ruleId, line] of badInputs) {
  test(`lint reports ${name} with a position and exit 1`, async () => {
    const { result, messages } = await lintOne(contents);
    assert.equal(result.code, 1);
    const message = messages.find((m) => m.ruleId === ruleId);
    assert.ok(message, `expected a ${ruleId} message, got ${JSON.stringify(messages)}`);
    assert.equal(message.line, line);
    assert.ok(message.column >= 1);
  });
}

test('a BOM and CRLF line endings lint exactly like LF', async () => {
  const lf = cleanIssue().replace('title: Emergence mirages', 'title: Emergence mirages\nsumary: x');
  const crlf = `\ufeff${lf.replace(/\n/g, '\r\n')}`;
  const a = await lintOne(lf);
  const b = await lintOne(crlf);
  assert.ok(a.messages.length > 0);
  assert.deepEqual(b.messages, a.messages);
});

interface JsonFix {
  range: [number, number];
  text: string;
}

/**
 * What an editor does with `--format json`'s fixes, as ESLint's
 * SourceCodeFixer: on the file's text without its BOM, by range, a fix
 * overlapping an earlier one left out; the BOM put back.
 */
function applyJsonFixes(contents: string, fixes: readonly JsonFix[]): string {
  const bom = contents.startsWith('\ufeff') ? '\ufeff' : '';
  const text = contents.slice(bom.length);
  let output = bom;
  let copied = 0;
  for (const { range, text: replacement } of [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    if (range[0] < copied) continue;
    output += text.slice(copied, range[0]) + replacement;
    copied = range[1];
  }
  return output + text.slice(copied);
}

/** A PDF arXiv link, no `arxiv:` line, trailing spaces (a hard line break in the body), and a character of two UTF-16 units. */
const FIXABLE = cleanIssue({ title: 'Émergence mirages 𝔘  ', body: 'Welcome.  \nSecond line. ' }).replace(
  'url: https://arxiv.org/abs/2304.15004\n    arxiv: "2304.15004"\n',
  'url: https://arxiv.org/pdf/2304.15004v2  \n',
);

test("lint --format json's fixes and output are for the file as on disk (LF, CRLF, CR or mixed, BOM or not): applied as an editor applies them, they make what --fix writes", async () => {
  const endings: [name: string, write: (lf: string) => string][] = [
    ['LF', (lf) => lf],
    ['CRLF', (lf) => lf.replace(/\n/g, '\r\n')],
    ['CR', (lf) => lf.replace(/\n/g, '\r')],
    ['mixed', (lf) => lf.replace(/\n/g, '\r\n').replace('\r\ndate:', '\ndate:').replace('\r\nSecond', '\nSecond')],
  ];
  for (const [name, write] of endings) {
    for (const bom of ['', '\ufeff']) {
      const contents = bom + write(FIXABLE);
      const label = `${name}${bom ? ' with a BOM' : ''}`;
      const edited = makeRoot({ 'issues/0001-x.md': contents });
      const editedPath = join(edited, 'issues', '0001-x.md');
      // Round after round, as fixes can make others (ESLint's --fix does the same).
      for (let round = 0; round < 10; round++) {
        const [file] = JSON.parse((await runCli(['lint', '--no-cache', '--format', 'json'], { cwd: edited })).stdout) as { messages: { fix?: JsonFix }[] }[];
        const fixes = file!.messages.flatMap((m) => (m.fix ? [m.fix] : []));
        if (fixes.length === 0) break;
        writeFileSync(editedPath, applyJsonFixes(readFileSync(editedPath, 'utf8'), fixes));
      }
      const fixed = makeRoot({ 'issues/0001-x.md': contents });
      const [result] = JSON.parse((await runCli(['lint', '--no-cache', '--fix', '--format', 'json'], { cwd: fixed })).stdout) as { output?: string }[];
      const written = readFileSync(join(fixed, 'issues', '0001-x.md'), 'utf8');
      assert.notEqual(written, contents, `${label}: --fix changed the file`);
      assert.equal(readFileSync(editedPath, 'utf8'), written, `${label}: the JSON's fixes make what --fix writes`);
      assert.equal(result!.output, written, `${label}: output is the file --fix wrote`);
    }
  }
});

test('lint --fix refuses a read-only issue file (root too), naming it, exit 2, no stack trace: the file, its mode and owner stay', async () => {
  const root = makeRoot({ 'issues/0001-x.md': FIXABLE });
  const file = join(root, 'issues', '0001-x.md');
  chmodSync(file, 0o444);
  const result = await runCli(['lint', '--no-cache', '--fix'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Cannot write .*0001-x\.md: it is read-only\n {2}Make it writable/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.equal(readFileSync(file, 'utf8'), FIXABLE);
  assert.equal(statSync(file).mode & 0o777, 0o444);
});

test('lint --fix of a file another paperboy is fixing at the same moment says the file changed and to run again, exit 1, and keeps the other\'s fix', async () => {
  const text = cleanIssue().replace('https://arxiv.org/abs/2304.15004', 'https://arxiv.org/pdf/2304.15004v2.pdf');
  const root = makeRoot({ 'issues/0001-x.md': text });
  const path = join(root, 'issues', '0001-x.md');
  const otherFix = text.replace('https://arxiv.org/pdf/2304.15004v2.pdf', 'https://arxiv.org/abs/2304.15004');
  const other = anotherReplace(path, otherFix);
  const exited = once(other, 'exit');
  const result = spawnCli(['lint', '--no-cache', '--fix', '--format', 'json'], { cwd: root });
  await exited;
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /0001-x\.md changed while paperboy was writing it: left as saved, nothing of paperboy's written\n {2}Run the command again/);
  assert.doesNotMatch(result.stdout, /"output"/);
  assert.equal(readFileSync(path, 'utf8'), otherFix);
});

test('a 5 MB issue file lints without crashing', async () => {
  const body = `${'A long paragraph of the introduction, repeated many times. '.repeat(40)}\n\n`.repeat(2200);
  const { result, messages } = await lintOne(cleanIssue({ body }));
  assert.ok(Buffer.byteLength(body) > 5_000_000);
  assert.equal(result.code, 0, JSON.stringify(messages.slice(0, 3)));
});

test('a directory named x.md and a dangling link are diagnostics, not crashes', async () => {
  const root = makeRoot({ 'issues/0001-ok.md': cleanIssue() });
  mkdirSync(join(root, 'issues', '0002-dir.md'));
  symlinkSync(join(root, 'nowhere.md'), join(root, 'issues', '0003-link.md'));
  const result = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^issues\/0002-dir\.md:1:1\s+error\s+Unexpected directory/m);
  assert.match(result.stdout, /^issues\/0003-link\.md:1:1\s+error\s+Cannot read the file: a symbolic link to `\S*nowhere\.md`, which does not exist \(ENOENT\)\. Point the link at an existing file/m);
});

test("an editor's lock link or metadata file beside the issues is not linted: hidden files are not issues", async () => {
  const root = makeRoot({ 'issues/0001-ok.md': cleanIssue(), 'issues/._0001-ok.md': Uint8Array.from([0x00, 0x05, 0x16, 0x07, 0x00]) });
  // Emacs's lock while 0001-ok.md is open: a link that leads nowhere.
  symlinkSync('editor@host.1234:17', join(root, 'issues', '.#0001-ok.md'));
  const result = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(result.code, 0, result.stdout);
  assert.equal(result.stdout, '');
});

test('an unreadable file is a diagnostic (skipped when running as root, who can read anything)', { skip: process.getuid?.() === 0 }, async () => {
  const root = makeRoot({ 'issues/0001-ok.md': cleanIssue() });
  chmodSync(join(root, 'issues', '0001-ok.md'), 0o000);
  const result = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /Cannot read the file: permission denied \(EACCES\)\. Let your user read it/);
});

test('stylish output: SPEC\'s file:line:column, severity, message, rule id, then the totals', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue().replace('    summary: |', '    sumary: |\n    summary: |') });
  const result = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^issues\/0001-x\.md:15:5 {2}error {2}Unexpected key `sumary`, an unknown key: `summary`, which it resembles, is set already \(keep one of the two, named `summary`\) {2}frontmatter-schema\n/);
  assert.match(result.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
});

test('--max-warnings turns warnings into exit 1', async () => {
  const noOpinion = cleanIssue({ status: 'ready' }).replace(/ {4}opinion: \|\n.*\n/, '');
  const root = makeRoot({ 'issues/0001-x.md': noOpinion });
  assert.equal((await runCli(['lint', '--no-cache'], { cwd: root })).code, 0);
  assert.equal((await runCli(['lint', '--no-cache', '--max-warnings', '0'], { cwd: root })).code, 1);
});

test('linting named files still checks them against the whole directory', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 4 }), 'issues/0002-b.md': cleanIssue({ number: 4 }) });
  const result = await runCli(['lint', '--no-cache', 'issues/0002-b.md'], { cwd: root });
  assert.match(result.stdout, /0002-b\.md[\s\S]*also used by 0001-a\.md/);
  assert.doesNotMatch(result.stdout, /^issues\/0001-a\.md$/m);
});

test('a file named twice (two spellings, a symbolic link) is linted and counted once, under the issues directory\'s path', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue().replace(/ {4}opinion: \|\n {6}.*\n/, '') });
  symlinkSync(join(root, 'issues', '0001-x.md'), join(root, 'latest.md'));
  const result = await runCli(['lint', '--no-cache', '--max-warnings', '1', '--format', 'json', 'issues/0001-x.md', './issues/0001-x.md', 'latest.md', join(root, 'issues', '0001-x.md')], { cwd: root });
  assert.equal(result.code, 0, result.stdout);
  const files = JSON.parse(result.stdout) as { filePath: string; warningCount: number; messages: { ruleId: string }[] }[];
  assert.deepEqual(files.map((file) => [file.filePath, file.warningCount]), [[join(root, 'issues', '0001-x.md'), 1]]);
  // Seen once by the cross-issue rules too: no number used twice.
  assert.deepEqual(files[0]!.messages.map((m) => m.ruleId), ['opinion-missing']);
});

test('a named path that does not exist, is not a regular file, or is a folder without issues is a usage error naming it, exit 2', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue(), 'notes/readme.txt': 'not an issue' });
  execFileSync('mkfifo', [join(root, 'pipe.md')]);
  symlinkSync('loop-b.md', join(root, 'loop-a.md'));
  symlinkSync('loop-a.md', join(root, 'loop-b.md'));
  symlinkSync('gone.md', join(root, 'link.md'));
  const cases: [path: string, message: RegExp][] = [
    ['issues/nope.md', /^paperboy: Cannot find `issues\/nope\.md`, expected the path of an issue file \(`\.md`\) or of a folder of them\n/],
    ['loop-a.md', /^paperboy: Cannot read `loop-a\.md`: its symbolic links lead back to each other, never to a file \(ELOOP\), expected an issue file paperboy may read\n {2}Point the link at the file itself/],
    ['link.md', /^paperboy: Cannot read `link\.md`: a symbolic link to `gone\.md`, which does not exist \(ENOENT\), expected an issue file paperboy may read\n {2}Point the link at an existing file/],
    ['pipe.md', /^paperboy: Unexpected `pipe\.md` that is not a regular file/],
    ['notes', /^paperboy: No issue files in the folder `notes`/],
  ];
  for (const [path, message] of cases) {
    const result = await runCli(['lint', '--no-cache', path], { cwd: root });
    assert.equal(result.code, 2, `${path}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, STACK_TRACE);
    assert.equal(result.stdout, '');
  }
});

test('a named file that cannot be read is a usage error naming it, exit 2 (skipped when running as root, who can read anything)', { skip: process.getuid?.() === 0 }, async () => {
  const root = makeRoot({ 'issues/0001-ok.md': cleanIssue() });
  chmodSync(join(root, 'issues', '0001-ok.md'), 0o000);
  const result = await runCli(['lint', '--no-cache', 'issues/0001-ok.md'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Cannot read `issues\/0001-ok\.md`: permission denied \(EACCES\), expected an issue file paperboy may read\n {2}Let your user read it/);
});

test('a named folder lints the issue files in it', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'ranked #1 again' }) });
  const result = await runCli(['lint', '--no-cache', '--format', 'json', 'issues'], { cwd: root });
  const files = JSON.parse(result.stdout) as { filePath: string }[];
  assert.deepEqual(files.map((file) => file.filePath), [join(root, 'issues', '0001-a.md'), join(root, 'issues', '0002-b.md')]);
  assert.equal(result.code, 1);
});

test('the cache: a second run gives the same result, a corrupt cache is discarded', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue().replace('title: Emergence mirages', 'title: Emergence mirages\nsumary: x') });
  const first = await runCli(['lint'], { cwd: root });
  const cacheFile = join(root, '.paperboy', 'cache', 'lint.json');
  assert.ok(readFileSync(cacheFile, 'utf8').includes('sumary'));
  assert.deepEqual(await runCli(['lint'], { cwd: root }), first);
  writeFileSync(cacheFile, '{"version":1,"key":');
  assert.deepEqual(await runCli(['lint'], { cwd: root }), first);
});

test('usage errors are one clear line and exit 2, with no stack trace', () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue() });
  for (const argv of [['lint', '--bogus'], ['lint', '--format', 'xml'], ['lint', '--max-warnings', 'many'], ['frobnicate']]) {
    const result = spawnCli(argv, { cwd: root });
    assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /error|Unexpected/);
    assert.doesNotMatch(result.stderr, STACK_TRACE);
  }
});

test('a broken config names the file, line and key, exit 2', () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue() }, 'name: X\nbaseUrl: not a url\nfrom: a@b.c\npostalAddress: here\n');
  const result = spawnCli(['lint'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /paperboy\.config\.yaml:2:10: Unexpected value for `baseUrl`/);
  assert.doesNotMatch(result.stderr, STACK_TRACE);
});

test('a bad rule setting is one clear line and exit 2, also when the workers have started', async () => {
  // 30 issues: the lint starts its worker processes before it reads the rule settings.
  const root = await mkdtemp(join(tmpdir(), 'paperboy-cli-'));
  await writeCorpus(root, { issues: 30 });
  const config = readFileSync(join(root, 'paperboy.config.yaml'), 'utf8');
  writeFileSync(join(root, 'paperboy.config.yaml'), `${config}lint:\n  rules:\n    opinion-mising: off\n`);
  const line = config.split('\n').length + 2;
  const result = spawnCli(['lint'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.ok(result.stderr.startsWith(`paperboy: ${join(root, 'paperboy.config.yaml')}:${line}:5: Unexpected rule \`opinion-mising\` in \`lint.rules\`, expected \`opinion-missing\``), result.stderr);
  assert.equal(result.stderr.trim().split('\n').length <= 2, true, result.stderr);
  assert.doesNotMatch(result.stderr, STACK_TRACE);
  assert.equal(result.stdout, '');
});

test('--version and --help', () => {
  const root = makeRoot({});
  assert.match(spawnCli(['--version'], { cwd: root }).stdout, /^\d+\.\d+\.\d+\n$/);
  const help = spawnCli(['lint', '--help'], { cwd: root });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--max-warnings/);
});

test('--list-rules prints every rule id with its severity and doc', async () => {
  const result = await runCli(['lint', '--list-rules'], { cwd: makeRoot({}) });
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^frontmatter-schema\s+error\s+\S/m);
  assert.match(result.stdout, /^opinion-missing\s+warning\s+\S/m);
});

test('--list-rules --format markdown prints the rules page: a table row per rule with its default, scope, what it says of sent issues, options and doc', async () => {
  const result = await runCli(['lint', '--list-rules', '--format', 'markdown'], { cwd: makeRoot({}) });
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^# Lint rules\n/);
  assert.match(result.stdout, /^\| `frontmatter-schema` \| error \| each file \| reported \| — \| The frontmatter has the keys of /m);
  assert.match(result.stdout, /^\| `issue-number-unique` \| error \| across issues \| reported \| — \|/m);
  assert.match(result.stdout, /^\| `summary-max-words` \| warning \| each file \| advice \| a positive integer or \{ max: a positive integer \} \|/m);
});

test('--list-rules --format json lists every rule with its scope and the JSON Schema of its options', async () => {
  const result = await runCli(['lint', '--list-rules', '--format', 'json'], { cwd: makeRoot({}) });
  assert.equal(result.code, 0);
  const listed = JSON.parse(result.stdout) as { id: string; severity: string; scope: string; doc: string; options?: { anyOf?: unknown[] } }[];
  assert.deepEqual(listed.find((rule) => rule.id === 'xref-unknown'), { id: 'xref-unknown', severity: 'error', scope: 'corpus', sent: 'report', doc: 'Every `paper:` and `issue:` link leads to a published paper or issue' });
  assert.equal(listed.find((rule) => rule.id === 'summary-max-words')?.options?.anyOf?.length, 2);
});

test('--format markdown without --list-rules is a usage error (exit 2) that says what markdown is for', async () => {
  const result = await runCli(['lint', '--format', 'markdown'], { cwd: makeRoot({}) });
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /Unexpected --format `markdown` for diagnostics, expected `stylish` or `json`/);
  assert.match(result.stderr, /paperboy lint --list-rules --format markdown/);
});

/** The classic nine-level "billion laughs": a few hundred bytes that expand to 387 million strings. */
const ALIAS_BOMB = `---
number: 99
title: Laughs
date: 2023-05-29
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
papers: []
---

Body.
`;

test('a YAML alias bomb is a yaml-syntax error at the alias that expands it, exit 1, and every other file is linted (in workers too)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'paperboy-bomb-'));
  await writeCorpus(root, { issues: 30 });
  writeFileSync(join(root, 'issues', '0099-bomb.md'), ALIAS_BOMB);
  writeFileSync(join(root, 'issues', '0100-todo.md'), cleanIssue({ number: 100, body: 'TODO' }));
  const result = spawnCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stderr, STACK_TRACE);
  assert.match(result.stdout, /^issues\/0099-bomb\.md:7:8 {2}error {2}Unexpected YAML aliases expanding to more than 100 values, expected each value written out \(or aliased a few times\) {2}yaml-syntax\n\n/m);
  assert.match(result.stdout, /^issues\/0100-todo\.md:\d+:\d+\s+error\s+Unexpected placeholder `TODO`/m);
});

test('lint, render and preview of an alias bomb say what is wrong, where, with exit 1, in-process', async () => {
  const root = makeRoot({ 'issues/0099-bomb.md': ALIAS_BOMB });
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1);
  const render = await runCli(['render', 'issues/0099-bomb.md'], { cwd: root });
  assert.equal(render.code, 1);
  assert.match(render.stderr, /0099-bomb\.md:7:8: Unexpected YAML aliases expanding to more than 100 values/);
  const preview = await runCli(['preview', 'issues/0099-bomb.md', '--no-pager'], { cwd: root });
  assert.equal(preview.code, 1);
  assert.match(preview.stderr, /0099-bomb\.md:7:8: Unexpected YAML aliases/);
});

/** An issue whose first paper's summary, about `characters` long, is anchored and aliased by 99 more papers: a file of that summary once, whose frontmatter repeats it 100 times. */
function aliasedSummaryIssue(characters: number): string {
  const line = `      ${'the model reads the words of the summary again '.repeat(20).trim()}\n`;
  const summary = line.repeat(Math.ceil(characters / line.length));
  const papers = ['  - title: Paper 0\n    url: https://example.org/p0\n    summary: &summary |\n' + summary];
  for (let i = 1; i < 100; i++) papers.push(`  - title: Paper ${i}\n    url: https://example.org/p${i}\n    summary: *summary\n`);
  return `---\nnumber: 98\ntitle: Echoes\ndate: 2023-05-29\npapers:\n${papers.join('')}---\n\nBody.\n`;
}

test('a YAML alias repeating a long text (a 200 KB summary aliased by 99 papers, 20 MB of Markdown from a 200 KB file) is a yaml-syntax error at the alias, in a moment: lint, render and preview exit 1', { timeout: 30_000 }, async () => {
  const root = makeRoot({ 'issues/0098-echoes.md': aliasedSummaryIssue(200_000) });
  const started = Date.now();
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1, lint.stderr);
  assert.match(lint.stdout, /^issues\/0098-echoes\.md:\d+:14 {2}error {2}Unexpected YAML aliases repeating more than 10,000 characters of text \(\d[\d,]* in all\), expected each long value written out once \(an alias for a short value such as a list of authors\) {2}yaml-syntax$/m);
  const render = await runCli(['render', 'issues/0098-echoes.md'], { cwd: root });
  assert.equal(render.code, 1);
  assert.match(render.stderr, /0098-echoes\.md:\d+:14: Unexpected YAML aliases repeating more than 10,000 characters/);
  const preview = await runCli(['preview', 'issues/0098-echoes.md', '--no-pager'], { cwd: root });
  assert.equal(preview.code, 1);
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  // A short value aliased, as a list of authors written once for two papers, is read as before.
  const authors = cleanIssue({ number: 97 }).replace(/^( +)authors: (.*)$/m, '$1authors: &team $2');
  assert.match(authors, /&team/);
  const twice = makeRoot({ 'issues/0097-a.md': authors.replace(/^papers:\n/m, `papers:\n  - title: Twin\n    url: https://example.org/twin\n    authors: *team\n    summary: Short.\n    opinion: Fine.\n`) });
  const short = await runCli(['lint', '--no-cache'], { cwd: twice });
  assert.doesNotMatch(short.stdout, /aliases/);
});

test('a frontmatter mapping of more than 1,000 keys (45,000 lines pasted into it) or a list of more than 10,000 items is a content-limits error at the first entry past the limit, in a moment; 1,000 authors are read', { timeout: 30_000 }, async () => {
  const issue = cleanIssue({ number: 96 });
  const pasted = issue.replace(/^papers:/m, `${Array.from({ length: 45_000 }, (_, i) => `key${i}: value`).join('\n')}\npapers:`);
  const listed = issue.replace(/^( +)authors: .*$/m, `$1authors: [${Array(20_000).fill('A. Author').join(', ')}]`);
  const root = makeRoot({ 'issues/0096-pasted.md': pasted, 'issues/0095-listed.md': listed.replace('number: 96', 'number: 95') });
  const started = Date.now();
  const lint = await runCli(['lint', '--no-cache', 'issues/0096-pasted.md', 'issues/0095-listed.md'], { cwd: root });
  assert.equal(lint.code, 1, lint.stderr);
  const at = /^issues\/0096-pasted\.md:(\d+):1 {2}error {2}Unexpected YAML mapping of more than 1,000 keys, expected at most 1,000 \(each mapping takes a few dozen keys\): look for lines pasted by mistake {2}content-limits$/m.exec(lint.stdout);
  assert.ok(at, lint.stdout.slice(0, 500));
  // The 1,001st top-level key of the frontmatter (the file's first line is its `---`).
  const topKeys = pasted.split('\n').slice(1, Number(at[1])).filter((line) => /^\w+:/.test(line));
  assert.equal(topKeys.length, 1_001);
  assert.match(lint.stdout, /^issues\/0095-listed\.md:\d+:\d+ {2}error {2}Unexpected YAML list of more than 10,000 items, expected at most 10,000: look for lines pasted by mistake {2}content-limits$/m);
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  const thousand = issue.replace(/^( +)authors: .*$/m, `$1authors: [${Array.from({ length: 1_000 }, (_, i) => `Author ${i}`).join(', ')}]`);
  const fine = await runCli(['lint', '--no-cache'], { cwd: makeRoot({ 'issues/0001-a.md': thousand }) });
  assert.doesNotMatch(fine.stdout, /content-limits|Unexpected YAML/);
});

test('lint on a terminal keeps every row within its width (one long message padded every row past 300 columns); a pipe keeps ESLint’s columns', async () => {
  const url = `https://example.org/${'long-path-segment/'.repeat(8)}paper`;
  const issue = cleanIssue({ status: 'ready' })
    .replace('Smooth metrics show smooth scaling;', `Smooth metrics (see ${url}) show smooth scaling;`)
    .replace(/ {4}opinion: \|\n {6}.*\n/, '');
  const root = makeRoot({ 'issues/0001-a.md': issue });
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  await main(['lint'], { stdout: { write: (text: string) => (stdout += text), isTTY: true, columns: 80 }, stderr: { write: () => true }, cwd: root, env: { NO_COLOR: '1' } });
  const rows = stdout.split('\n').filter((line) => line.startsWith('  '));
  assert.ok(rows.length >= 3, stdout);
  // A word wider than the terminal (the URL, whole or as the message's quote shortens it) is never broken; every other row fits.
  for (const row of rows.filter((line) => !line.includes('https://example.org/long-path-segment/'))) assert.ok(row.length <= 80, `a row of ${row.length} columns:\n${stdout}`);
  assert.match(stdout, /no-bare-url/);
  assert.match(stdout, /opinion-missing/);
  const piped = await runCli(['lint'], { cwd: root });
  const opinionRow = piped.stdout.split('\n').find((line) => line.includes('opinion-missing'))!;
  assert.ok(opinionRow.length > 80, 'in a pipe, rows pad to the longest message, as ESLint writes them');
});

test("lint checks the plaintext email's templates as the HTML's: a misspelt field, or a footer without the unsubscribe link or the postal address, is a template error (exit 2)", async () => {
  const builtin = (name: string) => readFileSync(join(PACKAGE_ROOT, 'templates', name), 'utf8');
  const paper = builtin('partials/paper.txt.hbs');
  const footer = builtin('partials/footer.txt.hbs');
  const cases: [Record<string, string>, RegExp][] = [
    [{ 'templates/partials/paper.txt.hbs': paper.replace('{{#if opinion}}', '{{#if opinon}}') }, /templates\/partials\/paper\.txt\.hbs:\d+:\d+: Unexpected field `opinon`/],
    [{ 'templates/partials/footer.txt.hbs': footer.replace(/\{\{wrap newsletter\.postalAddress[^}]*\}\}/, '') }, /templates\/partials\/footer\.txt\.hbs:1:1: Missing the postal address .* in the plaintext email/],
    [{ 'templates/partials/footer.txt.hbs': footer.replace(/\{\{links\.unsubscribe\}\}/g, '') }, /templates\/partials\/footer\.txt\.hbs:1:1: Missing the unsubscribe link .* in the plaintext email/],
  ];
  for (const [templates, message] of cases) {
    assert.notEqual(Object.values(templates)[0], paper, 'the case changes the template');
    assert.notEqual(Object.values(templates)[0], footer, 'the case changes the template');
    const root = makeRoot({ 'issues/0001-x.md': cleanIssue({ status: 'ready' }), ...templates });
    const result = await runCli(['lint', '--no-cache'], { cwd: root });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, message);
  }
});

test("lint: a template's mistake stops the lint with one template error naming the template (exit 2), not a rule failure on the issue", async () => {
  const footer = { 'templates/partials/footer.html.hbs': '<p>\n  {{#if opinon}}x{{/if}}</p>\n' };
  const one = makeRoot({ 'issues/0001-x.md': cleanIssue({ status: 'ready' }), ...footer });
  // Enough files for the lint to run in worker processes, which hand the error back.
  const many = makeRoot({
    ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`issues/${String(i + 1).padStart(4, '0')}-x.md`, cleanIssue({ number: i + 1, status: 'ready' })])),
    ...footer,
  });
  for (const root of [one, many]) {
    const result = await runCli(['lint', '--no-cache'], { cwd: root });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /templates\/partials\/footer\.html\.hbs:2:9: Unexpected field `opinon`, expected a field of the view model/);
    assert.doesNotMatch(result.stdout + result.stderr, /Unexpected failure of rule|email-size|report this as a bug/);
  }
});

test('--list-rules with issue files, --fix or --max-warnings is a usage error (exit 2) naming them: it lints nothing, and exit 0 would read as a clean lint', async () => {
  const root = makeRoot({});
  const result = await runCli(['lint', '--list-rules', 'issues/x.md', '--fix', '--max-warnings', '0'], { cwd: root });
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /Unexpected issue files and --fix and --max-warnings with --list-rules, which lists the rules and lints nothing/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.equal((await runCli(['lint', '--list-rules', '--fix'], { cwd: root })).code, 2);
});

test('lint run from a folder outside the newsletter names each file by its absolute path, not by a path climbing out of the folder; one inside it relative to it', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue({ title: 'TODO' }) });
  const elsewhere = await mkdtemp(join(tmpdir(), 'paperboy-elsewhere-'));
  const file = join(root, 'issues', '0001-x.md');
  for (const argv of [['lint', '--no-cache', file], ['lint', '--no-cache', '--root', root]]) {
    const result = spawnCli(argv, { cwd: elsewhere });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, new RegExp(`^${file.replaceAll('/', '\\/')}:\\d+:\\d+ `, 'm'), result.stdout);
    assert.doesNotMatch(result.stdout, /\.\.\//);
  }
  assert.match(spawnCli(['lint', '--no-cache'], { cwd: join(root, 'issues') }).stdout, /^0001-x\.md:\d+:\d+ /m);
});
