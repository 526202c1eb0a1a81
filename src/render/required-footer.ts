import { PaperboyError } from '../errors.js';
import type { TemplateSet } from './templates.js';
import { overridePlace, type FooterTarget } from './footer-place.js';
import { visibleHtml, type Hidden } from './visible-html.js';

/**
 * Every email shows its reader how to leave and where the sender is
 * (RELIABILITY 3: both parts carry a visible unsubscribe link and the postal
 * address; CAN-SPAM, 15 U.S.C. §7704(a)(5), asks for both). The built-in
 * footer partials write them; a newsletter's own templates must too, or
 * nothing is rendered, sent or published with them.
 */

/** One rendered part of an email, and what its template had to write into it. */
export interface EmailPart {
  /** The part: its template is `email.html` or `email.txt`. */
  kind: 'html' | 'text';
  output: string;
  /** The stand-in the templates received as `links.unsubscribe` (personalize.ts). */
  unsubscribePlaceholder: string;
  /** The config's `postalAddress`, as the templates received it in `newsletter.postalAddress`. */
  postalAddress: string;
  /** The issue rendered, named in the message: a footer written under `{{#if …}}` may fail for one issue only. */
  issue: { number: number; path: string };
}

/**
 * Throws TEMPLATE_ERROR (exit 2) naming where to fix it, the issue,
 * what it left out and how to write it, when the part shows no unsubscribe
 * link or not the postal address. In the HTML both must be seen
 * (visible-html.ts): the link an `<a href>` with something to click on,
 * the address text, neither in a comment, an attribute, the `<head>`, a
 * `<style>`, `<script>` or `<template>`, or a hidden element (`hidden`,
 * `aria-hidden`, `display: none`, `opacity: 0`, `font-size: 0`, text the
 * colour of its background, a box of no height with its overflow hidden,
 * moved off the screen (`position: absolute; left: -9999px`, `text-indent:
 * -9999px`), clipped or scaled to nothing (`clip: rect(0 0 0 0)`,
 * `clip-path: inset(100%)`, `transform: scale(0)`): the message says which
 * hides it). The address may be wrapped over lines (`{{wrap}}`) and, in
 * HTML, escaped (`{{…}}`) or not (`{{{…}}}`). Where to fix it is, in the
 * newsletter's own templates (footer-place.ts), the file, line and column
 * of the element hiding the link (else the address), else of where its
 * field is written (a link under an `{{#if}}`, in a comment), else the
 * override of the footer; with no override to blame, the part's template.
 */
export function checkRequiredFooter(part: EmailPart, templates: TemplateSet): void {
  const shown = part.kind === 'html' ? visibleHtml(part.output) : undefined;
  const missing: string[] = [];
  const targets: FooterTarget[] = [];
  const linked = shown ? shown.linkTargets.has(part.unsubscribePlaceholder) : showsUrl(part.output, part.unsubscribePlaceholder);
  if (!linked) {
    const hidden = shown?.hiddenLinks.get(part.unsubscribePlaceholder);
    missing.push(part.kind === 'html' ? `the unsubscribe link as a visible link (\`<a href="{{links.unsubscribe}}">…</a>\`)${hiddenBy(hidden)}` : 'the unsubscribe link (`{{links.unsubscribe}}`)');
    targets.push(hidden ? { element: hidden.element } : { field: 'links.unsubscribe' });
  }
  if (!holdsAddress(part.kind, shown?.text ?? part.output, part.postalAddress)) {
    const hidden = shown?.hiddenText.find(({ text }) => holdsAddress(part.kind, text, part.postalAddress));
    missing.push(`the postal address${shown ? ' as visible text' : ''} (\`{{newsletter.postalAddress}}\`)${hiddenBy(hidden)}`);
    targets.push(hidden ? { element: hidden.element } : { field: 'newsletter.postalAddress' });
  }
  if (missing.length === 0) return;
  const flavour = part.kind === 'html' ? 'html' : 'txt';
  const template = `email.${flavour}`;
  const place = overridePlace(templates, template, targets[0]);
  const footer = templates.files.get(`partials/footer.${flavour}`);
  const where = place
    ? `in this file or another template \`${template}\` reads`
    : footer
      ? `in it or in a partial it includes, such as its footer, ${footer}`
      : 'in it or in a partial it includes';
  const at = place ? `${place.file}:${place.line}:${place.column}` : (templates.files.get(template) ?? template);
  const link = part.kind === 'html' ? '<a href="{{links.unsubscribe}}">Unsubscribe</a>' : 'Unsubscribe: {{links.unsubscribe}}';
  throw new PaperboyError('TEMPLATE_ERROR', `${at}: Missing ${missing.join(' and ')} in the ${part.kind === 'html' ? 'HTML' : 'plaintext'} email of issue ${part.issue.number} (${part.issue.path}), expected ${where}`, {
    hint: `Every email must show its reader how to unsubscribe and the newsletter's postal address (anti-spam law): write \`${link}\` and \`{{newsletter.postalAddress}}\` in the footer, as paperboy's own templates/partials/footer.${flavour}.hbs does.`,
  });
}

/** What the message adds of a link or an address written but hidden: by what. */
function hiddenBy(hidden: Hidden | undefined): string {
  return hidden === undefined ? '' : ` (the one written is hidden from its readers by ${hidden.reason})`;
}

/**
 * Whether the plaintext shows the URL standing on its own: a mail program
 * makes a link of `https://…` up to the first space or closing bracket
 * (RFC 3986 Appendix C), so text glued after it (`{{links.unsubscribe}}x`)
 * would make another, broken address.
 */
function showsUrl(text: string, url: string): boolean {
  let index = text.indexOf(url);
  while (index !== -1) {
    if (/^(?:$|[\s>)\]"'.,;:!?])/.test(text.slice(index + url.length, index + url.length + 1))) return true;
    index = text.indexOf(url, index + 1);
  }
  return false;
}

/**
 * Whether the text shows the postal address: as written, else wrapped over
 * lines (the HTML's text has its entities decoded, so an escaped address
 * reads as written); in the plaintext, also cut inside a word, as a line
 * past 998 octets is (email.ts `renderText`, RFC 5322 §2.1.1).
 */
function holdsAddress(kind: EmailPart['kind'], text: string, postalAddress: string): boolean {
  // As written first: the whole email is collapsed only for an address the templates wrapped or escaped.
  if (text.includes(postalAddress)) return true;
  const collapsed = collapse(text);
  const address = collapse(postalAddress);
  if (kind === 'html') return collapsed.includes(address);
  return collapsed.includes(address) || withoutSpaces(text).includes(withoutSpaces(postalAddress));
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}
