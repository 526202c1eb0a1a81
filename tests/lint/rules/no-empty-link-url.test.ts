import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/no-empty-link-url.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('no-empty-link-url: links with a URL pass', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body: '[the paper](https://x.org) and [a ref][r]\n\n[r]: https://y.org' }) }), []);
});

test('no-empty-link-url: `[x]()`, `[x](<>)` and an empty definition are reported', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth.\nSee [the paper]() or [it](<>).' }, { body: '[a ref][r]\n\n[r]: <>' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-empty-link-url 17:11', 'no-empty-link-url 17:28', 'no-empty-link-url 24:1']);
  assert.equal(messages[0]!.message, 'Unexpected empty link URL, expected an address such as `https://…`');
});
