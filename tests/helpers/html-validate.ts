import { HtmlValidate, type Message, type RuleOptions, type RuleSeverity } from 'html-validate';

/**
 * `valid-id` as HTML defines an id (WHATWG HTML §3.2.6.1: not empty, no
 * ASCII whitespace): a paper's anchor is the slug GitHub gives its title,
 * which may start with a digit (`#1-bit-llms`) or hold a combining mark,
 * where the strict rule wants a letter first (issue/anchors.ts).
 */
const HTML_IDS: [RuleSeverity, RuleOptions] = ['error', { relaxed: true }];

/**
 * The archive's pages through html-validate's recommended rules, `valid-id`
 * as HTML has it (above), less two:
 * - `long-title`: a page's title is the or the paper's, as the editor wrote it;
 * - `no-inline-style`: KaTeX places the glyphs of a formula with inline styles.
 */
export const pageValidator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off', 'no-inline-style': 'off', 'valid-id': HTML_IDS } });

/**
 * The HTML email through html-validate's recommended rules, `valid-id` as
 * HTML has it, less the ones that email technique breaks on purpose, so
 * that only real errors fail:
 * - `no-inline-style`: the CSS is inlined, since many clients drop `<style>`;
 * - `no-deprecated-attr`: `width`, `cellpadding`… on tables are what Outlook reads;
 * - `no-conditional-comment`: the `<!--[if mso]>` wrapper fixes the width in Outlook;
 * - `long-title`: the `<title>` is the subject, whose length lint's `subject-length` rule judges.
 */
export const emailValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'no-inline-style': 'off', 'no-deprecated-attr': 'off', 'no-conditional-comment': 'off', 'long-title': 'off', 'valid-id': HTML_IDS },
});

/** `line:column ruleId: message (selector)` of each message: what a test compares with `[]`. */
function describeMessages(messages: readonly Message[]): string[] {
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message} (${message.selector ?? ''})`);
}

/** The messages `validator` has for `html`, described. */
export async function htmlProblems(validator: HtmlValidate, html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return describeMessages(report.results.flatMap((result) => result.messages));
}
