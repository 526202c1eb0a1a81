/**
 * A URL that only holds the place of one: a placeholder word in it, on a
 * host reserved for examples (`https://example.org/TODO-the-paper`, what
 * `paperboy new` writes). No real paper lives there. Read by paper ids,
 * which give such a paper an id of its own rather than one every fresh
 * skeleton shares, and by lint's no-placeholder, which reports its words.
 */

/**
 * A placeholder word of a URL, where hyphens separate words: TODO, TK,
 * FIXME, XXX in capitals, or lorem ipsum joined by `-`, `_`, `+` or `%20`.
 */
export const URL_MARKERS = /(?<![\p{L}\p{N}])(?:TODO|TK|FIXME|XXX)(?![\p{L}\p{N}])|[Ll]orem(?:[-_+]|%20)ipsum/gu;

/**
 * Hosts reserved for examples, which no real page has (RFC 2606 and RFC
 * 6761): example.com, .net and .org, and the .example, .test, .invalid and
 * .localhost names.
 */
const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;

/** Whether `url` is a placeholder URL: a marker word (`URL_MARKERS`) on an example host. False for a text that is no URL. */
export function isPlaceholderUrl(url: string): boolean {
  // `search` ignores the pattern's global flag and `lastIndex`.
  if (url.search(URL_MARKERS) === -1) return false;
  try {
    return EXAMPLE_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
