import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { staticPathKind } from '../../src/config/static-sources.js';

test('staticPathKind: what serve --dev rebuilds for: the folder itself and every file it copies, not a hidden file in it, nor a folder beside it whose name begins the same', () => {
  const dir = join('/news', 'static');
  const data = join('/news', '.paperboy');
  assert.equal(staticPathKind(dir, dir, data), 'copied');
  assert.equal(staticPathKind(dir, join(dir, 'img', 'chart.svg'), data), 'copied');
  assert.equal(staticPathKind(dir, join(dir, 'img'), data), 'copied');
  assert.equal(staticPathKind(dir, join(dir, 'img', '.chart.svg.swp'), data), 'hidden');
  assert.equal(staticPathKind(dir, join(dir, '.git', 'HEAD'), data), 'hidden');
  assert.equal(staticPathKind(dir, join('/news', 'static-old', 'a.png'), data), 'outside');
  assert.equal(staticPathKind(dir, join('/news', 'paperboy.config.yaml'), data), 'outside');
  assert.equal(staticPathKind(dir, join('/news', '..static', 'a.png'), data), 'outside');
});
