import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeBidiControls } from '../../src/issue/bidi-controls.js';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];

test('an override or embedding left open is closed where its text ends, every character kept', () => {
  assert.equal(closeBidiControls(`Are Emergent ${RLO}Abilities a Mirage?`), `Are Emergent ${RLO}Abilities a Mirage?${PDF}`);
  assert.equal(closeBidiControls(`${LRE}a ${RLE}b`), `${LRE}a ${RLE}b${PDF}${PDF}`);
  assert.equal(closeBidiControls(`${LRO}a`), `${LRO}a${PDF}`);
});

test('an isolate left open is closed by a PDI, innermost scope first', () => {
  assert.equal(closeBidiControls(`${RLI}a ${RLO}b`), `${RLI}a ${RLO}b${PDF}${PDI}`);
  assert.equal(closeBidiControls(`${FSI}a ${LRI}b`), `${FSI}a ${LRI}b${PDI}${PDI}`);
});

test('a PDI closes its isolate and every scope opened inside it, as the algorithm does (UAX #9 X6a)', () => {
  assert.equal(closeBidiControls(`${RLI}${RLO}a${PDI} b`), `${RLI}${RLO}a${PDI} b`);
  // A PDF cannot close an isolate (X7): the isolate is still open (and the PDF, closing nothing, is left out).
  assert.equal(closeBidiControls(`${RLI}a${PDF} b`), `${RLI}a b${PDI}`);
});

test('text that opens no scope or closes every one is returned as it is', () => {
  for (const text of ['Attention is all you need', 'שלום world', `${RLO}a${PDF} b`, `${LRI}GPT-4${PDI} עברית`, '']) {
    assert.equal(closeBidiControls(text), text);
  }
});

test('a closer without its opener (a PDI or PDF pasted alone) is left out: it changes nothing where it is written, and would end the isolate an output puts the value in', () => {
  assert.equal(closeBidiControls(`a${PDF}b${PDI}`), 'ab');
  assert.equal(closeBidiControls(`دراسة${PDI} عن`), 'دراسة عن');
  assert.equal(closeBidiControls(`${RLI}a${PDI}${PDI} b`), `${RLI}a${PDI} b`);
  // A PDF inside an isolate closes nothing there either (X7: it cannot reach past the isolate).
  assert.equal(closeBidiControls(`${RLO}x${FSI}a${PDF}b${PDI}${PDF}`), `${RLO}x${FSI}ab${PDI}${PDF}`);
});

test('each line is a paragraph of its own: its scopes close at its end, before its trailing spaces (a Markdown line break)', () => {
  assert.equal(closeBidiControls(`a ${RLO}b  \nc ${RLO}d\n\ne`), `a ${RLO}b${PDF}  \nc ${RLO}d${PDF}\n\ne`);
  assert.equal(closeBidiControls(`a ${RLO}b\u2029c`), `a ${RLO}b${PDF}\u2029c`);
});
