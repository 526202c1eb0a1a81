import assert from 'node:assert/strict';
import { test } from 'node:test';
import { append, maxOf } from '../src/arrays.js';

test('append and maxOf take any number of items, where a spread of 200,000 overflows the stack', () => {
  const many = Array.from({ length: 200_000 }, (_, i) => i);
  assert.throws(() => [].push(...(many as never[])), RangeError);
  const target = [-1];
  append(target, many);
  assert.equal(target.length, 200_001);
  assert.equal(target.at(-1), 199_999);
  assert.equal(maxOf(many), 199_999);
  assert.equal(maxOf([]), -Infinity);
});
