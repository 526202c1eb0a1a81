import { HtmlValidate, type Message } from 'html-validate';

/**
 * The archive's pages through html-validate's recommended rules (which
 * include `valid-id`: an id starts with a letter and holds only letters,
 * digits, `-` and `_`), less two:
 * - `long-title`: a page's title is the or the paper's, as the editor wrote it;
 * - `no-inline-style`: KaTeX places the glyphs of a formula with inline styles.
 */
export const pageValidator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off', 'no-inline-style': 'off' } });

/**
 * The HTML email through html-validate's recommended rules, less the ones
 * that email technique breaks on purpose, so that only real errors fail:
 * - `no-inline-style`: the CSS is inlined, since many clients drop `<style>`;
 * - `no-deprecated-attr`: `width`, `cellpadding`… on tables are what Outlook reads;
 * - `no-conditional-comment`: the `<!--[if mso]>` wrapper fixes the width in Outlook;
 * - `long-title`: the `<title>` is the subject, whose length lint's `subject-length` rule judges.
 */
export const emailValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'no-inline-style': 'off', 'no-deprecated-attr': 'off', 'no-conditional-comment': 'off', 'long-title': 'off' },
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
