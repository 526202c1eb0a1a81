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
