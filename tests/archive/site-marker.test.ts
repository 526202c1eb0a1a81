import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtKey } from '../../src/archive/site-marker.js';
import { openSite, writeSite } from '../../src/archive/site-writer.js';
import { BIN } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

const MAKER = 'paperboy test';

/** A site of `count` files written by `writeSite` with `key`: its marker lists every file after the key. */
async function writtenSite(key: string, count: number): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'paperboy-writer-')), 'dist');
  const files = Array.from({ length: count }, (_, i) => ({ path: `papers/p${i}/index.html`, key: `k${i}`, contents: () => `<p>${i}</p>\n` }));
  await writeSite(out, files, { site: key, maker: MAKER, shape: 'shape', outputs: new Map() }, openSite(out, MAKER, true), {});
  return out;
}

test('builtKey is the key writeSite wrote, however many files the marker lists after it', async () => {
  const out = await writtenSite('a1b2c3', 5000);
  assert.ok(readFileSync(join(out, '.paperboy-site'), 'utf8').length > 100_000);
  assert.equal(builtKey(out), 'a1b2c3');
});

test('builtKey of a folder no build wrote, or of no folder, is undefined', () => {
  const empty = mkdtempSync(join(tmpdir(), 'paperboy-writer-'));
  assert.equal(builtKey(empty), undefined);
  assert.equal(builtKey(join(empty, 'missing')), undefined);
});

test('a marker cut short within its key line names no key (never a part of one)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'paperboy-writer-')), 'dist');
  mkdirSync(out);
  writeFileSync(join(out, '.paperboy-site'), 'Written by `paperboy build`; the next build replaces this folder.\nkey a1b2');
  assert.equal(builtKey(out), undefined);
});

test('a named pipe in the site marker\'s place (dist/.paperboy-site) is no marker, not a wait: the build writes the site whole and a marker file', { timeout: 120_000 }, () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  // Stopped after 30 s: a build waiting for a writer to the pipe is seen to wait, not left to hang the run.
  const build = () => spawnSync(process.execPath, [BIN, 'build'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(build().status, 0);
  const marker = join(root, 'dist', '.paperboy-site');
  rmSync(marker);
  execFileSync('mkfifo', [marker]);
  const rebuilt = build();
  assert.equal(rebuilt.signal, null, 'the build waited on the named pipe');
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.ok(lstatSync(marker).isFile());
  assert.match(build().stdout, /dist is up to date/);
});

test('a named pipe in the commit journal\'s place (dist.commit) is no journal, not a wait: a rebuild after an edit finishes', { timeout: 120_000 }, () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  // Stopped after 30 s: a build waiting for a writer to the pipe is seen to wait, not left to hang the run.
  const build = () => spawnSync(process.execPath, [BIN, 'build'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(build().status, 0);
  execFileSync('mkfifo', [join(root, 'dist.commit')]);
  writeFileSync(join(root, 'issues/0001-a.md'), cleanIssue({ title: 'Retitled after the first build' }));
  const rebuilt = build();
  assert.equal(rebuilt.signal, null, 'the rebuild waited on the named pipe');
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.match(readFileSync(join(root, 'dist', 'index.html'), 'utf8'), /Retitled after the first build/);
});
