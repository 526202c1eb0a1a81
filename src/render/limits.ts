/**
 * Sizes that mail clients impose on an email. A module of its own, with no
 * imports: the linter checks against them without loading the renderer.
 */

/** Gmail clips an HTML part past about 102 KB, hiding the rest of the email and its unsubscribe link. */
export const GMAIL_CLIP_BYTES = 102_000;

/**
 * Bytes of one template file. The largest built-in, email.html.hbs, is
 * 7.7 KB; a partial of 128 KB made `render 5 --format html` on the sample
 * newsletter peak at 165 MB of memory against 121 MB without it, one of
 * 1 MB at 487 MB (and 10 s), one of 46 MB ran V8 out of heap (measured with
 * `/usr/bin/time -v node bin/paperboy.js render 5`). An email template past
 * it would be clipped by Gmail anyway (`GMAIL_CLIP_BYTES`).
 */
export const MAX_TEMPLATE_BYTES = 128_000;
