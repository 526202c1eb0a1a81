import assert from 'node:assert/strict';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { archiveRoot } from './fixture.js';
import { siteDigest } from './site-check.js';

// A site's files deleted or changed in size since its build (by hand, by a deploy tool, a copy cut short) are not "up to date": the next build writes them again, and only them.

/** A fresh archive root, built: its root and its site (`dist`). */
async function builtArchive(): Promise<{ root: string; site: string }> {
  const root = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  return { root, site: join(root, 'dist') };
}

/** A word added to a summary of issue 3: one issue to render again. */
function editSummary(root: string): void {
  const file = join(root, 'issues', '0003-c.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Evaluations, plainly.', 'Evaluations, plainly and quickly.'));
}

/** The build after an edit, with the one issue edited rendered again, equals a clean build of the same root. */
async function rebuildEqualsClean(root: string, site: string): Promise<void> {
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(1 rendered, 2 unchanged\)/);
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(siteDigest(site), siteDigest(join(root, 'clean')));
}

test('a build with nothing changed writes again the files of the site that were deleted, and only those', async () => {
  const { root, site } = await builtArchive();
  const whole = siteDigest(site);
  const page = readFileSync(join(site, 'papers', 'index.html'));
  rmSync(join(site, 'papers', 'index.html'));
  rmSync(join(site, 'issues', '2'), { recursive: true });
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^Built dist: 3 issues \(0 rendered, 3 unchanged\), .* \(4 written\)\. 1 draft left out \(`paperboy serve --dev` shows it\)\.\n$/);
  assert.deepEqual(readFileSync(join(site, 'papers', 'index.html')), page);
  assert.deepEqual(siteDigest(site), whole);
  const unchanged = await runCli(['build'], { cwd: root });
  assert.equal(unchanged.stdout, 'dist is up to date: no issue, template or setting changed since it was built.\n');
});

test('a rebuild after an edit writes again the files of the site that were deleted too: the site a clean build writes', async () => {
  const { root, site } = await builtArchive();
  rmSync(join(site, 'papers.json'));
  rmSync(join(site, 'tags', 'index.html'));
  editSummary(root);
  await rebuildEqualsClean(root, site);
});

test('a build with nothing changed writes again the files of the site whose size changed since they were written (emptied, cut short, added to), and only those', async () => {
  const { root, site } = await builtArchive();
  const whole = siteDigest(site);
  writeFileSync(join(site, 'issues', '1', 'index.html'), '');
  const feed = readFileSync(join(site, 'feed.xml'));
  writeFileSync(join(site, 'feed.xml'), feed.subarray(0, feed.length >> 1));
  // A data file made of parts: the next build copies its unchanged parts from it, so it must be written whole.
  writeFileSync(join(site, 'papers.json'), `${readFileSync(join(site, 'papers.json'), 'utf8')}\n`);
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^Built dist: 3 issues \(0 rendered, 3 unchanged\), .* \(3 written\)\. 1 draft left out \(`paperboy serve --dev` shows it\)\.\n$/);
  assert.deepEqual(siteDigest(site), whole);
  const unchanged = await runCli(['build'], { cwd: root });
  assert.equal(unchanged.stdout, 'dist is up to date: no issue, template or setting changed since it was built.\n');
});

test('a rebuild after an edit writes whole a data file changed in size since it was written, rather than copy its parts from where they no longer lie: the site a clean build writes', async () => {
  const { root, site } = await builtArchive();
  // A line put before the rows (by an editor, a tool): every part the marker places now lies two bytes later.
  writeFileSync(join(site, 'papers.csv'), `x\n${readFileSync(join(site, 'papers.csv'), 'utf8')}`);
  editSummary(root);
  await rebuildEqualsClean(root, site);
});

/** The site's marker, cut to `share` of its bytes (a full disk, a copy stopped half way). */
function cutMarker(site: string, share: number): void {
  const marker = join(site, '.paperboy-site');
  const text = readFileSync(marker);
  writeFileSync(marker, text.subarray(0, Math.floor(text.length * share)));
}

test('a site marker cut short is no record of the site: the next build is not "up to date" and writes again a page deleted since', async () => {
  const { root, site } = await builtArchive();
  const whole = siteDigest(site);
  cutMarker(site, 0.5);
  rmSync(join(site, 'tags', 'index.html'));
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /up to date/);
  assert.deepEqual(siteDigest(site), whole);
});

test('an issue unpublished after its site marker was cut short leaves no page of it behind: the site a clean build writes', async () => {
  const { root, site } = await builtArchive();
  cutMarker(site, 0.3);
  const file = join(root, 'issues', '0003-c.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: \w+$/m, 'status: draft'));
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(siteDigest(site), siteDigest(join(root, 'clean')));
});

test("a site marker whose data files' part offsets were edited is not trusted: a rebuild after an edit splices no broken papers.json", async () => {
  const { root, site } = await builtArchive();
  const marker = join(site, '.paperboy-site');
  writeFileSync(marker, readFileSync(marker, 'utf8').replace(/^part (\S+) (\d+) /gm, (_, key: string, offset: string) => `part ${key} ${Number(offset) + 3} `));
  editSummary(root);
  await rebuildEqualsClean(root, site);
  assert.doesNotThrow(() => JSON.parse(readFileSync(join(site, 'papers.json'), 'utf8')));
});

test('a page of the site replaced by a link in a loop is not as built: written again, not a crash', async () => {
  const { root, site } = await builtArchive();
  const whole = siteDigest(site);
  const page = join(site, 'issues', '2', 'index.html');
  rmSync(page);
  symlinkSync('index.html', page);
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(siteDigest(site), whole);
});
