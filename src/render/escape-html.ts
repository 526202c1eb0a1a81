const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML content and in a quoted attribute: `& < > " '` as entities. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/**
 * `text` of a fragment hast-util-to-html wrote (its text or a quoted
 * attribute value) with its character references read back: it writes only
 * hexadecimal ones (`&#x26;`, `&#x3C;`, `&#x22;`), for the characters that
 * need one, so a whole HTML entity decoder is not needed.
 */
export function decodeHexReferences(text: string): string {
  return text.replace(/&#x([0-9a-f]+);/gi, (_reference, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}
