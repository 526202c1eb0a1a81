import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderScheduler } from '../../src/preview/render-scheduler.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

test('render scheduler: each save restarts the quiet time, so a render starts only after `delay` ms without saves', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let renders = 0;
  const scheduler = new RenderScheduler(async () => void renders++, 100);
  scheduler.schedule();
  t.mock.timers.tick(99);
  scheduler.schedule();
  t.mock.timers.tick(99);
  assert.equal(renders, 0, 'a save 99 ms after the last one waits again');
  t.mock.timers.tick(1);
  assert.equal(renders, 1);
  t.mock.timers.tick(1_000);
  assert.equal(renders, 1, 'one render for the burst');
});

test('render scheduler: a save during a render renders again after it; nothing after cancel', async () => {
  const started: number[] = [];
  // Each render lasts until the test lets it finish, whatever the machine's load.
  let finish = (): void => {};
  const scheduler = new RenderScheduler(async () => {
    started.push(started.length);
    await new Promise<void>((resolve) => (finish = resolve));
  }, 5);
  const first = scheduler.runNow();
  await sleep(5);
  scheduler.schedule();
  await sleep(20);
  assert.equal(started.length, 1, 'never two renders at once');
  finish();
  await first;
  while (started.length < 2) await sleep(5);
  finish();
  scheduler.cancel();
  scheduler.schedule();
  await scheduler.runNow();
  await sleep(20);
  assert.equal(started.length, 2, 'nothing renders after cancel');
});
