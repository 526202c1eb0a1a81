import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathWithin } from '../src/path-within.js';

test('pathWithin: a folder is within itself and holds what is under it, not its parent nor a sibling; a name starting with two dots is inside', () => {
  assert.equal(pathWithin('/news/static', '/news/static'), true);
  assert.equal(pathWithin('/news/static', '/news/static/img/a.png'), true);
  assert.equal(pathWithin('/news/static', '/news/static/..drafts'), true);
  assert.equal(pathWithin('/news/static', '/news'), false);
  assert.equal(pathWithin('/news/static', '/news/static-old/a.png'), false);
  assert.equal(pathWithin('/news/static', '/elsewhere'), false);
});
