import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { test } from 'node:test';
import { BuildCache } from '../../src/archive/build-cache.js';
import { isPaperboyError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';
import { pagesDigest } from './site-check.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

// The build cache carries the renderings from the render workers to the
// build: without a folder for it, `build` and `papers` stop at once and say
// what to change; `--no-cache` needs none.

/** A newsletter whose dataDir is a regular file: no folder can be made in it, whoever runs the test (root too). */
const blocked = () => makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'a-file': '' }, `${CONFIG_YAML}dataDir: a-file\n`);

test('a build cache whose folder cannot be made is DATA_DIR_UNWRITABLE (exit 2), naming dataDir', () => {
  const root = blocked();
  assert.throws(
    () => BuildCache.inDataDir(join(root, 'a-file')),
    (error) => isPaperboyError(error) && error.code === 'DATA_DIR_UNWRITABLE' && error.exitCode === 2 && /a-file/.test(error.message) && /--no-cache/.test(error.hint ?? ''),
  );
});

for (const command of [['build'], ['papers', 'search', 'mirage']]) {
  test(`${command.join(' ')} with a dataDir that cannot be written stops (exit 2) saying to set dataDir or use --no-cache, which works`, async () => {
    const root = blocked();
    const result = await runCli(command, { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^paperboy: Cannot write the build cache in .*a-file \(ENOTDIR/);
    assert.match(result.stderr, /Set `dataDir` in paperboy\.config\.yaml to a folder paperboy may write .* or run with `--no-cache`/);
    assert.ok(!result.stderr.includes('    at '), 'no stack trace');
    const uncached = await runCli([...command, '--no-cache'], { cwd: root });
    assert.equal(uncached.code, 0, uncached.stderr);
  });
}

test('an index entry of another shape (no record of what it read of the other issues) is a miss: the issue is rendered again, nothing crashes', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const index = join(root, '.paperboy', 'cache', 'build', 'index.v8');
  const stored = deserialize(readCacheFile(index)!) as { entries: [string, Record<string, unknown>][] };
  for (const [, entry] of stored.entries) delete entry.reads;
  writeCacheFile(index, serialize(stored));
  rmSync(`${index}.delta`, { force: true });
  const again = await runCli(['build', '--out', 'again'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(2 rendered, 0 unchanged\)/);
});

/** Changes one letter of `word` wherever a cache file under `dir` holds it, keeping each file's length and shape (what a flipped bit on a disk does): the paths changed. */
function damageCacheFiles(dir: string, word: string): string[] {
  const damaged: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    const changed = Buffer.from(bytes.toString('latin1').replaceAll(word, `${word.slice(0, -1)}${word.at(-1)!.toUpperCase()}`), 'latin1');
    if (changed.equals(bytes)) continue;
    writeFileSync(file, changed);
    damaged.push(relative(dir, file));
  }
  return damaged.sort();
}

test('stored renderings, records and the index whose bytes changed since they were written are misses: a build into a new folder is the clean build, no damaged text shown', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'A second issue' }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const damaged = damageCacheFiles(join(root, '.paperboy', 'cache'), 'smooth scaling');
  for (const kind of [/^build\/index\.v8$/, /^build\/\w+\.v8$/, /^build\/\w+\.records\.v8$/]) assert.ok(damaged.some((path) => kind.test(path)), `${kind} damaged: ${damaged.join(', ')}`);
  const again = await runCli(['build', '--out', 'again'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(2 rendered, 0 unchanged\)/);
  assert.equal((await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root })).code, 0);
  assert.deepEqual(pagesDigest(join(root, 'again')), pagesDigest(join(root, 'clean')));
  assert.ok(!readFileSync(join(root, 'again', 'papers.json'), 'utf8').includes('smootH'));
});

test('a folder where the build index must be written stops the build (exit 2) naming it and saying to remove the cache folder, without a stack trace; removed, the build works', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  const dir = join(root, '.paperboy', 'cache', 'build');
  mkdirSync(join(dir, 'index.v8'), { recursive: true });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Cannot write the build cache file .*build\/index\.v8: it is a folder, not a file \(EISDIR\)/);
  assert.match(result.stderr, /Remove the folder .*\.paperboy\/cache\/build \(paperboy's own cache: the next build makes it anew\), or run with `--no-cache`/);
  assert.ok(!result.stderr.includes('    at '), 'no stack trace');
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');
  rmSync(dir, { recursive: true });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
});

test('a folder of some other name in the build cache is left alone when the cache tidies its files', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const stray = join(root, '.paperboy', 'cache', 'build', 'stray');
  mkdirSync(stray, { recursive: true });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  // One issue no longer published: the cache forgets its files, and tidies the folder.
  rmSync(join(root, 'issues', '0002-b.md'));
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.ok(statSync(stray).isDirectory());
});

test("one issue's stored rendering and records copied over another's are misses, not that issue's: a build into a new folder is the clean build, no crash", async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'A second issue' }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const dir = join(root, '.paperboy', 'cache', 'build');
  const [first, second] = readdirSync(dir).filter((name) => /^\w+\.v8$/.test(name) && name !== 'index.v8');
  for (const part of ['', '.records']) {
    const name = (file: string) => file.replace(/\.v8$/, `${part}.v8`);
    writeFileSync(join(dir, name(second!)), readFileSync(join(dir, name(first!))));
  }
  const again = await runCli(['build', '--out', 'again'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.equal((await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root })).code, 0);
  assert.deepEqual(pagesDigest(join(root, 'again')), pagesDigest(join(root, 'clean')));
});

test('a stored rendering damaged since it was written is rendered again, counted as rendered, and stored again: the next build reads it', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'A second issue' }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const dir = join(root, '.paperboy', 'cache', 'build');
  const rendering = join(dir, readdirSync(dir).find((name) => /^\w+\.v8$/.test(name) && name !== 'index.v8')!);
  const bytes = readFileSync(rendering);
  bytes[bytes.length - 1]! ^= 1;
  writeFileSync(rendering, bytes);
  assert.equal(readCacheFile(rendering), undefined, 'damaged');
  const again = await runCli(['build', '--out', 'again'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(1 rendered, 1 unchanged\)/);
  assert.notEqual(readCacheFile(rendering), undefined, 'stored again');
  const third = await runCli(['build', '--out', 'third'], { cwd: root });
  assert.match(third.stdout, /\(0 rendered, 2 unchanged\)/);
  assert.equal((await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root })).code, 0);
  assert.deepEqual(pagesDigest(join(root, 'third')), pagesDigest(join(root, 'clean')));
});
