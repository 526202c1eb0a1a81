import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, configWith, makeRoot, paperYaml } from '../helpers/fixture.js';

/** cleanIssue without its paper's opinion: an `opinion-missing` warning, advice for an issue being written. */
function withoutOpinion(options: Parameters<typeof cleanIssue>[0]): string {
  return cleanIssue(options).replace(/ {4}opinion: \|\n.*\n/, '');
}

/** An issue after cleanIssue's (number 2, a week later), of another paper, not yet sent. */
const SECOND = { number: 2, status: 'ready', date: '2023-06-05', papers: paperYaml({ title: 'Sparse autoencoders', url: 'https://arxiv.org/abs/2309.08600', arxiv: '2309.08600' }) };

/** `paperboy lint ARGS --format json` in `root`: the exit code and each file's `ruleId line` list, by file name. */
async function lintJson(root: string, args: string[] = []) {
  const result = await runCli(['lint', '--no-cache', '--format', 'json', ...args], { cwd: root });
  const files = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
  const byFile = Object.fromEntries(files.map((file) => [file.filePath.split('/').at(-1)!, file.messages.map((m) => `${m.ruleId} ${m.line}`)]));
  return { code: result.code, byFile };
}

test('lint: a sent issue gets no editorial advice (opinion-missing), an issue not yet sent does', async () => {
  const root = makeRoot({
    'issues/0001-a.md': withoutOpinion({ number: 1, status: 'sent' }),
    'issues/0002-b.md': withoutOpinion(SECOND),
  });
  const { code, byFile } = await lintJson(root);
  assert.deepEqual(byFile, { '0001-a.md': [], '0002-b.md': ['opinion-missing 8'] });
  assert.equal(code, 0);
});

test('lint: a problem a sent issue\'s published page still has (a `paper:` link to nothing) is still an error', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'sent', body: 'See [the lost paper](paper:2401.00001).' }) });
  const { code, byFile } = await lintJson(root);
  assert.deepEqual(byFile, { '0001-a.md': ['xref-unknown 21'] });
  assert.equal(code, 1);
});

test('lint: a section removed from the config\'s `sections` is no error on the issues sent under it, and one on an issue not yet sent', async () => {
  const root = makeRoot(
    {
      'issues/0001-a.md': cleanIssue({ number: 1, status: 'sent' }),
      'issues/0002-b.md': cleanIssue(SECOND),
    },
    configWith('sections: [Governance]'),
  );
  const { code, byFile } = await lintJson(root);
  assert.deepEqual(byFile, { '0001-a.md': [], '0002-b.md': ['section-known 11'] });
  assert.equal(code, 1);
});

test('lint --sent: a sent issue\'s editorial advice is reported too', async () => {
  const root = makeRoot({ 'issues/0001-a.md': withoutOpinion({ status: 'sent' }) });
  const { byFile } = await lintJson(root, ['--sent']);
  assert.deepEqual(byFile, { '0001-a.md': ['opinion-missing 8'] });
});

test('lint FILE: a sent issue named on the command line gets its advice, one named through its folder does not', async () => {
  const root = makeRoot({ 'issues/0001-a.md': withoutOpinion({ status: 'sent' }) });
  assert.deepEqual((await lintJson(root, ['issues/0001-a.md'])).byFile, { '0001-a.md': ['opinion-missing 8'] });
  assert.deepEqual((await lintJson(root, ['issues'])).byFile, { '0001-a.md': [] });
});

test('lint: a sent issue whose `status` cannot be read is not taken as sent: its advice is said', async () => {
  const root = makeRoot({ 'issues/0001-a.md': withoutOpinion({ status: 'Sent' }) });
  const { byFile } = await lintJson(root);
  assert.ok(byFile['0001-a.md']!.includes('opinion-missing 8'), JSON.stringify(byFile));
});

test('lint --max-warnings: the advice not said of a sent issue does not count', async () => {
  const root = makeRoot({ 'issues/0001-a.md': withoutOpinion({ status: 'sent' }) });
  const result = await runCli(['lint', '--no-cache', '--max-warnings', '0'], { cwd: root });
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

test('lint --fix: a sent issue\'s advice that is not reported is not fixed either (its trailing spaces stay)', async () => {
  const text = cleanIssue({ status: 'sent', body: 'Welcome to the first issue.   ' });
  const root = makeRoot({ 'issues/0001-a.md': text });
  const result = await runCli(['lint', '--no-cache', '--fix'], { cwd: root });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.equal(readFileSync(join(root, 'issues/0001-a.md'), 'utf8'), text);
  await runCli(['lint', '--no-cache', '--fix', 'issues/0001-a.md'], { cwd: root });
  assert.equal(readFileSync(join(root, 'issues/0001-a.md'), 'utf8'), text.replace('issue.   ', 'issue.'));
});

test('lint --list-rules --format json: each rule says whether it reports on sent issues or gives advice', async () => {
  const root = makeRoot({});
  const listed = JSON.parse((await runCli(['lint', '--list-rules', '--format', 'json'], { cwd: root })).stdout) as { id: string; sent: string }[];
  assert.equal(listed.find((rule) => rule.id === 'opinion-missing')!.sent, 'advice');
  assert.equal(listed.find((rule) => rule.id === 'xref-unknown')!.sent, 'report');
});

test('lint --list-rules --sent: refused (exit 2), as files, --fix and --max-warnings are: it lints nothing', async () => {
  const result = await runCli(['lint', '--list-rules', '--sent'], { cwd: makeRoot({}) });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Unexpected --sent with --list-rules, which lists the rules and lints nothing/);
});
