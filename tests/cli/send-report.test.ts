import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perSecond } from '../../src/cli/send-report.js';

test('a send summary\'s rate never rounds a slow run to 0/s: whole numbers from 10 a second, one decimal, two below 0.1', () => {
  assert.equal(perSecond(1 / 80.2), '0.01');
  assert.equal(perSecond(0.5), '0.5');
  assert.equal(perSecond(2.345), '2.3');
  assert.equal(perSecond(1389.4), '1389');
  assert.equal(perSecond(0), '0.00');
});
