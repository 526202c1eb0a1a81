import mensch, { type CssNode } from 'mensch';

/** A colour scheme an email client renders in. */
export type ColorScheme = 'light' | 'dark';

/** One `prefers-color-scheme` feature of a media query (Media Queries 5, § 11.5). */
const SCHEME_FEATURE = /^\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)$/i;

/**
 * A media query as a client in `scheme` evaluates it: its
 * `prefers-color-scheme` features decided, the rest left to the browser.
 * `only screen and (prefers-color-scheme: dark)` is `only screen` in dark
 * and `not all` (matches nothing) in light; a query of the feature alone is
 * `all` in its scheme. A query with `not` or `or` is left as it is (the
 * browser's own preference decides it): email templates write the plain
 * form.
 */
export function queryInScheme(query: string, scheme: ColorScheme): string {
  const conditions = query.trim().split(/\s+and\s+/i);
  const features = conditions.map((condition) => SCHEME_FEATURE.exec(condition)?.[1]?.toLowerCase());
  if (features.every((feature) => feature === undefined) || /(^|[\s(])(not|or)[\s(]/i.test(query)) return query.trim();
  if (features.some((feature) => feature !== undefined && feature !== scheme)) return 'not all';
  const rest = conditions.filter((_, index) => features[index] === undefined);
  return rest.length === 0 ? 'all' : rest.join(' and ');
}

/** `rules` with every `@media` query list, nested ones too, as `queryInScheme` makes each query. */
function rulesInScheme(rules: CssNode[], scheme: ColorScheme): CssNode[] {
  return rules.map((rule) => ({
    ...rule,
    ...(rule.type === 'media' && rule.name !== undefined ? { name: rule.name.split(',').map((query) => queryInScheme(query, scheme)).join(', ') } : {}),
    ...(rule.rules ? { rules: rulesInScheme(rule.rules, scheme) } : {}),
  }));
}

/**
 * An email's HTML as a client set to `scheme` renders it, whatever the
 * system's preference: the `@media` rules of its `<style>` elements that
 * ask for `prefers-color-scheme` apply, or not, as `queryInScheme` says,
 * and the document's `color-scheme` is `scheme` (the browser's own colours:
 * canvas, default text, links, form controls). `/preview/N`'s light/dark
 * switch shows the email this way because a frame's `prefers-color-scheme`
 * follows the system in Chromium, whatever the frame's `color-scheme`.
 * A `<style>` element ends at its first `</style` (HTML's raw text
 * elements); one without `prefers-color-scheme` is left byte for byte.
 */
export function emailInScheme(html: string, scheme: ColorScheme): string {
  const styled = html.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style)/gi, (element, open: string, css: string, close: string) => {
    if (!/prefers-color-scheme/i.test(css)) return element;
    const ast = mensch.parse(css, { comments: true });
    return `${open}\n${mensch.stringify({ ...ast, stylesheet: { rules: rulesInScheme(ast.stylesheet.rules, scheme) } }, { comments: true })}\n${close}`;
  });
  // Author CSS over the `<meta name="color-scheme">` an email carries (its presentational hint).
  const root = `<style>:root { color-scheme: ${scheme} !important; }</style>`;
  return /<\/head>/i.test(styled) ? styled.replace(/<\/head>/i, `${root}</head>`) : `${root}${styled}`;
}
