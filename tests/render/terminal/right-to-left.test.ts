import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FSI, PDI } from '../../../src/render/bidi.js';
import { ARABIC_AUTHORS, ARABIC_TITLE, ARABIC_VENUE, HEBREW_AUTHOR, RIGHT_TO_LEFT_ISSUE } from '../fixtures/right-to-left.js';
import { PLAIN, previewText, visible } from './fixture.js';

const isolated = (text: string) => `${FSI}${text}${PDI}`;

test('preview: an Arabic title, a Hebrew author among Latin ones, an Arabic venue, tag and section are each isolated (U+2068…U+2069), as in the plaintext email', async () => {
  const output = await previewText(RIGHT_TO_LEFT_ISSUE, { ...PLAIN, width: 100 });
  assert.ok(output.includes(`1. ${isolated(ARABIC_TITLE)}\n`), output);
  assert.ok(output.includes(`   Alice Smith, ${isolated(HEBREW_AUTHOR)} and Bob Jones · ${isolated(ARABIC_VENUE)}, 2023 · #${isolated('انتباه')} #attention\n`), output);
  const [first, second, third] = ARABIC_AUTHORS;
  assert.ok(output.includes(`   ${isolated(first)}, ${isolated(second)} and ${isolated(third)} · NeurIPS, 2022\n`), output);
  assert.ok(output.includes(`\n${isolated('تفسير')}\n`), output);
  assert.ok(output.includes('2. A Latin title\n'), output);
});

test('preview (colour): an isolated Arabic title stays whole inside its bold hyperlink', async () => {
  const output = await previewText(RIGHT_TO_LEFT_ISSUE, { width: 100, color: true, hyperlinks: true });
  assert.ok(visible(output).includes(`1. ${isolated(ARABIC_TITLE)}\n`), visible(output));
});
