/**
 * Raw HTML is never trusted: every output drops it (lint's `no-raw-html`
 * says so). A `<br>` (`<br/>`, `<BR />`) is the one tag whose meaning
 * Markdown has too, a hard line break; dropped, it joined the words on
 * either side (`line<br>break` read `linebreak`), so every output shows it
 * as the break it stands for.
 */
export function isBreakTag(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}
