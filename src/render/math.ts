import { displayWidth } from './text/wrap.js';

/**
 * Inline math of at most this many columns (its TeX source with the dollars)
 * is never broken across lines: a short formula split at a space reads as
 * two. Longer ones wrap, or they would push a 375 px phone screen sideways
 * (about 45 columns of 13 px monospace).
 */
const SHORT_FORMULA_COLUMNS = 30;

/** Whether a formula is short enough never to be broken, in every output (HTML `math-nowrap`, text kept together). */
export function isShortFormula(tex: string): boolean {
  return isShortSpan(`$${tex.replaceAll('\n', ' ')}$`);
}

/**
 * Whether a span set in monospace (a formula, inline code such as `! ! ! !`)
 * is short enough to move to the next line whole rather than be split at
 * its spaces, in the plaintext and the preview.
 */
export function isShortSpan(text: string): boolean {
  return displayWidth(text) <= SHORT_FORMULA_COLUMNS;
}

/**
 * The bounds every KaTeX call keeps to (options: https://katex.org/docs/options.html),
 * the archive's typesetting and lint's `math-syntax` alike, so lint accepts
 * what the archive shows. `maxSize` caps each size a formula gives
 * (`\rule`, `\hspace`, `\kern`) at 10em (KaTeX's default is none:
 * `\rule{100000em}{100000em}` blacked out the page); a page's column is
 * ~50em, `\qquad` 2em. `maxExpand` is KaTeX's default, stated: it ends a
 * macro loop, and heavy formulas take tens of expansions.
 */
export const KATEX_BOUNDS = { maxSize: 10, maxExpand: 1000 } as const;
