import assert from 'node:assert/strict';
import { test } from 'node:test';
import { balanceIsolates, FSI, hasRightToLeft, isolateHtml, isolateText, PDI } from '../../src/render/bidi.js';
import { escapeHtml } from '../../src/render/escape-html.js';
import { wrapText } from '../../src/render/text/index.js';

test('bidi: a value holding an Arabic, Hebrew or Syriac letter, or an RLM, is right-to-left; Latin, Arabic-Indic digits alone, or Chinese are not', () => {
  for (const text of ['مؤلف', 'Smith יעל', 'ܐܠܗܐ', 'a\u200fb', 'فارسی']) assert.ok(hasRightToLeft(text), text);
  for (const text of ['Smith', '٢٠٢٣', '涌现能力', 'Łukasz Kaiser', '']) assert.ok(!hasRightToLeft(text), text);
});

test('bidi: a right-to-left value is isolated (HTML `<bdi>`, escaped; plaintext U+2068…U+2069), a left-to-right one is as it was', () => {
  assert.equal(isolateHtml('<مؤلف> & co', escapeHtml), `<bdi>${escapeHtml('<مؤلف> & co')}</bdi>`);
  assert.equal(isolateHtml('Smith & <co>', escapeHtml), escapeHtml('Smith & <co>'));
  assert.equal(isolateText('מחבר'), `${FSI}מחבר${PDI}`);
  assert.equal(isolateText('Smith'), 'Smith');
});

test('bidi: a plaintext line cut inside an isolated name closes it at the line end and opens it again after the next line’s indentation', () => {
  const name = `${FSI}محمد علي حسن${PDI}`;
  const lines = wrapText(`Authors: Alice Smith and ${name}, 2023`, 34, { initialIndent: '   ', subsequentIndent: '   ' }).split('\n');
  assert.deepEqual(lines, [`   Authors: Alice Smith and ${FSI}محمد${PDI}`, `   ${FSI}علي حسن${PDI}, 2023`]);
  assert.deepEqual(balanceIsolates(['plain', 'lines']), ['plain', 'lines']);
});

test('bidi: a line cut inside a name that holds an isolate of its own (U+2067 … U+2069) closes and opens both, the inner with its own direction', () => {
  const [RLI, LRI] = ['\u2067', '\u2066'];
  assert.deepEqual(balanceIsolates([`a ${FSI}${RLI}محمد${PDI} علي`, `  حسن${PDI}, 2023`]), [`a ${FSI}${RLI}محمد${PDI} علي${PDI}`, `  ${FSI}حسن${PDI}, 2023`]);
  assert.deepEqual(balanceIsolates([`a ${FSI}${RLI}محمد علي`, `  حسن${PDI}${PDI}, 2023`]), [`a ${FSI}${RLI}محمد علي${PDI}${PDI}`, `  ${FSI}${RLI}حسن${PDI}${PDI}, 2023`]);
  assert.deepEqual(balanceIsolates([`${LRI}x`, `y${PDI}`]), [`${LRI}x${PDI}`, `${LRI}y${PDI}`]);
});

