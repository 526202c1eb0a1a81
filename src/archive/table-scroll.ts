/**
 * A web fragment's tables (GFM tables: a summary's, an intro's), each in a
 * `<div class="table-scroll">` that the stylesheet lets scroll sideways: a
 * table wider than the screen scrolls inside itself instead of making the
 * whole page scroll (WCAG 2.2 SC 1.4.10 Reflow, at 320 CSS pixels), as the
 * papers' own list (`.paper-table`) and display math (`.math-display`) do.
 * A wrapper, not `display: block` on the table itself, which some browsers
 * have handed to screen readers as no table at all
 * (https://adrianroselli.com/2018/02/tables-css-display-properties-and-aria.html).
 *
 * The fragment is rehype-stringify's output after rehype-sanitize (raw HTML
 * dropped, so a `<table>` is a GFM table, never nested, without attributes),
 * then KaTeX's: every `<` of a text is a character reference, but one in an
 * attribute value is not (hast-util-to-html leaves it in a quoted value: a
 * link's title `"<table>"`), so the pattern reads each tag whole, its quoted
 * values inside it, and only a tag that is exactly `<table>` or `</table>`
 * is wrapped.
 */
export function scrollingTables(html: string): string {
  if (!html.includes('<table>')) return html;
  return html.replace(TAG, (tag) => (tag === '<table>' ? '<div class="table-scroll"><table>' : tag === '</table>' ? '</table></div>' : tag));
}

/** A tag, start or end, whole: its quoted attribute values may hold `>` and `<`. */
const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
