import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildProgress } from '../../src/cli/build-progress.js';
import type { CommandIO } from '../../src/io.js';

/** A CommandIO whose stderr is captured, a terminal or not, and a clock the test moves (ms). */
function captured(isTTY: boolean) {
  const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (written += text), isTTY, columns: 100 }, cwd: '.', env: {} } satisfies CommandIO;
  let written = '';
  let time = 0;
  return { io, clock: () => time, advance: (ms: number) => (time += ms), written: () => written };
}

test('a stage that is over within a second prints nothing: a quick build shows its result alone', () => {
  for (const isTTY of [true, false]) {
    const { io, clock, advance, written } = captured(isTTY);
    const progress = buildProgress(io, clock);
    for (let done = 1; done <= 3; done++, advance(100)) progress.report('render', done, 3);
    for (let done = 1; done <= 7; done++, advance(100)) progress.report('write', done, 7);
    progress.stop();
    assert.equal(written(), '', `nothing on ${isTTY ? 'a terminal' : 'a log'}`);
  }
});

test('on a terminal, a stage that runs past a second gets a bar with how many of how many are done, one stage after the other', () => {
  const { io, clock, advance, written } = captured(true);
  const progress = buildProgress(io, clock);
  progress.report('render', 1, 999);
  advance(1_500);
  progress.report('render', 500, 999);
  assert.match(written(), /rendering issues \[[^\]]*\] 500\/999/);
  progress.report('write', 1, 13_926);
  advance(2_000);
  progress.report('write', 13_926, 13_926);
  progress.stop();
  assert.match(written(), /writing files \[[^\]]*\] 13926\/13926/);
  assert.ok(written().indexOf('rendering issues') < written().indexOf('writing files'));
});

test('not on a terminal (a log, CI), a line every ten seconds, and none in between', () => {
  const { io, clock, advance, written } = captured(false);
  const progress = buildProgress(io, clock);
  for (let done = 1; done <= 250; done++) {
    progress.report('render', done, 999);
    advance(100);
  }
  progress.stop();
  // Reported at 0, 100, … ms: the 101st at 10 s, the 201st at 20 s.
  assert.equal(written(), 'rendering issues: 101/999\nrendering issues: 201/999\n');
});
