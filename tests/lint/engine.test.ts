import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig, type Config } from '../../src/config/load.js';
import { lintIssues } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import type { FileResult, Rule } from '../../src/lint/types.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

/** Enough issues for the worker pool, and a few broken files among them. */
async function newsletter(): Promise<{ root: string; config: Config; issue: (name: string) => string }> {
  const root = await mkdtemp(join(tmpdir(), 'paperboy-engine-'));
  await writeCorpus(root, { issues: 30 });
  const issue = (name: string) => join(root, 'issues', name);
  writeFileSync(issue('0031-broken-yaml.md'), '---\nnumber: 31\ntitle: [unclosed\n---\n\nBody.\n');
  writeFileSync(issue('0032-binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
  writeFileSync(issue('0033-duplicate.md'), cleanIssue({ number: 3 }));
  mkdirSync(issue('0034-a-directory.md'));
  return { root, config: await loadConfig(root), issue };
}

/** What a run without cache or workers reports: the reference for every other way of linting. */
function reference(config: Config): Promise<FileResult[]> {
  return lintIssues(config, { rules });
}

function cacheFile(config: Config): string {
  return join(config.dataDir, 'cache', 'lint.json');
}

test('lint: many files are linted in worker threads with the results of an in-process run', async () => {
  const { config } = await newsletter();
  const inWorkers = await lintIssues(config, { cache: false });
  assert.equal(inWorkers.length, 34);
  assert.ok(inWorkers.some((result) => result.errorCount > 0));
  assert.deepEqual(inWorkers, await reference(config));
});

test('lint cache: cold, warm and after an edit, a run reports what a run without the cache reports', async () => {
  const { config, issue } = await newsletter();
  assert.deepEqual(await lintIssues(config), await reference(config));
  const written = statSync(cacheFile(config)).mtimeMs;

  assert.deepEqual(await lintIssues(config), await reference(config));
  assert.equal(statSync(cacheFile(config)).mtimeMs, written, 'a run that linted nothing new does not rewrite the cache');

  const edited = issue(readdirSync(config.issuesDir).find((name) => name.startsWith('0007-'))!);
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('    summary: |\n      ', '    summary: |\n      TODO: finish this. '));
  const afterEdit = await lintIssues(config);
  assert.deepEqual(afterEdit, await reference(config));
  assert.ok(afterEdit.some((result) => result.messages.some((m) => m.ruleId === 'no-placeholder')));
});

test('lint cache: a corrupt or truncated cache is discarded, never trusted', async () => {
  const { config } = await newsletter();
  await lintIssues(config);
  const intact = readFileSync(cacheFile(config), 'utf8');

  writeFileSync(cacheFile(config), intact.slice(0, intact.length >> 1));
  assert.deepEqual(await lintIssues(config), await reference(config));

  writeFileSync(cacheFile(config), Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
  assert.deepEqual(await lintIssues(config), await reference(config));

  writeFileSync(cacheFile(config), intact.replace('"messages":[', '"messages":{'));
  assert.deepEqual(await lintIssues(config), await reference(config));
});

/** Rewrites the cache as another process could: a made-up message for every file. */
function plantMessage(config: Config): void {
  const planted = readFileSync(cacheFile(config), 'utf8').replaceAll(
    '"messages":[',
    '"messages":[{"ruleId":"planted","severity":"warning","message":"from the cache","line":1,"column":1,"endLine":1,"endColumn":1},',
  );
  writeFileSync(cacheFile(config), planted.replaceAll('},]', '}]'));
}

const planted = (results: FileResult[]) => results.filter((result) => result.messages.some((m) => m.ruleId === 'planted')).length;

test('lint cache: an entry is used while its file is unchanged, and read again when another process rewrote the cache', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const config = configOf(root);
  await lintIssues(config);
  plantMessage(config);
  assert.equal(planted(await lintIssues(config)), 2);

  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, title: 'Changed' }));
  assert.equal(planted(await lintIssues(config)), 1);
});

test('lint cache: a change of the lint settings starts afresh', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  await lintIssues(configOf(root));
  plantMessage(configOf(root));
  const otherSettings = configOf(root, `${readFileSync(join(root, 'paperboy.config.yaml'), 'utf8')}lint: { rules: { opinion-missing: error } }\n`);
  assert.equal(planted(await lintIssues(otherSettings)), 0);
});

test('lint cache: --fix applies the fixes of an outcome read from the cache', async () => {
  const untidy = cleanIssue().replace('Welcome to the first issue.', 'Welcome to the first issue.  ');
  const root = makeRoot({ 'issues/0001-a.md': untidy });
  const config = configOf(root);
  const [before] = await lintIssues(config);
  assert.ok(before!.messages.some((m) => m.ruleId === 'no-trailing-spaces'));

  const [fixed] = await lintIssues(config, { fix: true });
  assert.equal(readFileSync(join(root, 'issues', '0001-a.md'), 'utf8'), cleanIssue());
  assert.deepEqual(fixed!.messages, []);
});

test('lint cache: a file rewritten in place between two runs of one process is linted again, even at the same size', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const config = configOf(root);
  const path = join(root, 'issues', '0001-a.md');
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path, anHourAgo, anHourAgo);
  assert.deepEqual(await lintIssues(config), await reference(config));

  const edited = cleanIssue().replace('Welcome to', 'TODO: a to');
  assert.equal(edited.length, cleanIssue().length);
  writeFileSync(path, edited);
  const aMinuteLater = new Date(anHourAgo.getTime() + 60_000);
  utimesSync(path, aMinuteLater, aMinuteLater);
  const [result] = await lintIssues(config, { files: [path] });
  assert.deepEqual(result!.messages.map((m) => m.ruleId), ['no-placeholder']);
});

test('editing a template invalidates the lint cache (email-size renders with the templates)', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const config = configOf(root);
  await lintIssues(config);
  const cacheFile = join(root, '.paperboy', 'cache', 'lint.json');
  const before = readFileSync(cacheFile, 'utf8').split('\n')[0];
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(root, 'templates', 'partials', 'footer.html.hbs'), '<p>{{newsletter.postalAddress}}</p>');
  await lintIssues(config);
  assert.notEqual(readFileSync(cacheFile, 'utf8').split('\n')[0], before);
});

test('an in-process lint leaves the trees it parsed for a render in the same run', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  await lintIssues(configOf(root));
  assert.equal(readdirSync(join(root, '.paperboy', 'cache', 'trees')).length, 1);
  const uncached = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  await lintIssues(configOf(uncached), { cache: false });
  assert.throws(() => readdirSync(join(uncached, '.paperboy', 'cache', 'trees')), /ENOENT/);
});

test('a rule that throws on one file is that file’s diagnostic under its id; the other rules and files still run', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, body: 'TODO' }), 'issues/0002-b.md': cleanIssue({ number: 2, body: 'TODO' }) });
  const failing: Rule = {
    id: 'throws-on-one',
    severity: 'warning',
    scope: 'file',
    doc: 'Throws on the first issue (a bug of ours)',
    check({ issue }) {
      if (issue?.number === 1) throw new RangeError('Maximum call stack size exceeded');
    },
  };
  const placeholder = rules.find((rule) => rule.id === 'no-placeholder')!;
  const [first, second] = await lintIssues(configOf(root), { rules: [failing, placeholder], cache: false });
  assert.deepEqual(
    first!.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]),
    [['throws-on-one', 'error', 1, 1], ['no-placeholder', 'error', 21, 1]],
  );
  assert.equal(first!.messages[0]!.message, 'Unexpected failure of rule `throws-on-one` on this file (RangeError: Maximum call stack size exceeded), expected a result: the other rules ran; report this as a bug in paperboy, or turn the rule off in `lint.rules`');
  assert.deepEqual(second!.messages.map((m) => m.ruleId), ['no-placeholder']);
});
