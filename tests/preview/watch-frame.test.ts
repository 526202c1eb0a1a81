import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameLines } from '../../src/preview/watch-frame.js';
import { displayWidth } from '../../src/render/text/index.js';

test('preview --watch: a diagnostic too long for the screen fills its first line to the width, its other lines under it four columns in', () => {
  const width = 61;
  // One space between words: wrapping collapses a run of spaces to one (wrap.ts).
  const diagnostic = '  3:5 warning Unexpected "teh" in the summary, expected "the" for this spell';
  const lines = frameLines({ diagnostics: diagnostic, preview: 'Body.', lastPreview: undefined }, { width, color: false, hyperlinks: false });
  const wrapped = lines.slice(0, lines.indexOf(lines.find((line) => /^[─-]+$/.test(line))!));
  assert.equal(wrapped[0], '  3:5 warning Unexpected "teh" in the summary, expected "the"');
  assert.equal(displayWidth(wrapped[0]!), width, 'the first line filled to the width after its indent of two, not to the width less six');
  assert.ok(wrapped.slice(1).every((line) => line.startsWith('      ') && displayWidth(line) <= width), JSON.stringify(wrapped));
  assert.equal(wrapped.join(' ').replace(/\s+/g, ' ').trim(), diagnostic.trim());
});
