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
  const { parts, slots } = splitAtMarkers(output, new Map(FIELDS.map((field) => [placeholders[field], field])));
  return { parts, fields: slots, escape };
}

/**
 * Cuts `text` at every occurrence of a marker (a key of `markers`): the
 * pieces between them (one more than the markers found) and what each
 * marker stands for, in order. What personalizing a copy fills in: the
 * placeholders of a rendering, and the stand-ins of a composed message
 * (mail/message-template.ts).
 */
export function splitAtMarkers<T>(text: string, markers: ReadonlyMap<string, T>): { parts: string[]; slots: T[] } {
  const pattern = new RegExp([...markers.keys()].map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const parts: string[] = [];
  const slots: T[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index));
    slots.push(markers.get(match[0])!);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return { parts, slots };
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
