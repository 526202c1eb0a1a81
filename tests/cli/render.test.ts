import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, makeRoot, makeSettledRoot } from '../helpers/fixture.js';
import { issueFilesOpened } from '../helpers/fs-spy.js';
import { parseEml } from '../helpers/render.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

const withNotes = cleanIssue({ number: 4, title: 'Notes inside' }).replace(
  '    opinion: |',
  '    notes: |\n      Check the second table with the authors before sending.\n    opinion: |',
);
const root = makeRoot({ 'issues/0003-a.md': cleanIssue({ number: 3 }), 'issues/0004-b.md': withNotes });

test('render: html by default, to stdout, for an issue number', async () => {
  const result = await runCli(['render', '3'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^<!DOCTYPE html>/);
  assert.match(result.stdout, /Are Emergent Abilities of Large Language Models a Mirage\?/);
  assert.match(result.stdout, /unsubscribe\?token=PLACEHOLDER/);
});

test('render and sends: an issue number written `#3`, as a subject writes it, names issue 3', async () => {
  const result = await runCli(['render', '#3', '--format', 'text'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, (await runCli(['render', '3', '--format', 'text'], { cwd: root })).stdout);
  const sends = await runCli(['sends', '#3'], { cwd: root });
  assert.equal(sends.code, 0, sends.stderr);
  assert.match(sends.stdout, /^Issue 3 has not been sent\.$/m);
});

test('render: an issue given by path, as plaintext', async () => {
  const result = await runCli(['render', 'issues/0004-b.md', '--format', 'text'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Notes inside\n============$/m);
  assert.doesNotMatch(result.stdout, /second table/);
});

test('render: --format eml --out writes the complete message and prints its path', async () => {
  const out = join(root, 'issue-3.eml');
  const result = await runCli(['render', '3', '--format', 'eml', '--out', 'issue-3.eml'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `${out}\n`);
  const mail = await parseEml(readFileSync(out));
  assert.equal(mail.subject, '#3: Emergence mirages');
  assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'subscriber@example.invalid');
  assert.ok(mail.text && mail.html);
});

test('render: --review shows the REVIEW banner, the private notes and the lint messages', async () => {
  const html = await runCli(['render', '4', '--review'], { cwd: root });
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /<strong>REVIEW<\/strong>/);
  assert.match(html.stdout, /Check the second table with the authors before sending\./);
  const text = await runCli(['render', '4', '--review', '--format', 'text'], { cwd: root });
  assert.match(text.stdout, /^REVIEW: a proof for reviewers/m);
  assert.match(text.stdout, /Check the second table/);
  const eml = await runCli(['render', '4', '--review', '--format', 'eml'], { cwd: root });
  assert.match(eml.stdout, /^Subject: \[REVIEW\] #4: Notes inside/m);
});

test('render: --review lists the lint messages of the issue', async () => {
  const noOpinion = makeRoot({ 'issues/0001-a.md': cleanIssue().replace(/ {4}opinion: \|\n.*\n/, '') });
  const result = await runCli(['render', '1', '--review', '--format', 'text'], { cwd: noOpinion });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Lint messages:\n- \d+:\d+ warning: Missing opinion for/);
});

test('render: an unknown issue number exits 2 and lists the available numbers', async () => {
  const result = await runCli(['render', '9'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /No issue has number 9/);
  assert.match(result.stderr, /Available issue numbers: 3, 4\./);
});

test('render: a missing file and an unknown format exit 2', async () => {
  assert.equal((await runCli(['render', 'issues/nope.md'], { cwd: root })).code, 2);
  const format = await runCli(['render', '3', '--format', 'pdf'], { cwd: root });
  assert.equal(format.code, 2);
  assert.match(format.stderr, /pdf/);
});

test('render N: an issue whose frontmatter cannot be read is named with what is wrong, and exits 1', async () => {
  const broken = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0009-broken.md': cleanIssue({ number: 9 }).replace('title: Emergence mirages', 'title: [unclosed'),
  });
  const result = await runCli(['render', '9'], { cwd: broken });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stderr, /No issue has number/);
  assert.match(result.stderr, /Cannot read issue 9: .*0009-broken\.md:\d+:\d+: Unexpected YAML/);
  assert.match(result.stderr, /issue 9 by its name, but its frontmatter cannot be read until this is fixed/);
  assert.doesNotMatch(result.stderr, /gives no number/, 'the number is there: the YAML error is what to fix');
});

test('an issue file whose frontmatter cannot be read is named as lint names it, from the current folder, in render, send, sends and preview', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0009-broken.md': cleanIssue({ number: 9 }).replace('title: Emergence mirages', 'title: [unclosed'),
  });
  const lint = await runCli(['lint', 'issues/0009-broken.md'], { cwd: root });
  assert.match(lint.stdout, /^issues\/0009-broken\.md:3:16 /m);
  for (const command of [['render', '9'], ['send', '9', '--dry-run'], ['sends', '9'], ['preview', '9']]) {
    const result = await runCli(command, { cwd: root });
    assert.match(result.stderr, /^paperboy: Cannot read issue 9: issues\/0009-broken\.md:3:16: /m, command.join(' '));
    assert.match(result.stderr, /\(`paperboy lint issues\/0009-broken\.md` lists every problem\)/, command.join(' '));
    assert.doesNotMatch(result.stderr, new RegExp(root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), command.join(' '));
  }
  const fromIssues = await runCli(['render', '9', '--root', '..'], { cwd: join(root, 'issues') });
  assert.match(fromIssues.stderr, /Cannot read issue 9: 0009-broken\.md:3:16: .*`paperboy lint 0009-broken\.md`/s);
});

test('render N: a file past a content limit (10,001 table cells) is named at the limit, and its frontmatter, which reads fine, is not blamed', async () => {
  const table = `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(3400)}`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-big.md': cleanIssue({ number: 2, body: table }) });
  const result = await runCli(['render', '2'], { cwd: root });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Cannot read issue 2: .*0002-big\.md:\d+:\d+: Unexpected file with more than 10,000 `\|`/);
  assert.match(result.stderr, /issue 2 by its name, but its text cannot be read until this is fixed/);
  assert.doesNotMatch(result.stderr, /frontmatter/);
});

test('render and preview by path: a file whose number cannot be read is refused as by number, never shown as issue 0', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0007-q.md': cleanIssue({ number: 7 }).replace('number: 7', 'number: "7"'),
    'elsewhere/draft.md': cleanIssue({ number: 8 }).replace('number: 8', 'number: eight'),
  });
  for (const [reference, byName] of [['issues/0007-q.md', /The file is issue 7 by its name, but its frontmatter cannot be read/], ['elsewhere/draft.md', /The file's frontmatter cannot be read/]] as const) {
    for (const command of [['render', reference, '--format', 'text'], ['preview', reference, '--width', '60']]) {
      const result = await runCli(command, { cwd: root });
      assert.equal(result.code, 1, `${command.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', command.join(' '));
      assert.match(result.stderr, new RegExp(`Cannot read issue ${reference}: .*:\\d+:\\d+: Unexpected`), command.join(' '));
      assert.match(result.stderr, byName, command.join(' '));
    }
  }
  const byNumber = await runCli(['render', '7', '--format', 'text'], { cwd: root });
  assert.equal(byNumber.code, 1);
  assert.match(byNumber.stderr, /Cannot read issue 7: /);
});

test('render, preview, send and sends: an issue file that cannot be opened (a folder, a FIFO, a link loop, a link to nothing) exits 2, saying why and what to do', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  const issues = join(root, 'issues');
  mkdirSync(join(issues, '0006-dir.md'));
  execFileSync('mkfifo', [join(issues, '0007-fifo.md')]);
  symlinkSync('0009-loop.md', join(issues, '0008-loop.md'));
  symlinkSync('0008-loop.md', join(issues, '0009-loop.md'));
  symlinkSync('nowhere.md', join(issues, '0010-gone.md'));
  const cases: [number: number, reason: RegExp, fix: RegExp][] = [
    [6, /0006-dir\.md: a folder, not a file$/m, /^ {2}Name the issue file, or rename the folder so its name does not end in `\.md`/m],
    [7, /0007-fifo\.md: a named pipe \(FIFO\), not a regular file$/m, /^ {2}Save the issue as a regular file in its place/m],
    [8, /0008-loop\.md: its symbolic links lead back to each other, never to a file \(ELOOP\)$/m, /^ {2}Point the link at the file itself \(`ls -l \S*0008-loop\.md` shows where it leads\), or remove it\.$/m],
    [10, /0010-gone\.md: a symbolic link to `nowhere\.md`, which does not exist \(ENOENT\)$/m, /^ {2}Point the link at an existing file/m],
  ];
  for (const [number, reason, fix] of cases) {
    const name = readdirSync(issues).find((file) => file.startsWith(`00${String(number).padStart(2, '0')}-`))!;
    for (const command of [['render', String(number)], ['render', `issues/${name}`], ['preview', String(number), '--no-pager'], ['send', String(number), '--dry-run'], ['sends', String(number)]]) {
      const result = await runCli(command, { cwd: root, env: { PAPERBOY_SECRET: 'a-secret-of-at-least-32-characters-long' } });
      const label = command.join(' ');
      assert.equal(result.code, 2, `${label}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^paperboy: Cannot read issue ${command[1]}: `), label);
      assert.match(result.stderr, reason, label);
      assert.match(result.stderr, fix, label);
      assert.doesNotMatch(result.stderr, /frontmatter cannot be read/, label);
    }
  }
});

test('render and preview: a folder named as the issue is refused with what to name instead, not advice to rename the folder', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  mkdirSync(join(root, 'issues', 'drafts'));
  for (const command of [['render', 'issues/drafts'], ['preview', 'issues/drafts', '--no-pager']]) {
    const result = await runCli(command, { cwd: root });
    const label = command.join(' ');
    assert.equal(result.code, 2, `${label}: ${result.stderr}`);
    assert.match(result.stderr, /^paperboy: Cannot read issue issues\/drafts: .*drafts: a folder, not a file\n {2}Name an issue file \(or pass the issue's number\), not a folder\.\n$/, label);
  }
});

test('render and preview: an issue file paperboy may not read exits 2 saying so and how to allow it (skipped when running as root, who can read anything)', { skip: process.getuid?.() === 0 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  chmodSync(join(root, 'issues', '0002-b.md'), 0o000);
  for (const command of [['render', '2'], ['render', 'issues/0002-b.md'], ['preview', '2', '--no-pager']]) {
    const result = await runCli(command, { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /0002-b\.md: permission denied \(EACCES\)\n {2}Let your user read it/);
  }
});

test('render: an issue file whose bytes are not UTF-8 text is refused as content (exit 1), saying its text cannot be read', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  writeFileSync(join(root, 'issues', '0002-latin.md'), Buffer.from('---\nnumber: 2\ntitle: Caf\xe9\n', 'latin1'));
  for (const reference of ['2', 'issues/0002-latin.md']) {
    const result = await runCli(['render', reference], { cwd: root });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /0002-latin\.md:3:11: Unexpected invalid UTF-8 byte sequence/);
    assert.match(result.stderr, /its text cannot be read until this is fixed/);
  }
});

test('render and sends: an issue number no issue can have is refused as typed (exit 2), never read as a neighbour', async () => {
  for (const command of ['render', 'sends']) {
    const cases: [typed: string, bound: string][] = [
      ['99999999999999999999', 'expected at most 9007199254740991'],
      ['0', 'expected 1 or more'],
    ];
    for (const [typed, bound] of cases) {
      const result = await runCli([command, typed], { cwd: root });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`^paperboy: Unexpected issue number \`${typed}\`, ${bound}: an issue's \`number\` is a whole number from 1 to 9007199254740991\n`));
    }
  }
  const unknown = await runCli(['render', '0099'], { cwd: root });
  assert.match(unknown.stderr, /^paperboy: No issue has number 0099 in /);
  // A number written otherwise than in digits is not taken for the path it would be.
  for (const typed of ['-1', '1e2', '0x10', '5.0', '+3']) {
    const result = await runCli(['render', typed], { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^paperboy: Unexpected issue number \`${typed.replace(/[.+]/g, '\\$&')}\`, expected a whole number in digits, such as 5, or the path of an issue file\n`), typed);
  }
});

test('render, preview and build refuse a frontmatter text whose start YAML reads as a tag (`title: !Surprise …`), naming the tag\'s line and column', async () => {
  const tagged = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, title: '!Surprise results in interpretability' }) });
  for (const command of [['render', '1', '--format', 'text'], ['preview', '1', '--width', '60'], ['build']]) {
    const result = await runCli(command, { cwd: tagged });
    assert.equal(result.code, 1, `${command.join(' ')}: ${result.stderr}`);
    assert.doesNotMatch(result.stdout, /results in interpretability/, command.join(' '));
    assert.match(result.stderr, /0001-a\.md:3:8: Unexpected YAML tag `!Surprise` in the unquoted text of `title`/, command.join(' '));
  }
  const lint = await runCli(['lint'], { cwd: tagged });
  assert.equal(lint.code, 1);
  assert.match(lint.stdout, /3:8 +error +Unexpected YAML tag `!Surprise`.* +yaml-syntax/);
});

test('render N: an unknown number also lists the files whose number cannot be read', async () => {
  const broken = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/draft.md': cleanIssue({ number: 2 }).replace('number: 2', 'number: two'),
  });
  const result = await runCli(['render', '5'], { cwd: broken });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Available issue numbers: 1\. Without a readable number \(`paperboy lint` says why\): draft\.md\./);
});

test('render: lint errors are printed on stderr first (file:line:column), the email is still written, and the exit code is 1', async () => {
  const impossible = makeRoot({ 'issues/0001-a.md': cleanIssue({ date: '2023-02-30' }) });
  const result = await runCli(['render', '1', '--format', 'text'], { cwd: impossible });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^issues\/0001-a\.md:4:7 {2}error {2}Unexpected date `2023-02-30` .* {2}date-valid$/m);
  assert.match(result.stderr, /has 1 lint error; the email is rendered anyway/);
  assert.match(result.stdout, /Issue #1, 30 February 2023/);
});

test('render: one lint error is said as one ("fix it"), two as two ("fix them")', async () => {
  const one = makeRoot({ 'issues/0001-a.md': cleanIssue({ date: '2023-02-30' }) });
  assert.match((await runCli(['render', '1', '--format', 'text'], { cwd: one })).stderr, /has 1 lint error; the email is rendered anyway, fix it before sending\.$/m);
  const two = makeRoot({ 'issues/0001-a.md': cleanIssue({ date: '2023-02-30', title: 'TODO' }) });
  assert.match((await runCli(['render', '1', '--format', 'text'], { cwd: two })).stderr, /has 2 lint errors; the email is rendered anyway, fix them before sending\.$/m);
});

test('render PATH: a file whose frontmatter cannot be read gets its lint error and the refusal, not "the email is rendered anyway" before it', async () => {
  for (const text of ['', '---\nnumber: 1\ntitle: Unclosed\n']) {
    const root = makeRoot({ 'issues/0001-a.md': text });
    const result = await runCli(['render', 'issues/0001-a.md'], { cwd: root });
    assert.equal(result.code, 1, JSON.stringify(text));
    assert.match(result.stderr, /Cannot read issue issues\/0001-a\.md: .*0001-a\.md(:\d+:\d+)?: /);
    assert.doesNotMatch(result.stderr, /rendered anyway/);
  }
});

test('render: a clean issue prints nothing on stderr and exits 0', async () => {
  const result = await runCli(['render', '3'], { cwd: root });
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
});

test('render: a javascript: paper url is a warning naming file:line:column, and no link in any format', async () => {
  const hostile = makeRoot({
    'issues/0001-a.md': cleanIssue().replace('url: https://arxiv.org/abs/2304.15004', 'url: "javascript:alert(1)"'),
  });
  for (const format of ['html', 'text', 'eml']) {
    const result = await runCli(['render', '1', '--format', format], { cwd: hostile });
    assert.equal(result.code, 1, 'paper-url is a lint error');
    assert.match(result.stderr, /^issues\/0001-a\.md:\d+:\d+ {2}error {2}Unexpected URL `javascript:alert\(1\)`.* {2}paper-url$/m);
    assert.match(
      result.stderr,
      /^issues\/0001-a\.md:9:10 {2}warning {2}Unexpected URL scheme `javascript:` in `javascript:alert\(1\)`, expected one of http, https, .*; the title is shown without a link$/m,
    );
    assert.doesNotMatch(result.stdout, /javascript/i);
    assert.match(result.stdout, /Are Emergent Abilities/);
  }
});

test('render: in a newsletter read before, only the issue rendered is read again (the others by stored hash and facts), and the email is the same', async () => {
  const settled = makeSettledRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  const first = await runCli(['render', '2'], { cwd: settled });
  assert.equal(first.code, 0, first.stderr);
  const again = await issueFilesOpened(settled, () => runCli(['render', '2'], { cwd: settled }));
  assert.deepEqual(again.opened, [join(settled, 'issues', '0002-b.md')]);
  assert.equal(again.value.stdout, first.stdout);
});

test('render: an issue file that is not the bytes its stored hash names (changed as it was read) is an error saying to run again, and the next render reads it anew', async () => {
  const settled = makeSettledRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  const first = await runCli(['render', '2'], { cwd: settled });
  const store = join(settled, '.paperboy', 'cache', 'file-hashes.json');
  const stored = JSON.parse(readCacheFile(store)!.toString()) as { files: [string, string, string, boolean][] };
  for (const entry of stored.files) if (entry[0].endsWith('0002-b.md')) entry[2] = '0'.repeat(64);
  writeCacheFile(store, JSON.stringify(stored));
  const failed = await runCli(['render', '2'], { cwd: settled });
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /0002-b\.md changed or was removed while paperboy read it/);
  assert.match(failed.stderr, /Run the command again/);
  assert.doesNotMatch(failed.stderr, /\n\s+at /, 'no stack trace');
  const again = await runCli(['render', '2'], { cwd: settled });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, first.stdout);
});

test('render and preview with a dataDir that cannot be written (a file) show the issue as usual: the caches cost time, not the output', async () => {
  const files = { 'issues/0001-a.md': cleanIssue({ number: 1 }), 'a-file': '' };
  const usual = makeRoot(files);
  const blocked = makeRoot(files, `${CONFIG_YAML}dataDir: a-file\n`);
  for (const command of [['render', '1'], ['render', '1', '--format', 'text'], ['preview', '1']]) {
    const expected = await runCli(command, { cwd: usual });
    const result = await runCli(command, { cwd: blocked });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, expected.stdout, command.join(' '));
  }
});

test('render: a footer the templates hide is reported against the issue rendered, not another unsent issue the lint renders', async () => {
  const footer = readFileSync(join(import.meta.dirname, '../../templates/partials/footer.html.hbs'), 'utf8');
  const hidden = footer.replace('<a class="muted" href="{{links.unsubscribe}}">', '<a class="muted" style="display:none" href="{{links.unsubscribe}}">');
  assert.notEqual(hidden, footer);
  const hiding = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.md': cleanIssue({ number: 2, status: 'ready' }),
    'templates/partials/footer.html.hbs': hidden,
  });
  for (const issue of ['1', '2']) {
    const result = await runCli(['render', issue], { cwd: hiding });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`footer\\.html\\.hbs:\\d+:\\d+: Missing the unsubscribe link .* in the HTML email of issue ${issue} \\(`), issue);
  }
});

test('render --format text: a Thai summary wraps at 72 columns between its words', async () => {
  const thai = 'ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ'.repeat(6);
  const thaiRoot = makeRoot({ 'issues/0001-a.md': cleanIssue().replace('Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.', thai) });
  const result = await runCli(['render', '1', '--format', 'text'], { cwd: thaiRoot });
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n').filter((line) => /[\u0e00-\u0e7f]/u.test(line));
  assert.ok(lines.length > 1, result.stdout);
  assert.equal(lines.join(''), thai);
  const columns = (line: string) => line.replace(/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/gu, '').length;
  assert.ok(lines.every((line) => columns(line) <= 72), lines.join('\n'));
});

test('render and send print an issue\'s lint errors as `paperboy lint` prints them: the same lines, their columns aligned alike (places of two widths, messages of two lengths)', async () => {
  // Errors at 3:8 and 4:7 (places of one width) and one further down (two digits of line), messages of different lengths.
  const issue = cleanIssue({ date: '2023-02-30', title: 'TODO' }).replace('    summary: |', '    sumary: |');
  const broken = makeRoot({ 'issues/0001-a.md': issue });
  const lintRows = (await runCli(['lint', '--no-color'], { cwd: broken })).stdout.split('\n').filter((line) => line.startsWith('issues/') && / error /.test(line));
  assert.ok(lintRows.length >= 3, lintRows.join('\n'));
  assert.ok(new Set(lintRows.map((row) => row.split(' ')[0]!.length)).size > 1, 'places of two widths');
  const printed = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('issues/'));
  assert.deepEqual(printed((await runCli(['render', '1', '--format', 'text'], { cwd: broken })).stderr), lintRows.map((row) => row.trimEnd()));
  assert.deepEqual(printed((await runCli(['send', '1', '--yes'], { cwd: broken })).stderr), lintRows.map((row) => row.trimEnd()));
});
