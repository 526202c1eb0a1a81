import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from '../../src/server/rate-limit.js';

test('rate limit: a client may make `limit` requests a window, then is told how long to wait; a new window starts afresh', () => {
  let now = 0;
  const limiter = new RateLimiter(2, 1000, () => now);
  assert.deepEqual([limiter.take('a'), limiter.take('a'), limiter.take('a')], [0, 0, 1000]);
  now = 400;
  assert.equal(limiter.take('a'), 600);
  assert.equal(limiter.take('b'), 0, 'another client has its own window');
  now = 1000;
  assert.equal(limiter.take('a'), 0);
});

test('rate limit: ended windows are dropped as requests come, and a flood of addresses holds at most maxClients windows, the oldest dropped first', () => {
  let now = 0;
  const limiter = new RateLimiter(1, 1000, () => now, 100);
  for (let i = 0; i < 1000; i++) limiter.take(`flood-${i}`);
  assert.equal(limiter.size, 100);
  assert.equal(limiter.take('flood-999'), 1000, 'the newest window is kept');
  assert.equal(limiter.take('flood-0'), 0, 'the oldest was dropped: it starts afresh');
  now = 1000;
  limiter.take('later');
  assert.equal(limiter.size, 1, 'every ended window dropped');
});

test('rate limit: 200,000 requests from different addresses take linear time, each in constant work', () => {
  const limiter = new RateLimiter(5, 600_000, () => 0);
  // Work counted, not timed (a timed bound failed on a loaded machine): sweeping the windows, or dropping a Map's first key
  // through its iterator, walks the Map on each request; the queue walks none, and deletes at most one window a request.
  const walks = { count: 0 };
  const deletes = { count: 0 };
  const patched = ['keys', 'values', 'entries', 'forEach', Symbol.iterator] as const;
  const originals = patched.map((name) => [name, Map.prototype[name]] as const);
  const originalDelete = Map.prototype.delete;
  for (const [name, original] of originals) {
    (Map.prototype as unknown as Record<PropertyKey, unknown>)[name] = function (this: Map<unknown, unknown>, ...args: unknown[]) {
      walks.count += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  Map.prototype.delete = function (this: Map<unknown, unknown>, key: unknown) {
    deletes.count += 1;
    return originalDelete.call(this, key);
  };
  try {
    for (let i = 0; i < 200_000; i++) limiter.take(`2001:db8::${i.toString(16)}`);
  } finally {
    for (const [name, original] of originals) (Map.prototype as unknown as Record<PropertyKey, unknown>)[name] = original;
    Map.prototype.delete = originalDelete;
  }
  assert.equal(walks.count, 0, 'no request walks the windows');
  assert.equal(deletes.count, 190_000, 'one window dropped for each address past the 10,000 kept');
  assert.equal(limiter.size, 10_000);
});
