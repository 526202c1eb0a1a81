import Handlebars from 'handlebars';
import { PaperboyError } from '../errors.js';
import type { TemplateSet } from './templates.js';

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
}

/**
 * Throws TEMPLATE_ERROR (exit 2) naming the part's template, what it left
 * out and how to write it, when the part holds no unsubscribe link or not
 * the postal address. The address may be wrapped over lines (`{{wrap}}`)
 * and, in HTML, escaped (`{{…}}`) or not (`{{{…}}}`).
 */
export function checkRequiredFooter(part: EmailPart, templates: TemplateSet): void {
  const missing: string[] = [];
  if (!part.output.includes(part.unsubscribePlaceholder)) missing.push('the unsubscribe link (`{{links.unsubscribe}}`)');
  if (!holdsAddress(part)) missing.push('the postal address (`{{newsletter.postalAddress}}`)');
  if (missing.length === 0) return;
  const flavour = part.kind === 'html' ? 'html' : 'txt';
  const template = `email.${flavour}`;
  const footer = templates.files.get(`partials/footer.${flavour}`);
  const where = footer ? `in it or in a partial it includes, such as its footer, ${footer}` : 'in it or in a partial it includes';
  const link = part.kind === 'html' ? '<a href="{{links.unsubscribe}}">Unsubscribe</a>' : 'Unsubscribe: {{links.unsubscribe}}';
  throw new PaperboyError('TEMPLATE_ERROR', `${templates.files.get(template) ?? template}: Missing ${missing.join(' and ')} in the ${part.kind === 'html' ? 'HTML' : 'plaintext'} email, expected ${where}`, {
    hint: `Every email must show its reader how to unsubscribe and the newsletter's postal address (anti-spam law): write \`${link}\` and \`{{newsletter.postalAddress}}\` in the footer, as paperboy's own templates/partials/footer.${flavour}.hbs does.`,
  });
}

/**
 * Whether the part shows the postal address: as written, else wrapped over
 * lines or (in HTML) escaped; in the plaintext, also cut inside a word, as
 * a line past 998 octets is (email.ts `renderText`, RFC 5322 §2.1.1).
 */
function holdsAddress({ kind, output, postalAddress }: EmailPart): boolean {
  // As written first: the whole email is collapsed only for an address the templates wrapped or escaped.
  if (output.includes(postalAddress)) return true;
  const collapsed = collapse(output);
  const address = collapse(postalAddress);
  if (kind === 'html') return collapsed.includes(address) || collapsed.includes(Handlebars.escapeExpression(address));
  return collapsed.includes(address) || withoutSpaces(output).includes(withoutSpaces(postalAddress));
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}
