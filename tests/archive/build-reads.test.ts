import assert from 'node:assert/strict';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { AN_HOUR_AGO, cleanIssue, makeSettledRoot } from '../helpers/fixture.js';
import { issueFilesOpened } from '../helpers/fs-spy.js';
import { siteDigest } from './site-check.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

// A build reads only the issue files whose identity changed since a build
// stored their hashes (issue/known-hashes.ts); the others are read only if
// their text is needed (knownIssueSource).

const NAMES = ['0001-a.md', '0002-b.md', '0003-c.md'];

/** Three issues saved an hour ago: not racily clean, so their hashes may be kept. */
async function settledNewsletter() {
  const root = makeSettledRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  const anHourAgo = AN_HOUR_AGO;
  const config = await loadConfig(root);
  const build = (options: { cache?: boolean; out?: string } = {}) => buildSite(config, { outDir: join(root, options.out ?? 'dist'), drafts: false, cache: options.cache ?? true });
  return { root, config, anHourAgo, build };
}

test('a build in a new process reads only the issue files whose identity changed, and writes what a build that reads them all writes', async () => {
  const { root, anHourAgo, build } = await settledNewsletter();
  const first = await issueFilesOpened(root, () => build());
  assert.equal(first.opened.length, 3, 'the first build reads every file');
  const unchanged = await issueFilesOpened(root, () => build());
  assert.equal(unchanged.value.upToDate, true);
  assert.deepEqual(unchanged.opened, []);

  const edited = join(root, 'issues', '0002-b.md');
  writeFileSync(edited, cleanIssue({ number: 2 }).replace('Welcome to', 'Welcome back to'));
  const later = new Date(anHourAgo.getTime() + 60_000);
  utimesSync(edited, later, later);
  const afterEdit = await issueFilesOpened(root, () => build());
  assert.deepEqual(afterEdit.opened, [edited]);
  assert.equal(afterEdit.value.rendered, 1);
  await build({ cache: false, out: 'clean' });
  assert.deepEqual(siteDigest(join(root, 'dist')), siteDigest(join(root, 'clean')));
  assert.match(readFileSync(join(root, 'dist', 'issues', '2', 'index.html'), 'utf8'), /Welcome back to/);
});

test('a file saved within the last seconds is read by every build (its identity is never stored)', async () => {
  const { root, build } = await settledNewsletter();
  const fresh = join(root, 'issues', '0003-c.md');
  writeFileSync(fresh, readFileSync(fresh, 'utf8'));
  await build();
  await build();
  assert.deepEqual((await issueFilesOpened(root, () => build())).opened, [fresh]);
});

test('stored hashes that cannot be read are none: every file is read, and the site is the same', async () => {
  const { root, config, build } = await settledNewsletter();
  await build();
  const store = join(config.dataDir, 'cache', 'file-hashes.json');
  const site = siteDigest(join(root, 'dist'));
  for (const broken of ['{"format":"paperboy-file-hashes-2","files":[["a",1]]', 'null', '{"format":"paperboy-file-hashes-1","files":[]}']) {
    writeFileSync(store, broken);
    rmSync(join(root, 'dist'), { recursive: true });
    assert.equal((await issueFilesOpened(root, () => build())).opened.length, 3, broken);
    assert.deepEqual(siteDigest(join(root, 'dist')), site, broken);
  }
});

test('a file whose bytes are not those its stored hash names, when its text is needed, makes the build start over from every file read anew: the site a clean build writes', async () => {
  const { root, config, build } = await settledNewsletter();
  await build();
  const store = join(config.dataDir, 'cache', 'file-hashes.json');
  const stored = JSON.parse(readCacheFile(store)!.toString()) as { files: [string, string, string, boolean][] };
  // The store says the file is other bytes (as if it changed between the build's stat and its read): its facts and rendering are not cached, so the build reads it.
  for (const entry of stored.files) if (entry[0].endsWith('0002-b.md')) entry[2] = '0'.repeat(64);
  writeCacheFile(store, JSON.stringify(stored));
  const again = await issueFilesOpened(root, () => build());
  assert.equal(again.value.upToDate, false);
  // The late read of the one file, then every file once.
  assert.deepEqual(again.opened.sort(), [...NAMES.map((name) => join(root, 'issues', name)), join(root, 'issues', '0002-b.md')].sort());
  await build({ cache: false, out: 'clean' });
  assert.deepEqual(siteDigest(join(root, 'dist')), siteDigest(join(root, 'clean')));
  // The store is corrected: the next build reads nothing.
  assert.deepEqual((await issueFilesOpened(root, () => build())).opened, []);
});
