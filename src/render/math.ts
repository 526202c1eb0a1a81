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
