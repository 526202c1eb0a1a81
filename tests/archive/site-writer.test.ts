import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { openSite, recoverSite, writeSite } from '../../src/archive/site-writer.js';
import { isPaperboyError } from '../../src/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { pathsPassedTo } from '../helpers/fs-spy.js';
import { siteDigest } from './site-check.js';

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
    writeSite(out, files, { site: 'k', maker: 'paperboy test', shape: 's' }, openSite(out, 'paperboy test', true), {}),
    (error) => isPaperboyError(error) && error.code === 'OUT_DIR_UNWRITABLE' && /ENOTDIR|EEXIST/.test(error.message),
  );
  assert.deepEqual(readdirSync(parent), []);
});

test('a page that cannot be made (its template throws) while files are being written leaves no staging folder, and the previous site as it was', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  const out = join(parent, 'dist');
  await writeSite(out, pagesThen(3, { path: 'index.html', key: 'before', contents: () => 'before' }), { site: 'a', maker: 'paperboy test', shape: 's' }, openSite(out, 'paperboy test', true), {});
  const before = siteDigest(out);
  const files = pagesThen(300, {
    path: 'index.html',
    key: 'after',
    contents: () => {
      throw new Error('a template failed');
    },
  });
  await assert.rejects(writeSite(out, files, { site: 'b', maker: 'paperboy test', shape: 's' }, openSite(out, 'paperboy test', true), {}), /a template failed/);
  assert.deepEqual(readdirSync(parent), ['dist']);
  assert.deepEqual(siteDigest(out), before);
});

test('a journal left by an earlier paperboy (bare paths, the pending files in folders) is finished by the next build as it was written', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  const out = join(parent, 'dist');
  await writeSite(out, pagesThen(3, { path: 'index.html', key: 'i', contents: () => 'home' }), { site: 'a', maker: 'paperboy test', shape: 's' }, openSite(out, 'paperboy test', true), {});
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
