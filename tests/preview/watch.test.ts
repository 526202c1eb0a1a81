import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Workspace } from '../../src/issue/workspace.js';
import { watchPreview } from '../../src/preview/watch.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `watchWrites` writes over the watched file, and when: once the first lint is shown, or as soon as the preview has read the file (before its watch is set up). */
interface Save {
  text: string;
  at?: 'linted' | 'started';
}

/**
 * `preview --watch` in-process on a fake terminal of 100×40 (its writes
 * kept), quit with `q` once `until` is among them (after `saved` is
 * written over the file), in a newsletter whose files `beforeWatch`
 * changes after the command read them and before the watch starts: what
 * it drew, in order. Each wait gives up after 30 s (the test then fails
 * on what was drawn).
 */
async function watchWrites(text: string, until: RegExp, { saved, beforeWatch }: { saved?: Save; beforeWatch?: (root: string) => void } = {}): Promise<string> {
  const root = makeRoot({ 'issues/0001-watched.md': text });
  const workspace = await Workspace.loadCached(await loadConfig(root));
  beforeWatch?.(root);
  const written: string[] = [];
  const keyboard = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => {}, resume: () => {}, pause: () => {} });
  const stdout = { write: (chunk: string) => written.push(chunk), isTTY: true, columns: 100, rows: 40, on: () => {}, off: () => {} };
  const io = { stdout, stderr: { write: () => true }, stdin: keyboard, cwd: root, env: {} };
  const display = () => ({ width: 100, color: false, hyperlinks: false });
  const file = join(root, 'issues', '0001-watched.md');
  const done = watchPreview({ workspace, path: file, display }, io);
  // The first render read the file as watchPreview was called (issue/source.ts reads synchronously); the watch is set up after.
  if (saved?.at === 'started') writeFileSync(file, saved.text);
  const waitFor = async (pattern: RegExp) => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test(written.join('')) && Date.now() < deadline) await sleep(50);
  };
  if (saved !== undefined && saved.at !== 'started') {
    await waitFor(/linted at/);
    writeFileSync(file, saved.text);
  }
  await waitFor(until);
  keyboard.emit('data', 'q');
  assert.equal(await done, 0);
  return written.join('');
}

test('preview --watch: before the render of a large file (which holds the screen for seconds), the status line says a render is under way and the screen shows the last one; a small file goes straight to its render', async () => {
  const paragraph = `${'A line of a long paragraph, as a pasted log would make it.\n'.repeat(5_000)}`;
  const large = await watchWrites(cleanIssue({ body: paragraph }), /linted at/);
  const rendering = large.indexOf('0001-watched.md · rendering 0.3 MB…');
  assert.ok(rendering !== -1, 'the status line says so');
  assert.ok(rendering < large.indexOf('rendered at'), 'before the render');
  const small = await watchWrites(cleanIssue(), /linted at/);
  assert.doesNotMatch(small, /rendering/);

  const saved = await watchWrites(cleanIssue(), /Saved large[^]*linted at/, { saved: { text: cleanIssue({ title: 'Saved large', body: paragraph }) } });
  assert.match(saved, /0001-watched\.md · rendering 0\.3 MB, the last render shown until it is done…/);
});

test('preview --watch: a config saved after the command read it and before its watch began is read again (the preview shows the new sender)', async () => {
  const renamed = CONFIG_YAML.replace('from: "Test Newsletter', 'from: "Renamed Newsletter');
  const shown = await watchWrites(cleanIssue(), /Renamed Newsletter[^]*linted at/, { beforeWatch: (root) => writeFileSync(join(root, 'paperboy.config.yaml'), renamed) });
  assert.match(shown, /From {5}Renamed Newsletter <news@example\.org>/);
});

test('preview --watch: a save made while the watch was being set up (after the first read of the file, before its folder was watched) is shown once the watch is ready', async () => {
  const shown = await watchWrites(cleanIssue({ title: 'First read' }), /Saved early[^]*linted at/, { saved: { text: cleanIssue({ title: 'Saved early' }), at: 'started' } });
  assert.match(shown, /First read/, 'the first render read the file before the save');
  assert.match(shown, /Saved early/);
});

test('preview --watch: the watched file made a loop of symbolic links is said as a file that cannot be read (ELOOP), not as a watch lost; once it is a file again its render shows with no word of a failed watch', async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Before the loop' }) });
  const workspace = await Workspace.loadCached(await loadConfig(root));
  const written: string[] = [];
  const keyboard = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => {}, resume: () => {}, pause: () => {} });
  const stdout = { write: (chunk: string) => written.push(chunk), isTTY: true, columns: 100, rows: 40, on: () => {}, off: () => {} };
  const io = { stdout, stderr: { write: () => true }, stdin: keyboard, cwd: root, env: {} };
  const file = join(root, 'issues', '0001-watched.md');
  const done = watchPreview({ workspace, path: file, display: () => ({ width: 100, color: false, hyperlinks: false }) }, io);
  /** Waits (up to 30 s) for `pattern` in what was drawn after `from` characters; the length drawn then. */
  const waitFor = async (pattern: RegExp, from: number) => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test(written.join('').slice(from)) && Date.now() < deadline) await sleep(50);
    return written.join('').length;
  };
  const started = await waitFor(/linted at/, 0);
  rmSync(file);
  symlinkSync('0001-watched.md', file);
  const looped = await waitFor(/ELOOP[^]*linted at/, started);
  rmSync(file);
  writeFileSync(file, cleanIssue({ title: 'After the loop' }));
  await waitFor(/After the loop[^]*linted at/, looped);
  keyboard.emit('data', 'q');
  assert.equal(await done, 0);
  const shown = written.join('');
  assert.match(shown.slice(started, looped), /Cannot read the file: its symbolic links lead back to each other/);
  const last = shown.slice(shown.lastIndexOf('After the loop'));
  assert.match(last, /linted at/);
  assert.doesNotMatch(shown, /cannot watch/);
});
