import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { loadConfig, type Config } from '../../src/config/load.js';
import { TreeCache } from '../../src/issue/tree-cache.js';
import { Workspace } from '../../src/issue/workspace.js';
import { lintIssues } from '../../src/lint/engine.js';
import { LintSession } from '../../src/lint/session.js';
import { rules } from '../../src/lint/rules/index.js';
import type { FileResult, Rule } from '../../src/lint/types.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { spawnCli } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

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
  const intact = readCacheFile(cacheFile(config))!.toString();

  writeCacheFile(cacheFile(config), intact.slice(0, intact.length >> 1));
  assert.deepEqual(await lintIssues(config), await reference(config));

  writeCacheFile(cacheFile(config), Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
  assert.deepEqual(await lintIssues(config), await reference(config));

  writeCacheFile(cacheFile(config), intact.replace('"messages":[', '"messages":{'));
  assert.deepEqual(await lintIssues(config), await reference(config));

  // A letter of a message changed on the disk: the file still parses, and its hash no longer matches.
  await lintIssues(config);
  const damaged = readFileSync(cacheFile(config), 'utf8');
  assert.match(damaged, /Unexpected/);
  writeFileSync(cacheFile(config), damaged.replace('Unexpected', 'UnexpecteD'));
  assert.deepEqual(await lintIssues(config), await reference(config));
});

/** Rewrites the cache as another process could: a made-up message for every file. */
function plantMessage(config: Config): void {
  const planted = readCacheFile(cacheFile(config))!.toString().replaceAll(
    '"messages":[',
    '"messages":[{"ruleId":"planted","severity":"warning","message":"from the cache","line":1,"column":1,"endLine":1,"endColumn":1},',
  );
  writeCacheFile(cacheFile(config), planted.replaceAll('},]', '}]'));
}

const planted = (results: FileResult[]) => results.filter((result) => result.messages.some((m) => m.ruleId === 'planted')).length;

test('lint cache: an entry is used while its file is unchanged, and read again when another process rewrote the cache', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const config = configOf(root);
  // One long-running process: its session remembers the cache it wrote.
  const session = new LintSession();
  await lintIssues(config, { session });
  plantMessage(config);
  assert.equal(planted(await lintIssues(config, { session })), 2);

  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, title: 'Changed' }));
  assert.equal(planted(await lintIssues(config, { session })), 1);
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

test('lint --fix replaces the file whole (a fix killed mid-write leaves the text as it was, never truncated)', async () => {
  const untidy = cleanIssue().replace('Welcome to the first issue.', 'Welcome to the first issue.  ');
  const root = makeRoot({ 'issues/0001-a.md': untidy });
  const path = join(root, 'issues', '0001-a.md');
  const before = statSync(path).ino;
  await lintIssues(configOf(root), { fix: true });
  assert.equal(readFileSync(path, 'utf8'), cleanIssue());
  // Written beside the file and renamed over it (replace-file.ts `replaceEditedFile`): a new inode, no temporary file left.
  assert.notEqual(statSync(path).ino, before);
  assert.deepEqual(readdirSync(join(root, 'issues')), ['0001-a.md']);
});

test('lint cache: a file rewritten in place between two runs of one process is linted again, even at the same size', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const config = configOf(root);
  const path = join(root, 'issues', '0001-a.md');
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path, anHourAgo, anHourAgo);
  // One long-running process, which remembers each file's hash by its identity.
  const session = new LintSession();
  assert.deepEqual(await lintIssues(config, { session }), await reference(config));

  const edited = cleanIssue().replace('Welcome to', 'TODO: a to');
  assert.equal(edited.length, cleanIssue().length);
  writeFileSync(path, edited);
  const aMinuteLater = new Date(anHourAgo.getTime() + 60_000);
  utimesSync(path, aMinuteLater, aMinuteLater);
  const [result] = await lintIssues(config, { files: [path], session });
  assert.deepEqual(result!.messages.map((m) => m.ruleId), ['no-placeholder']);
});

/** A newsletter with one unsent issue, whose email-size result depends on the templates and the config. */
function unsentNewsletter(configYaml = CONFIG_YAML): { root: string; footer: string; config: () => Promise<Config> } {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'draft' }) }, configYaml);
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  return { root, footer: join(root, 'templates', 'partials', 'footer.html.hbs'), config: () => loadConfig(root) };
}

const ruleIds = (results: FileResult[]) => results.flatMap((result) => result.messages.map((m) => m.ruleId));
/** More than Gmail shows of an email, in one template or one config value. */
const CLIPPED = 'x'.repeat(110_000);
/** What every footer must show (render/required-footer.ts). */
const REQUIRED = '{{newsletter.postalAddress}} <a href="{{links.unsubscribe}}">Unsubscribe</a>';

test('a template edited in a long-running process is linted with the edit, and back (email-size never renders with stale templates)', async () => {
  const { footer, config } = unsentNewsletter();
  const settings = await config();
  assert.deepEqual(ruleIds(await lintIssues(settings)), []);
  writeFileSync(footer, `<p>${CLIPPED} ${REQUIRED}</p>`);
  assert.deepEqual(ruleIds(await lintIssues(settings)), ['email-size']);
  assert.deepEqual(ruleIds(await lintIssues(settings, { cache: false })), ['email-size'], 'as without the cache');
  writeFileSync(footer, `<p>${REQUIRED}</p>`);
  assert.deepEqual(ruleIds(await lintIssues(settings)), []);
});

test('a template edited between two lint processes changes the second one’s results', async () => {
  const { root, footer } = unsentNewsletter();
  assert.equal(spawnCli(['lint'], { cwd: root }).code, 0);
  writeFileSync(footer, `<p>${CLIPPED} ${REQUIRED}</p>`);
  const edited = spawnCli(['lint', '--format', 'json'], { cwd: root });
  assert.deepEqual(JSON.parse(edited.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId), ['email-size']);
});

test('every config key the email shows (postal address, name, description) is in the cache key: an edit changes the results, in-process and across processes', async () => {
  for (const key of ['postalAddress', 'name', 'description']) {
    const { root, footer, config } = unsentNewsletter(`${CONFIG_YAML}description: A newsletter\n`);
    // The built-in footer shows no description; a newsletter's own may.
    writeFileSync(footer, `<p>{{newsletter.name}}: {{newsletter.description}}, ${REQUIRED}</p>`);
    assert.deepEqual(ruleIds(await lintIssues(await config())), [], key);
    const file = join(root, 'paperboy.config.yaml');
    const text = readFileSync(file, 'utf8');
    const line = new RegExp(`^${key}: .*$`, 'm');
    assert.match(text, line);
    writeFileSync(file, text.replace(line, `${key}: ${CLIPPED}`));
    assert.deepEqual(ruleIds(await lintIssues(await config())), ['email-size'], `${key}, in-process`);
    writeFileSync(file, text);
    assert.deepEqual(ruleIds(await lintIssues(await config())), [], `${key}, back`);
    writeFileSync(file, text.replace(line, `${key}: ${CLIPPED}`));
    const across = spawnCli(['lint', '--format', 'json'], { cwd: root });
    assert.deepEqual(JSON.parse(across.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId), ['email-size'], `${key}, across processes`);
  }
});

test('a rule sees only the config keys it declares: reading another is a failure of that rule, so the cache cannot miss it', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const undeclared: Rule = {
    id: 'reads-from',
    severity: 'warning',
    scope: 'file',
    sent: 'report',
    doc: 'Reads `from` without declaring it',
    inputs: { config: ['name'] },
    check({ config, report, parsed }) {
      report({ message: `${config.name} ${config.from}`, position: parsed.locate(['title']) });
    },
  };
  const [result] = await lintIssues(configOf(root), { rules: [undeclared], cache: false });
  assert.match(result!.messages[0]!.message, /^Unexpected failure of rule `reads-from` on this file \(Error: Rule `reads-from` read `config.from` without declaring it in its `inputs.config`\)/);
});

test('the lint cache keys on what the rules declare: a config key no rule reads keeps the cached results', async () => {
  const { root, config } = unsentNewsletter();
  await lintIssues(await config());
  const cacheFile = join(root, '.paperboy', 'cache', 'lint.json');
  const before = readFileSync(cacheFile, 'utf8');
  const file = join(root, 'paperboy.config.yaml');
  writeFileSync(file, `${readFileSync(file, 'utf8')}replyTo: editor@example.org\n`);
  assert.deepEqual(ruleIds(await lintIssues(await config())), []);
  assert.equal(readFileSync(cacheFile, 'utf8'), before);
});

test('an in-process lint leaves the trees it parsed for a render in the same run', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  await lintIssues(configOf(root));
  assert.equal(readdirSync(join(root, '.paperboy', 'cache', 'trees')).length, 1);
  const uncached = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  await lintIssues(configOf(uncached), { cache: false });
  assert.throws(() => readdirSync(join(uncached, '.paperboy', 'cache', 'trees')), /ENOENT/);
});

/** A tree cache that counts the issue files it is asked to parse. */
class CountingTrees extends TreeCache {
  parsed: string[] = [];
  override parserFor(issuePath: string) {
    this.parsed.push(issuePath);
    return super.parserFor(issuePath);
  }
}

test('a lint given the command’s workspace lints the files as it read them, not read again from disk', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const config = configOf(root);
  const workspace = await Workspace.load(config);
  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, body: 'TODO' }));
  writeFileSync(join(root, 'issues', '0003-new.md'), cleanIssue({ number: 3 }));

  const asRead = await lintIssues(config, { workspace });
  assert.deepEqual(asRead.map((result) => basename(result.path)), ['0001-a.md', '0002-b.md']);
  assert.ok(!ruleIds(asRead).includes('no-placeholder'));
  assert.ok(ruleIds(await lintIssues(config)).includes('no-placeholder'));
});

test('the lint and the render of one command parse an issue once, through the workspace', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  const config = configOf(root);
  const trees = new CountingTrees(undefined);
  const workspace = await Workspace.load(config, { trees });
  const [file] = workspace.issueFiles;
  await lintIssues(config, { workspace, files: [file!.path] });
  const parsed = workspace.parse(file!);
  assert.equal(workspace.parse(file!), parsed);
  assert.deepEqual(trees.parsed, [file!.path]);
  // A new version of the file is parsed anew.
  workspace.parse(await workspace.reload(file!.path));
  assert.equal(trees.parsed.length, 2);
});

test('a rule that throws on one file is that file’s diagnostic under its id; the other rules and files still run', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, body: 'TODO' }), 'issues/0002-b.md': cleanIssue({ number: 2, body: 'TODO' }) });
  const failing: Rule = {
    id: 'throws-on-one',
    severity: 'warning',
    scope: 'file',
    sent: 'report',
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

test('lint cache: a dataDir that cannot be written (a file) costs the caching, not the lint: the same results, twice', async () => {
  const { root, config } = await newsletter();
  writeFileSync(join(root, 'not-a-folder'), '');
  const blocked = { ...config, dataDir: join(root, 'not-a-folder') };
  const expected = await reference(config);
  assert.deepEqual(await lintIssues(blocked), expected);
  assert.deepEqual(await lintIssues(blocked), expected);
});

test('a rule across issues is told which files it reports on (the files linted), and compares the facts of every file', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-26' }),
    'issues/0003-c.md': cleanIssue({ number: 3, date: '2023-07-31' }),
  });
  const asked: string[][] = [];
  const watching: Rule = {
    id: 'reports-on',
    severity: 'warning',
    scope: 'corpus',
    sent: 'report',
    doc: 'Says, on each file it may report on, how many issues it compared',
    check({ facts, report, reported }) {
      asked.push(facts.filter((fact) => reported(fact.path)).map((fact) => basename(fact.path)));
      for (const fact of facts) report(fact.path, { message: `${facts.length} issues`, position: fact.numberPosition });
    },
  };
  const results = await lintIssues(configOf(root), { rules: [watching], cache: false, files: [join(root, 'issues', '0002-b.md')] });
  assert.deepEqual(asked, [['0002-b.md']]);
  assert.deepEqual(results.map(({ messages }) => messages.map((m) => m.message)), [['3 issues']]);
});
