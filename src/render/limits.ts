/**
 * Sizes that mail clients impose on an email. A module of its own, with no
 * imports: the linter checks against them without loading the renderer.
 */

/** Gmail clips an HTML part past about 102 KB, hiding the rest of the email and its unsubscribe link. */
export const GMAIL_CLIP_BYTES = 102_000;
