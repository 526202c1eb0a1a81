import assert from 'node:assert/strict';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintIssues } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import { AN_HOUR_AGO, cleanIssue, configOf, makeSettledRoot } from '../helpers/fixture.js';
import { pathsPassedTo } from '../helpers/fs-spy.js';

/** The issue files `lintIssues` reads with `readFileSync` while `run` runs. */
async function issueFilesRead<T>(root: string, run: () => Promise<T>): Promise<{ value: T; read: string[] }> {
  const { value, paths } = await pathsPassedTo('readFileSync', run);
  return { value, read: paths.filter((path) => path.startsWith(join(root, 'issues'))) };
}

/** Three issues saved an hour ago: not racily clean, so their hashes may be kept. */
function settledNewsletter() {
  const root = makeSettledRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  return { root, config: configOf(root), anHourAgo: AN_HOUR_AGO };
}

test('a lint in a new process reads only the issue files whose identity changed since the last lint, and reports what a lint without the cache does', async () => {
  const { root, config, anHourAgo } = settledNewsletter();
  await lintIssues(config);
  // The second lint hashes every file once (the first linted them all) and keeps the hashes on disk.
  await lintIssues(config);
  const unchanged = await issueFilesRead(root, () => lintIssues(config));
  assert.deepEqual(unchanged.read, []);
  assert.deepEqual(unchanged.value, await lintIssues(config, { rules }));

  const edited = join(root, 'issues', '0002-b.md');
  writeFileSync(edited, cleanIssue({ number: 2 }).replace('Welcome to', 'TODO: a to'));
  const later = new Date(anHourAgo.getTime() + 60_000);
  utimesSync(edited, later, later);
  const afterEdit = await issueFilesRead(root, () => lintIssues(config));
  assert.deepEqual(afterEdit.read, [edited]);
  assert.deepEqual(afterEdit.value, await lintIssues(config, { rules }));
  assert.ok(afterEdit.value[1]!.messages.some((message) => message.ruleId === 'no-placeholder'));
});

test('stored file hashes that cannot be read are none: every file is read and linted as without them', async () => {
  const { root, config } = settledNewsletter();
  await lintIssues(config);
  await lintIssues(config);
  const store = join(config.dataDir, 'cache', 'file-hashes.json');
  for (const broken of ['{"format":"paperboy-file-hashes-1","files":[["a",1]]', 'null', '{"format":"other","files":[]}']) {
    writeFileSync(store, broken);
    const { value, read } = await issueFilesRead(root, () => lintIssues(config));
    assert.equal(read.length, 3, broken);
    assert.deepEqual(value, await lintIssues(config, { rules }));
  }
});

test('the lint cache saved after one edit is, byte for byte, the cache a lint of the same files writes from nothing', async () => {
  const { root, config } = settledNewsletter();
  await lintIssues(config);
  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2 }).replace('Welcome to', 'Welcome, é ✓, to'));
  await lintIssues(config);
  const cache = join(config.dataDir, 'cache', 'lint.json');
  const incremental = readFileSync(cache);
  rmSync(join(config.dataDir, 'cache'), { recursive: true });
  await lintIssues(config);
  assert.deepEqual(readFileSync(cache), incremental);
});

test('a file edited in place with its size and mtime put back (touch -r) is read again: its ctime changed', async () => {
  const { root, config, anHourAgo } = settledNewsletter();
  await lintIssues(config);
  await lintIssues(config);
  const path = join(root, 'issues', '0001-a.md');
  const edited = cleanIssue().replace('Welcome to', 'TODO: a to');
  assert.equal(edited.length, cleanIssue().length);
  writeFileSync(path, edited);
  utimesSync(path, anHourAgo, anHourAgo);
  const { value, read } = await issueFilesRead(root, () => lintIssues(config));
  assert.deepEqual(read, [path]);
  assert.ok(value[0]!.messages.some((message) => message.ruleId === 'no-placeholder'));
});

test('a file saved in the last seconds is never recorded: the next lint reads it again', async () => {
  const { root, config } = settledNewsletter();
  const fresh = join(root, 'issues', '0003-c.md');
  // Saved "now" as far as the rule can tell for the whole test, however slow the machine (a time 30 s ahead is never 3 s old).
  const justSaved = new Date(Date.now() + 30_000);
  utimesSync(fresh, justSaved, justSaved);
  await lintIssues(config);
  await lintIssues(config);
  const { read } = await issueFilesRead(root, () => lintIssues(config));
  assert.deepEqual(read, [fresh]);
});
