/* eslint-disable no-control-regex -- these tests are about the escape codes a terminal receives */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWatchScreen } from '../../src/preview/watch-screen.js';

function terminal(rows: number, isTTY = true, columns = 80) {
  const written: string[] = [];
  return { output: { write: (text: string) => written.push(text), isTTY, rows, columns }, written };
}

test('watch screen on a terminal: alternate screen, one page with a status line, scrolling, restored on exit', () => {
  const { output, written } = terminal(5);
  const screen = createWatchScreen(output, false);
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
  screen.show(lines, 'rendered');
  const first = written.join('');
  assert.ok(first.startsWith('\u001b[?1049h'), 'enters the alternate screen');
  assert.match(first, /\u001b\[2Kline 4\n\u001b\[J/);
  assert.ok(!first.includes('line 5'));
  assert.match(first, /\u001b\[5;1H\u001b\[2K rendered · lines 1–4 of 10 · q quit · /);

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

test('watch screen: lines and the status line are cut to the terminal with "…", the file name first', () => {
  const { output, written } = terminal(4, true, 40);
  const screen = createWatchScreen(output, true);
  const long = `\u001b[1m${'situational-awareness '.repeat(3)}\u001b[0m`;
  screen.show([long, 'short'], '0005-situational-awareness-the-reversal-curse.md · rendered at 10:00:00 in 12 ms');
  const drawn = written.join('');
  assert.match(drawn, /\u001b\[2K\u001b\[1msituational-awareness situational-aware…/);
  const status = /\u001b\[7m (.*) \u001b\[0m/.exec(drawn)![1]!;
  assert.equal(status, '0005-situational-awareness-the-revers…');
  assert.equal([...status].length, 38);
});

test('watch screen: a new status line over the lines shown (a long render starting); nothing printed elsewhere', () => {
  const { output, written } = terminal(5);
  const screen = createWatchScreen(output, false);
  screen.show(['line 1', 'line 2'], 'rendered');
  screen.status('rendering 4.0 MB…');
  assert.match(written.at(-1)!, /line 1\n[^]*line 2\n[^]* rendering 4\.0 MB… · lines 1–2 of 2/);
  const printed = terminal(5, false);
  const elsewhere = createWatchScreen(printed.output, false);
  elsewhere.show(['a'], 'first');
  elsewhere.status('rendering…');
  assert.equal(printed.written.join(''), 'a\nfirst\n');
});
