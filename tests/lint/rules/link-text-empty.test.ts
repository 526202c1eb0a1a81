import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/link-text-empty.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('link-text-empty: links with words, code or an image with alt pass', async () => {
  const body = '[the paper](https://x.org), [`code`](https://x.org), [![Figure 1](fig.png)](https://x.org)';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body }) }), []);
});

test('link-text-empty: an empty link, and a link holding only an image without alt, are reported', async () => {
  const text = cleanIssueWithMarkdown({ opinion: 'Good.\nSee [](https://x.org) and [ ![](fig.png) ](https://x.org).' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['link-text-empty 19:11', 'link-text-empty 19:33']);
  assert.equal(messages[0]!.message, 'Unexpected empty link text, expected words that say where the link goes');
});
