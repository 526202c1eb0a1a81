/* eslint-disable no-control-regex -- these tests are about the escape codes a terminal receives */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CommandIO } from '../../src/cli/io.js';
import { writePaged } from '../../src/cli/pager.js';
import { RenderScheduler } from '../../src/cli/render-scheduler.js';
import { createWatchScreen } from '../../src/cli/watch-screen.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function terminal(rows: number, isTTY = true) {
  const written: string[] = [];
  return { output: { write: (text: string) => written.push(text), isTTY, rows, columns: 80 }, written };
}

test('render scheduler: a burst of saves renders once, after the quiet time', async () => {
  let renders = 0;
  const scheduler = new RenderScheduler(async () => void renders++, 20);
  for (let i = 0; i < 5; i++) {
    scheduler.schedule();
    await sleep(5);
  }
  assert.equal(renders, 0);
  await sleep(40);
  assert.equal(renders, 1);
});

test('render scheduler: a save during a render renders again after it; nothing after cancel', async () => {
  const started: number[] = [];
  const scheduler = new RenderScheduler(async () => {
    started.push(started.length);
    await sleep(30);
  }, 5);
  const first = scheduler.runNow();
  await sleep(5);
  scheduler.schedule();
  await sleep(10);
  assert.equal(started.length, 1, 'never two renders at once');
  await first;
  await sleep(50);
  assert.equal(started.length, 2);
  scheduler.cancel();
  scheduler.schedule();
  await scheduler.runNow();
  await sleep(20);
  assert.equal(started.length, 2);
});

test('watch screen on a terminal: alternate screen, one page with a status line, scrolling, restored on exit', () => {
  const { output, written } = terminal(5);
  const screen = createWatchScreen(output, false);
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
  screen.show(lines, 'rendered');
  const first = written.join('');
  assert.ok(first.startsWith('\u001b[?1049h'), 'enters the alternate screen');
  assert.match(first, /\u001b\[2Kline 4\n\u001b\[J/);
  assert.ok(!first.includes('line 5'));
  assert.match(first, /\u001b\[5;1H\u001b\[2K q quit · .* · lines 1–4 of 10 · rendered/);

  assert.equal(screen.scroll('G'), true);
  assert.match(written.at(-1)!, /line 7[^]*line 10\n\u001b\[J.*lines 7–10 of 10/);
  assert.equal(screen.scroll('x'), false);
  screen.show(lines.slice(0, 8), 'again');
  assert.match(written.at(-1)!, /lines 5–8 of 8/, 'the scroll position is kept, within the new length');

  screen.restore();
  assert.ok(written.at(-1)!.endsWith('\u001b[?1049l'), 'leaves the alternate screen');
  const count = written.length;
  screen.show(lines, 'late');
  assert.equal(written.length, count, 'nothing drawn after restore');
});

test('watch screen elsewhere: each render printed in full, no escape codes', () => {
  const { output, written } = terminal(5, false);
  const screen = createWatchScreen(output, false);
  screen.show(['a', 'b'], 'first');
  screen.show(['c'], 'second');
  assert.equal(written.join(''), 'a\nb\nfirst\n\nc\nsecond\n');
});

function io(isTTY: boolean, env: NodeJS.ProcessEnv): { io: CommandIO; stdout: string[] } {
  const stdout: string[] = [];
  return { io: { stdout: { write: (text: string) => stdout.push(text), isTTY, rows: 3 }, stderr: { write: () => true }, cwd: '.', env }, stdout };
}

test('pager: long output on a terminal goes through $PAGER; short output, a pipe or --no-pager do not', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-pager-')), 'paged.txt');
  const text = 'one\ntwo\nthree\nfour\n';
  const paged = io(true, { PAGER: `cat > ${file}` });
  await writePaged(text, paged.io, true);
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.deepEqual(paged.stdout, []);

  for (const [isTTY, enabled, output] of [
    [false, true, text],
    [true, false, text],
    [true, true, 'short\n'],
  ] as const) {
    const direct = io(isTTY, { PAGER: `cat > ${file}.never` });
    await writePaged(output, direct.io, enabled);
    assert.deepEqual(direct.stdout, [output]);
  }
});

test('pager: a pager that does not exist leaves the text on stdout', async () => {
  const missing = io(true, { PAGER: 'paperboy-no-such-pager-command 2>/dev/null' });
  await writePaged('one\ntwo\nthree\nfour\n', missing.io, true);
  assert.deepEqual(missing.stdout, ['one\ntwo\nthree\nfour\n']);
});
