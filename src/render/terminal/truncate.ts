import cliTruncate from 'cli-truncate';

const ELLIPSIS = '…';

/**
 * `text` cut to at most `width` columns by display width, ending in "…"
 * when cut, as an inbox list cuts a subject; `position: 'start'` keeps the
 * end instead ("…/issues/0005-situational-awareness.md"). cli-truncate
 * measures with string-width, cuts between grapheme clusters (an emoji or
 * an accented letter is never split) and keeps ANSI styles whole, closing
 * any left open. A space before the "…" is dropped: "a subject…", not
 * "a subject …".
 */
export function truncateToWidth(text: string, width: number, position: 'start' | 'end' = 'end'): string {
  const cut = cliTruncate(text, Math.max(1, width), { position, truncationCharacter: ELLIPSIS });
  // eslint-disable-next-line no-control-regex -- the SGR codes cli-truncate may close the text with
  return position === 'end' ? cut.replace(/ +…(?=(\u001b\[[\d;]*m)*$)/, ELLIPSIS) : cut.replace(/^…( +)/, ELLIPSIS);
}
