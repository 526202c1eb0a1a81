import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentlyUsed, recentlyUsed } from '../src/recently-used.js';

test('a recently-used cache forgets the least recently used key past its size', () => {
  const cache = new RecentlyUsed<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  cache.set('c', 3);
  assert.deepEqual([cache.get('a'), cache.get('b'), cache.get('c')], [1, undefined, 3]);
});

test('a recently-used loader loads a key again only once it was forgotten', () => {
  const loads: string[] = [];
  const load = recentlyUsed(2, (key: string) => {
    loads.push(key);
    return key.toUpperCase();
  });
  assert.deepEqual(['a', 'b', 'a', 'c', 'b'].map(load), ['A', 'B', 'A', 'C', 'B']);
  assert.deepEqual(loads, ['a', 'b', 'c', 'b']);
});
