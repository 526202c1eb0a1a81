import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { buildSite } from '../../src/archive/build.js';
import { recoverSite } from '../../src/archive/site-commit.js';
import { openSite, writeSite } from '../../src/archive/site-writer.js';
import { isPaperboyError } from '../../src/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssue, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { BIN, runCli } from '../helpers/cli.js';
import { CAN_MOUNT, onDiskOfItsOwn } from '../helpers/own-disk.js';
import { pathsPassedTo } from '../helpers/fs-spy.js';
import { siteDigest } from './site-check.js';
import { siteIn, writeVersion } from './versioned-site.js';

/** The files `readFileSync` reads whole while `run` runs. */
async function filesReadWhole<T>(run: () => Promise<T>): Promise<string[]> {
  return (await pathsPassedTo('readFileSync', run)).paths;
}

async function newsletter() {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  const config = await loadConfig(root);
  const build = (out = 'dist', cache = true) => buildSite(config, { outDir: join(root, out), drafts: false, cache });
  const edit = (text: string) => writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2 }).replace('Smooth metrics show', text));
  return { root, build, edit };
}

test('a rebuild copies the unchanged parts of papers.json and papers.csv from the previous files without reading them whole, and writes a clean build’s bytes', async () => {
  const { root, build, edit } = await newsletter();
  await build();
  edit('Smoother metrics show');
  const read = await filesReadWhole(() => build());
  assert.deepEqual(read.filter((path) => /papers\.(json|csv)$/.test(path)), []);
  await build('clean', false);
  assert.deepEqual(siteDigest(join(root, 'dist')), siteDigest(join(root, 'clean')));
  assert.match(readFileSync(join(root, 'dist', 'papers.csv'), 'utf8'), /Smoother metrics/);
});

test('a previous data file cut short is not copied from past its end: its parts are written anew, as a clean build writes them', async () => {
  const { root, build, edit } = await newsletter();
  await build();
  for (const name of ['papers.json', 'papers.csv']) truncateSync(join(root, 'dist', name), 40);
  edit('Smoothest metrics show');
  await build();
  await build('clean', false);
  assert.deepEqual(siteDigest(join(root, 'dist')), siteDigest(join(root, 'clean')));
});

test('--no-cache takes nothing from the previous site, not even the data files’ parts: a hand-edited papers.json is written anew', async () => {
  const { root, build } = await newsletter();
  await build();
  const data = join(root, 'dist', 'papers.json');
  // The same size, so its part index still looks right.
  writeFileSync(data, readFileSync(data, 'utf8').replaceAll('Schaeffer', 'SCHAEFFER'));
  await build('dist', false);
  await build('clean', false);
  assert.deepEqual(siteDigest(join(root, 'dist')), siteDigest(join(root, 'clean')));
});

/** `count` small pages, then `last` (a file that cannot be written, or whose contents throw). */
function pagesThen(count: number, last: { path: string; key: string; contents: () => string }) {
  const pages = Array.from({ length: count }, (_, i) => ({ path: `papers/p${i}/index.html`, key: `k${i}`, contents: () => `<p>${i}</p>\n`.repeat(200) }));
  return [...pages, last];
}

test('a file that cannot be written while others are still being written fails the build as OUT_DIR_UNWRITABLE, and leaves no staging folder and no site', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  const out = join(parent, 'dist');
  // `papers/p1/index.html` is a file, so no folder can be made under it: ENOTDIR, with writes before it still under way.
  const files = pagesThen(300, { path: 'papers/p1/index.html/x.html', key: 'x', contents: () => 'x' });
  await assert.rejects(
    writeSite(out, files, { site: 'k', maker: 'paperboy test', shape: 's', outputs: new Map() }, openSite(out, 'paperboy test', true), {}),
    (error) => isPaperboyError(error) && error.code === 'OUT_DIR_UNWRITABLE' && /ENOTDIR|EEXIST/.test(error.message),
  );
  assert.deepEqual(readdirSync(parent), []);
});

test('a page of text beyond ASCII is written as UTF-8, and its marker size is those bytes: the next build keeps it as written', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'paperboy-writer-')), 'dist');
  // Two-, three- and four-byte characters, and a lone surrogate (written as U+FFFD, three bytes).
  const text = 'café ✓ 𝜋 \ud800 مرحبا\n';
  const files = [{ path: 'papers/p/index.html', key: 'k', contents: () => text }];
  const keys = { site: 'k', maker: 'paperboy test', shape: 's', outputs: new Map<number, string>() };
  await writeSite(out, files, keys, openSite(out, 'paperboy test', true), {});
  assert.deepEqual(readFileSync(join(out, 'papers/p/index.html')), Buffer.from(text));
  const previous = openSite(out, 'paperboy test', true);
  assert.equal(previous.size('papers/p/index.html'), Buffer.byteLength(text));
  assert.equal(previous.key('papers/p/index.html'), 'k');
  assert.equal(await writeSite(out, files, keys, previous, {}), 0);
});

test('a page that cannot be made (its template throws) while files are being written leaves no staging folder, and the previous site as it was', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  const out = join(parent, 'dist');
  await writeSite(out, pagesThen(3, { path: 'index.html', key: 'before', contents: () => 'before' }), { site: 'a', maker: 'paperboy test', shape: 's', outputs: new Map() }, openSite(out, 'paperboy test', true), {});
  const before = siteDigest(out);
  const files = pagesThen(300, {
    path: 'index.html',
    key: 'after',
    contents: () => {
      throw new Error('a template failed');
    },
  });
  await assert.rejects(writeSite(out, files, { site: 'b', maker: 'paperboy test', shape: 's', outputs: new Map() }, openSite(out, 'paperboy test', true), {}), /a template failed/);
  assert.deepEqual(readdirSync(parent), ['dist']);
  assert.deepEqual(siteDigest(out), before);
});

test('a journal left by an earlier paperboy (bare paths, the pending files in folders) is finished by the next build as it was written', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  const out = join(parent, 'dist');
  await writeSite(out, pagesThen(3, { path: 'index.html', key: 'i', contents: () => 'home' }), { site: 'a', maker: 'paperboy test', shape: 's', outputs: new Map() }, openSite(out, 'paperboy test', true), {});
  const pending = join(parent, 'dist.pending-1');
  for (const path of ['papers/p1/index.html', 'papers/new/index.html']) {
    mkdirSync(join(pending, path, '..'), { recursive: true });
    writeFileSync(join(pending, path), `new ${path}`);
  }
  writeFileSync(`${out}.commit`, JSON.stringify({ pending: 'dist.pending-1', files: ['papers/p1/index.html', 'papers/new/index.html'], removed: ['papers/p2/index.html'] }));
  recoverSite(out);
  assert.equal(readFileSync(join(out, 'papers/p1/index.html'), 'utf8'), 'new papers/p1/index.html');
  assert.equal(readFileSync(join(out, 'papers/new/index.html'), 'utf8'), 'new papers/new/index.html');
  assert.ok(!existsSync(join(out, 'papers/p2')));
  assert.deepEqual(readdirSync(parent), ['dist']);
});

/** `writeVersion(out, version)` in a process of its own, so that it can be killed: argv versioned-site.ts, out, version. */
function startWriter(out: string, version: string) {
  const script = 'const { writeVersion } = await import(process.argv[1]); await writeVersion(process.argv[2], process.argv[3]);';
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, fileURLToPath(new URL('versioned-site.ts', import.meta.url)), out, version], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Resolves once a file or folder whose name starts with one of `prefixes` is in `parent`, or `child` has exited. */
async function appears(parent: string, prefixes: readonly string[], child: ReturnType<typeof spawn>): Promise<void> {
  while (child.exitCode === null && child.signalCode === null && !readdirSync(parent).some((name) => prefixes.some((prefix) => name.startsWith(prefix)))) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

test('a rebuild that rewrites most of the site, killed at any moment of its writing and commit, leaves the output folder entirely the previous site or entirely the new one; the next build makes a clean build’s site', { timeout: 300_000 }, async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-kill-'));
  const out = join(parent, 'dist');
  await writeVersion(join(parent, 'clean'), 'b');
  const clean = { a: {}, b: siteDigest(join(parent, 'clean')) } as Record<string, Record<string, string>>;
  await writeVersion(out, 'a');
  clean.a = siteDigest(out);
  // From when the killed build starts writing (the start-up of a process with tsx varies more than the writing), across it and its commit.
  const delays = [0, 20, 50, 100, 150, 200, 300, 400, 550, 700, 900, 1200, 1600];
  const landed = { previous: 0, new: 0 };
  for (const [i, delay] of delays.entries()) {
    // Each rebuild goes from one version to the other: a to b, then back.
    const [from, to] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    const child = startWriter(out, to);
    const exited = once(child, 'exit');
    await appears(parent, ['dist.staging-', 'dist.pending-'], child);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    await exited;
    clearTimeout(timer);
    // In the instant between the swap's two renames there is no output folder: the previous site waits beside it, put back by the next build.
    const site = existsSync(out) ? siteDigest(out) : siteDigest(`${out}.previous`);
    const mixed = Object.keys({ ...site, ...clean[from], ...clean[to] }).filter((path) => site[path] !== clean[from]![path]);
    assert.ok(isDeepStrictEqual(site, clean[from]) || isDeepStrictEqual(site, clean[to]), `killed ${delay} ms into its writing: ${mixed.length} files of the new site, the others of the previous one`);
    landed[isDeepStrictEqual(site, clean[from]) ? 'previous' : 'new']++;
    await writeVersion(out, to);
    assert.deepEqual(siteDigest(out), clean[to], `the build after a kill ${delay} ms into its writing makes the new site`);
    assert.deepEqual(readdirSync(parent).filter((name) => /\.(staging|pending)-|\.previous$|\.commit/.test(name)), [], 'nothing of the killed build left beside the site');
  }
  assert.ok(landed.previous > 0, `some kills landed before the commit (${landed.previous} did, ${landed.new} after it)`);
});

test('a rebuild that rewrites most of the site keeps, as a rebuild of a few files does, a file edited by hand to the same size or added by hand (when its key is unchanged), writes again one edited to another size, and removes the files no longer built with their folders', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  const out = join(parent, 'dist');
  await writeVersion(out, 'old');
  // p10 and p20 show no version: the same key in every version.
  const p10 = join(out, 'papers/p10/index.html');
  const sameSize = readFileSync(p10, 'utf8').toUpperCase();
  writeFileSync(p10, sameSize);
  const p20 = join(out, 'papers/p20/index.html');
  const built = readFileSync(p20, 'utf8');
  writeFileSync(p20, 'edited by hand');
  writeFileSync(join(out, 'notes.txt'), 'added by hand');
  const folder = statSync(out).ino;
  assert.equal(await writeVersion(out, 'new'), 902);
  assert.notEqual(statSync(out).ino, folder, 'restaged: a new output folder in place of the previous one');
  assert.equal(readFileSync(p10, 'utf8'), sameSize);
  assert.equal(readFileSync(p20, 'utf8'), built);
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'added by hand');
  assert.ok(!existsSync(join(out, 'papers/only-old')), 'a page no longer built goes, with its folder');
  assert.equal(readFileSync(join(out, 'papers/only-new/index.html'), 'utf8'), 'only in new');
  // A few files of the 1,001 (at most 1 in 100): moved into the same folder, through the journal.
  const onePage = siteIn('new').map((file) => (file.path === 'papers/p7/index.html' ? { ...file, key: 'edited', contents: () => 'p7 edited' } : file));
  const restaged = statSync(out).ino;
  assert.equal(await writeSite(out, onePage, { site: 'one page', maker: 'paperboy test', shape: 's', outputs: new Map() }, openSite(out, 'paperboy test', true), {}), 1);
  assert.equal(statSync(out).ino, restaged, 'committed in place');
  assert.equal(readFileSync(join(out, 'papers/p7/index.html'), 'utf8'), 'p7 edited');
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'added by hand');
});

test('a rebuild that rewrites most of the site into an output folder that is a symbolic link is staged and swapped where the link points, and the link stays', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2 }), 'issues/0003-c.md': cleanIssue({ number: 3 }) });
  mkdirSync(join(root, 'www'));
  symlinkSync('www', join(root, 'dist'));
  const build = async (configYaml: string, out = 'dist', cache = true) => {
    writeFileSync(join(root, 'paperboy.config.yaml'), configYaml);
    return buildSite(await loadConfig(root), { outDir: join(root, out), drafts: false, cache });
  };
  await build(CONFIG_YAML);
  // The newsletter's name is on every page.
  const renamed = CONFIG_YAML.replace('name: Test Newsletter', 'name: Renamed Newsletter');
  const rebuild = await build(renamed);
  assert.ok(rebuild.written > 16 && rebuild.written > rebuild.files / 100, `${rebuild.written} of ${rebuild.files} files written`);
  assert.ok(lstatSync(join(root, 'dist')).isSymbolicLink());
  assert.match(readFileSync(join(root, 'www', 'index.html'), 'utf8'), /Renamed Newsletter/);
  await build(renamed, 'clean', false);
  assert.deepEqual(siteDigest(join(root, 'www')), siteDigest(join(root, 'clean')));
});

test('a build whose output folder is a mount point (another file system, as a Docker volume) is refused before writing, saying to build into a folder inside it; the site there is kept', { skip: CAN_MOUNT ? false : 'no user and mount namespaces here (unshare) to mount a disk' }, async () => {
  for (const built of [false, true]) {
    const { root, edit } = await newsletter();
    if (built) assert.equal((await runCli(['build'], { cwd: root })).code, 0);
    else mkdirSync(join(root, 'dist'));
    edit('An edit since the site was built:');
    const run = onDiskOfItsOwn(join(root, 'dist'), [process.execPath, BIN, 'build'], 'ls -A "$1"', { cwd: root, env: {}, megabytes: 32, full: false });
    const [, after] = run.stdout.split(/^--- after /m);
    assert.equal(after, built ? `2\n${readdirSync(join(root, 'dist')).sort().join('\n')}\n` : '2\n', run.stderr);
    assert.match(run.stderr, /^paperboy: Cannot write the site to .*\/dist: it is a mount point, on another file system than .*, and a build writes the new site beside it, then renames it in, which cannot cross file systems\n {2}Set `outDir` in paperboy\.config\.yaml to a folder inside it \(such as .*\/dist\/site\) and publish that one/);
    assert.deepEqual(readdirSync(root).filter((name) => name.startsWith('dist')), ['dist'], 'no staging, pending or commit file left beside it');
  }
});
