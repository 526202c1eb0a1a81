import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from './fixture.js';

test('a wrapped code span keeps its runs of spaces, its tabs and its CJK text: a line ends only at a single space', () => {
  assert.equal(render('Run `aaa    bbb\tccc  ddd eee    fff ggg hhh` now.', { width: 20 }), 'Run\n`aaa    bbb\tccc  ddd\neee    fff ggg hhh`\nnow.');
  assert.equal(render(`Run \`${'日本語のコード'.repeat(3)}\` now.`, { width: 20 }), `Run\n\`${'日本語のコード'.repeat(3)}\`\nnow.`);
});
