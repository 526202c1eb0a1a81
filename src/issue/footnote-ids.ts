import type { MarkdownField } from './model.js';

/**
 * The ids of a footnote in every HTML output: mdast-util-to-hast writes
 * `<prefix>fn-<label>` on the note and `<prefix>fnref-<label>` (`-2`, `-3`
 * after the first) on its references, `<label>` being `footnoteIdLabel`'s
 * and `<prefix>` one text's (`BODY_FOOTNOTE_PREFIX`, `paperFootnotePrefix`).
 */

/** The prefix of the body's footnote ids (introduction and closing). */
export const BODY_FOOTNOTE_PREFIX = 'body-';

/**
 * The prefix of the footnote ids of a paper's text: `i<issue>-p<index>-<field>-`
 * (`i5-p0-summary-`, `index` the paper's place in the file). The issue's
 * number keeps ids unique across the archive: a paper's page shows the
 * notes of every issue that covered it.
 */
export function paperFootnotePrefix(issueNumber: number, paperIndex: number, field: Exclude<MarkdownField, 'body'>): string {
  return `i${issueNumber}-p${paperIndex}-${field}-`;
}

const FOOTNOTE_ID = /^(?:body|i\d+-p\d+-(?:summary|opinion|notes|prerequisites))-(?:fn-|fnref-|footnote-label$)/;

/**
 * Whether `id` is in the footnotes' namespace: a text's prefix, then
 * `fn-`, `fnref-` or the notes' heading's `footnote-label`. A paper's
 * anchor is never one (issue/anchors.ts).
 */
export function isFootnoteId(id: string): boolean {
  return FOOTNOTE_ID.test(id);
}

/**
 * The `<label>` part of a footnote's ids, from the label's identifier as
 * micromark normalizes it (whitespace collapsed, case-folded) and
 * mdast-util-to-hast keys it (upper case): ASCII letters lower-cased and
 * digits as they are (`[^Note1]` → `note1`, as mdast-util-to-hast writes
 * them), every other character, `-` and `_` included, as `_<hex code point>_`
 * (`[^ü]` → `_dc_`, `[^a-2]` → `a_2d_2`).
 *
 * So an id is valid by the HTML spec (no whitespace) and by html-validate's
 * `valid-id` (letters, digits, `-` and `_`), reads the same in an `href`
 * (nothing to percent-encode), and belongs to one label: the escapes read
 * back to the identifier, and with no `-` in a label, `fnref-a-2` (the
 * second reference to `a`) is never label `a-2`'s first.
 */
export function footnoteIdLabel(identifier: string): string {
  let label = '';
  for (const character of identifier.toUpperCase()) {
    label += /[A-Z0-9]/.test(character) ? character.toLowerCase() : `_${character.codePointAt(0)!.toString(16)}_`;
  }
  return label;
}
