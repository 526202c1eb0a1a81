import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { builtKey, markerText, readMarker, type Marker } from '../../src/archive/site-marker.js';
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

/** `marker` written by `markerText` into a folder and read back by `readMarker`. */
function readBack(marker: Marker): Marker | undefined {
  const out = mkdtempSync(join(tmpdir(), 'paperboy-marker-'));
  writeFileSync(join(out, '.paperboy-site'), markerText(marker));
  return readMarker(out);
}

test('the marker reads back every path as it was written, one holding U+2028, U+2029 or spaces too (a static file so named was read cut short and written again by every rebuild)', () => {
  const paths = ['c\u2028d.txt', 'e\u2029f.txt', 'notes and drafts/a b.pdf', 'notes ', 'café.txt', 'c'];
  const marker: Marker = {
    key: 'k1',
    maker: 'paperboy 0.8.0 remark 15',
    shape: 's1',
    files: new Map(paths.map((path, i) => [path, `key${i}`])),
    sizes: new Map(paths.map((path, i) => [path, i * 10])),
    parts: new Map([['papers.json', new Map([['p1', [0, 10] as const], ['p\u2028', [10, 5] as const]])]]),
    outputs: new Map([[1, 'h1'], [12, 'h12']]),
  };
  assert.deepEqual(readBack(marker), marker);
});

test('any marker markerText writes, readMarker reads back as it was (paths of any character but a line feed), and the same marker filled in another order is the same bytes', () => {
  const token = fc.stringMatching(/^[0-9a-f]{1,12}$/);
  // Characters a `^…$` or `.` pattern takes for a line's end, and spaces, often; any other grapheme too.
  const unit = fc.oneof(fc.constantFrom(' ', '\u2028', '\u2029', '\r', '\u0085', 'a', '/'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
  const path = fc.string({ unit, minLength: 1, maxLength: 12 }).filter((text) => !text.includes('\n'));
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(path, token, fc.option(fc.nat(), { nil: undefined })), { selector: ([p]) => p, maxLength: 8 }), fc.array(fc.tuple(fc.nat(5000), token), { maxLength: 4 }), (files, outputs) => {
      const marker: Marker = {
        key: 'key',
        maker: 'maker 1',
        shape: 'shape',
        files: new Map(files.map(([p, key]) => [p, key])),
        sizes: new Map(files.flatMap(([p, , size]) => (size === undefined ? [] : [[p, size] as const]))),
        parts: new Map((outputs.length === 0 ? [] : files.slice(0, 2)).map(([p]) => [p, new Map(outputs.map(([n, key]) => [key, [n, n + 1] as const]))])),
        outputs: new Map(outputs),
      };
      assert.deepEqual(readBack(marker), marker);
      // The same site, its maps filled in another order: the same bytes.
      const reversed = <K, V>(map: ReadonlyMap<K, V>) => new Map([...map].reverse());
      assert.equal(markerText({ ...marker, files: reversed(marker.files), sizes: reversed(marker.sizes), parts: reversed(marker.parts), outputs: reversed(marker.outputs) }), markerText(marker));
    }),
    { numRuns: 300 },
  );
});
