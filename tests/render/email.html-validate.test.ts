import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate, type Message } from 'html-validate';
import { LONG_CONTENT_ISSUE, LONG_LINT_MESSAGE } from './fixtures/long-content.js';
import { REPO_ROOT, renderAll, rootWith, sampleNumbers } from '../helpers/render.js';

/**
 * The HTML email through html-validate's recommended rules, less the ones
 * that email technique breaks on purpose, so that only real errors fail:
 * - `no-inline-style`: the CSS is inlined, since many clients drop `<style>`;
 * - `no-deprecated-attr`: `width`, `cellpadding`… on tables are what Outlook reads;
 * - `no-conditional-comment`: the `<!--[if mso]>` wrapper fixes the width in Outlook;
 * - `long-title`: the `<title>` is the subject, whose length lint's `subject-length` rule judges.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'no-inline-style': 'off', 'no-deprecated-attr': 'off', 'no-conditional-comment': 'off', 'long-title': 'off' },
});

function describe(messages: readonly Message[]): string[] {
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message} (${message.selector ?? ''})`);
}

for (const number of await sampleNumbers()) {
  for (const review of [false, true]) {
    test(`html-validate: sample issue ${number}${review ? ', review proof,' : ''} has no errors`, async () => {
      const { html } = await renderAll(REPO_ROOT, String(number), review ? { review: { warnings: [] } } : {});
      const report = await validator.validateString(html);
      assert.deepEqual(describe(report.results.flatMap((result) => result.messages)), []);
    });
  }
}

test('html-validate: long code, URLs, tables, task lists, images and a long lint message have no errors', async () => {
  const { root } = await rootWith({ '0001-long.md': LONG_CONTENT_ISSUE });
  const review = { warnings: [{ line: 12, column: 7, severity: 'warning' as const, message: LONG_LINT_MESSAGE, ruleId: 'no-bare-url' }] };
  const { html } = await renderAll(root, '1', { review });
  const report = await validator.validateString(html);
  assert.deepEqual(describe(report.results.flatMap((result) => result.messages)), []);
});
