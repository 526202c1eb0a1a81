import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';
import type { Config } from '../../src/config/load.js';
import { lintIssues } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import type { FileResult } from '../../src/lint/types.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

function cacheFile(config: Config): string {
  return join(config.dataDir, 'cache', 'lint.json');
}

/** The cache rewritten as another process could: a made-up message in every entry, or in the entries whose line `which` holds. */
function plant(config: Config, which: (line: string) => boolean = () => true): void {
  const lines = readCacheFile(cacheFile(config))!.toString().split('\n');
  const planted = lines.map((line, i) =>
    i > 0 && which(line) ? line.replace('"messages":[', '"messages":[{"ruleId":"planted","severity":"warning","message":"from the cache","line":1,"column":1,"endLine":1,"endColumn":1},').replace('},]', '}]') : line,
  );
  writeCacheFile(cacheFile(config), planted.join('\n'));
}

const plantedIn = (results: FileResult[]) => results.filter((result) => result.messages.some((m) => m.ruleId === 'planted')).map((result) => result.path);

// Names a JSON string escapes (a quote, a backslash) or writes beyond ASCII: each entry is found by the path its line starts with.
const NAMES = ['0001-a.md', '0002-"quoted".md', '0003-back\\slash.md', '0004-ünïcödé ✓.md'];

test('lint cache: each entry is read under its file, whatever the name, and only when that file is linted: one file linted reads its own entry', async () => {
  const root = makeRoot(Object.fromEntries(NAMES.map((name, i) => [`issues/${name}`, cleanIssue({ number: i + 1 })])));
  const config = configOf(root);
  const paths = NAMES.map((name) => join(root, 'issues', name));
  await lintIssues(config);
  plant(config);
  assert.deepEqual(plantedIn(await lintIssues(config)), paths, 'every entry is a hit');
  // One file linted, as a build lints the one it changed: its entry read, and the others written back as they were.
  writeFileSync(paths[2]!, cleanIssue({ number: 3, title: 'Changed' }));
  assert.deepEqual(plantedIn(await lintIssues(config, { files: [paths[2]!] })), []);
  assert.deepEqual(plantedIn(await lintIssues(config)), [paths[0], paths[1], paths[3]]);
});

test('lint cache: an entry that holds no outcome of its file costs that file a lint, and the file reports what a run without the cache reports', async () => {
  const root = makeRoot(Object.fromEntries(NAMES.map((name, i) => [`issues/${name}`, cleanIssue({ number: i + 1 })])));
  const config = configOf(root);
  const paths = NAMES.map((name) => join(root, 'issues', name));
  await lintIssues(config);
  plant(config);
  const lines = readCacheFile(cacheFile(config))!.toString().split('\n');
  // Not an outcome: its messages are no list.
  writeCacheFile(cacheFile(config), lines.map((line) => (line.includes('0002-') ? line.replace('"messages":[', '"messages":{') : line)).join('\n'));
  const results = await lintIssues(config);
  assert.deepEqual(plantedIn(results), [paths[0], paths[2], paths[3]]);
  assert.deepEqual(results[1], (await lintIssues(config, { rules, cache: false }))[1]);
});
