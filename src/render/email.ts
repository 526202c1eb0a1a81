import type juice from 'juice';
import type { Issue } from '../issue/model.js';
import { buildEmailView, type RenderContext } from './build-view.js';
import { inlineCss } from './inline-css.js';
import { adaptForMailClients } from './mail-client-markup.js';
import { checkRequiredFooter } from './required-footer.js';
import { createPlaceholders, fill, splitAtPlaceholders, type Personalization, type PersonalizableText } from './personalize.js';
import type { TemplateSet } from './templates.js';
import { limitLineOctets, plainStyle } from './text/index.js';
import type { ContentView, EmailView } from './view-model.js';

/** One issue's email, rendered once, ready to be personalized per recipient. */
export interface RenderedEmail {
  issueNumber: number;
  /** The subject line; a review proof's starts with "[REVIEW]". */
  subject: string;
  html: PersonalizableText;
  text: PersonalizableText;
}

/** One recipient's copy. */
export interface PersonalizedEmail {
  subject: string;
  html: string;
  text: string;
}

const REVIEW_SUBJECT_PREFIX = '[REVIEW] ';

/** How the email's CSS is inlined (juice's options). */
export const EMAIL_CSS_INLINING: juice.Options = {
  // Only the @media rules (dark mode, phones) stay in <head>; the rest is inlined.
  removeStyleTags: true,
  preserveMediaQueries: true,
  preserveImportant: true,
  // The templates give tables and images their width attributes (600, 560)
  // for Outlook; derived from CSS they would become "100%".
  applyWidthAttributes: false,
  applyHeightAttributes: false,
  applyAttributesTableElements: true,
};

/**
 * The HTML email of a view: the template, then its CSS inlined (after
 * sanitizing, which happened per text), then its markup as mail clients
 * keep it (mail-client-markup.ts).
 */
function renderHtml(view: EmailView, templates: TemplateSet): string {
  return inlineCss(templates.render('email.html', view), EMAIL_CSS_INLINING, adaptForMailClients);
}

/**
 * The plaintext email of a view, with one final newline. No line exceeds
 * 998 octets (RFC 5322 §2.1.1), whatever a template writes: a line no
 * wrapping could shorten (a 1,800-character paper URL under its title) is
 * hard-split here, the last resort the Markdown texts already get.
 */
function renderText(view: EmailView, templates: TemplateSet): string {
  return `${limitLineOctets(templates.render('email.txt', view).trimEnd(), plainStyle.maxLineOctets)}\n`;
}

/**
 * Renders an issue's email once: HTML (CSS inlined) and plaintext, personal
 * values left as placeholders. `content` is the issue's content view (with
 * its plaintext) when the caller already built it for another output.
 * Throws TEMPLATE_ERROR when a part lacks the unsubscribe link or the
 * postal address (required-footer.ts), and what the templates throw.
 */
export function renderEmail(issue: Issue, context: RenderContext, templates: TemplateSet, content?: ContentView): RenderedEmail {
  const placeholders = createPlaceholders();
  const { html, text } = renderParts(issue, context, templates, placeholders.unsubscribeUrl, content);
  return {
    issueNumber: issue.number,
    subject: context.review ? REVIEW_SUBJECT_PREFIX + issue.subject : issue.subject,
    html: splitAtPlaceholders(html, placeholders, 'html'),
    text: splitAtPlaceholders(text, placeholders, 'none'),
  };
}

/** One recipient's copy: string joins only, no template or CSS work. */
export function personalize(rendered: RenderedEmail, values: Personalization): PersonalizedEmail {
  return { subject: rendered.subject, html: fill(rendered.html, values), text: fill(rendered.text, values) };
}

/** Both parts of an issue's email, the unsubscribe link a stand-in, each checked for its required footer. */
function renderParts(issue: Issue, context: RenderContext, templates: TemplateSet, unsubscribeUrl: string, content?: ContentView): { html: string; text: string } {
  const view = buildEmailView(issue, context, { unsubscribeUrl }, content);
  const html = renderHtml(view, templates);
  const text = renderText(view, templates);
  const required = { unsubscribePlaceholder: unsubscribeUrl, postalAddress: context.config.postalAddress, issue };
  checkRequiredFooter({ kind: 'html', output: html, ...required }, templates);
  checkRequiredFooter({ kind: 'text', output: text, ...required }, templates);
  return { html, text };
}

/**
 * Both parts of an issue's email as one string each, for the `email-size`
 * lint rule: rendered and checked as `renderEmail` does, so a lint finds a
 * mistake in either part's templates (a misspelt field, a footer without
 * the unsubscribe link or the postal address) before a send does. Throws
 * what `renderEmail` throws.
 */
export function renderCheckedParts(issue: Issue, context: RenderContext, templates: TemplateSet): { html: string; text: string } {
  return renderParts(issue, context, templates, createPlaceholders().unsubscribeUrl);
}

/**
 * An issue's HTML email alone (no plaintext rendered), for the preview's
 * size line: checked as `renderEmail` checks its HTML.
 */
function renderHtmlOnly(issue: Issue, context: RenderContext, templates: TemplateSet): string {
  const unsubscribePlaceholder = createPlaceholders().unsubscribeUrl;
  const view = buildEmailView(issue, context, { unsubscribeUrl: unsubscribePlaceholder, text: false });
  const html = renderHtml(view, templates);
  checkRequiredFooter({ kind: 'html', output: html, unsubscribePlaceholder, postalAddress: context.config.postalAddress, issue }, templates);
  return html;
}

/** The size in bytes of an issue's HTML email, what Gmail's clip limit counts (the terminal preview shows it). */
export function htmlEmailSize(issue: Issue, context: RenderContext, templates: TemplateSet): number {
  return Buffer.byteLength(renderHtmlOnly(issue, context, templates));
}
