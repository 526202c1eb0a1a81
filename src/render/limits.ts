/**
 * Sizes the renderers lay out by, and that mail clients impose on an email.
 * A module of its own, with no imports: the linter checks against them
 * without loading the renderer.
 */

/** Gmail clips an HTML part past about 102 KB, hiding the rest of the email and its unsubscribe link. */
export const GMAIL_CLIP_BYTES = 102_000;

/**
 * Inline math of at most this many columns (its TeX source with the dollars)
 * is never broken across lines: a short formula split at a space reads as
 * two. Longer ones wrap, or they would push a 375 px phone screen sideways
 * (about 45 columns of 13 px monospace).
 */
export const SHORT_FORMULA_COLUMNS = 30;
