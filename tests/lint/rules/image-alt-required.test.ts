import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/image-alt-required.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('image-alt-required: an image with alt text passes', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body: '![Loss curves of both runs](fig.png)' }) }), []);
});

test('image-alt-required: images with empty or blank alt text are reported', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth.\nLook: ![](fig.png)\n\n![ ](fig2.png)' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['image-alt-required 17:13', 'image-alt-required 19:7']);
  assert.equal(messages[0]!.message, 'Unexpected image without alt text, expected a description, as in `![Loss curves](fig.png)`');
});
