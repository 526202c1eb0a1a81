import { randomBytes } from 'node:crypto';
import { escapeHtml } from './escape-html.js';

/**
 * Rendering runs once per issue; each recipient's copy is then a join of
 * precomputed strings around the few values that differ per recipient, so
 * 100,000 copies never re-run Markdown, Handlebars or the CSS inliner.
 */

/** What differs between two recipients' copies of an issue. */
export interface Personalization {
  /** The recipient's one-click unsubscribe page (https, with their token). */
  unsubscribeUrl: string;
}

type PersonalField = keyof Personalization;

const FIELDS: readonly PersonalField[] = ['unsubscribeUrl'];

/** A rendered output cut at each personal value: `parts[0] fields[0] parts[1] … parts[n]`. */
export interface PersonalizableText {
  readonly parts: readonly string[];
  readonly fields: readonly PersonalField[];
  /** How a value is written into this output: HTML-escaped, or as it is (plaintext). */
  readonly escape: 'html' | 'none';
}

/**
 * Stand-ins the templates receive instead of the personal values. Random per
 * rendering, so no text of an issue can contain one by accident or design.
 */
export function createPlaceholders(): Personalization {
  const nonce = randomBytes(12).toString('hex');
  return { unsubscribeUrl: `paperboy-unsubscribe-${nonce}` };
}

/** Cuts a rendered output at every placeholder. */
export function splitAtPlaceholders(output: string, placeholders: Personalization, escape: PersonalizableText['escape']): PersonalizableText {
  const byPlaceholder = new Map(FIELDS.map((field) => [placeholders[field], field]));
  const pattern = new RegExp(FIELDS.map((field) => placeholders[field]).join('|'), 'g');
  const parts: string[] = [];
  const fields: PersonalField[] = [];
  let last = 0;
  for (const match of output.matchAll(pattern)) {
    parts.push(output.slice(last, match.index));
    fields.push(byPlaceholder.get(match[0])!);
    last = match.index + match[0].length;
  }
  parts.push(output.slice(last));
  return { parts, fields, escape };
}

/** One recipient's copy of an output. */
export function fill(text: PersonalizableText, values: Personalization): string {
  const { parts, fields } = text;
  let output = parts[0]!;
  for (let i = 0; i < fields.length; i++) {
    const value = values[fields[i]!];
    output += (text.escape === 'html' ? escapeHtml(value) : value) + parts[i + 1]!;
  }
  return output;
}
