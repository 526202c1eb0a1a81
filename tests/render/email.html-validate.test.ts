import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LONG_CONTENT_ISSUE, LONG_LINT_MESSAGE } from './fixtures/long-content.js';
import { RIGHT_TO_LEFT_ISSUE } from './fixtures/right-to-left.js';
import { emailValidator, htmlProblems } from '../helpers/html-validate.js';
import { REPO_ROOT, renderAll, rootWith, sampleNumbers } from '../helpers/render.js';

for (const number of await sampleNumbers()) {
  for (const review of [false, true]) {
    test(`html-validate: sample issue ${number}${review ? ', review proof,' : ''} has no errors`, async () => {
      const { html } = await renderAll(REPO_ROOT, String(number), review ? { review: { warnings: [] } } : {});
      assert.deepEqual(await htmlProblems(emailValidator, html), []);
    });
  }
}

test('html-validate: long code, URLs, tables, task lists, images and a long lint message have no errors', async () => {
  const { root } = await rootWith({ '0001-long.md': LONG_CONTENT_ISSUE });
  const review = { warnings: [{ line: 12, column: 7, severity: 'warning' as const, message: LONG_LINT_MESSAGE, ruleId: 'no-bare-url' }] };
  const { html } = await renderAll(root, '1', { review });
  assert.deepEqual(await htmlProblems(emailValidator, html), []);
});

test('html-validate: an issue of right-to-left names, venue and summary (`<bdi>`, `dir="auto"`) has no errors', async () => {
  const { root } = await rootWith({ '0001-rtl.md': RIGHT_TO_LEFT_ISSUE });
  const { html } = await renderAll(root, '1');
  assert.deepEqual(await htmlProblems(emailValidator, html), []);
});
