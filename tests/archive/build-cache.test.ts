import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { test } from 'node:test';
import { BuildCache } from '../../src/archive/build-cache.js';
import { isPaperboyError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';

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
  const stored = deserialize(readFileSync(index)) as { entries: [string, Record<string, unknown>][] };
  for (const [, entry] of stored.entries) delete entry.reads;
  writeFileSync(index, serialize(stored));
  rmSync(`${index}.delta`, { force: true });
  const again = await runCli(['build', '--out', 'again'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(2 rendered, 0 unchanged\)/);
});
