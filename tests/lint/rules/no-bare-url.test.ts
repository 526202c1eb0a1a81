import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/no-bare-url.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('no-bare-url: links with words, angle-bracket links and e-mail addresses pass', async () => {
  const body = 'Read [the paper](https://arxiv.org/abs/2304.15004), <https://example.org>, [https://example.org](https://example.org); write to editor@example.org.';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body }) }), []);
});

test('no-bare-url: bare URLs in the body and on a summary\'s 2nd line are reported', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth metrics.\nCode: www.example.org/code' }, { body: 'See https://example.org/a for more.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-bare-url 17:13', 'no-bare-url 22:5']);
  assert.equal(
    messages[1]!.message,
    'Unexpected bare URL `https://example.org/a`, expected a link with words, such as `[the paper](https://example.org/a)`',
  );
});
