/** Characters of a paper's excerpt on the papers page, a search's result or a filter's alike: two lines of the result list. */
export const EXCERPT_LENGTH = 160;

/**
 * The first sentence of `text` (up to the first `.`, `!` or `?` followed by
 * white space or the end; the whole first line when there is none), cut to
 * `max` characters with `…`: what a list of papers shows of a summary.
 */
export function firstSentence(text: string, max: number): string {
  const sentence = /^.*?[.!?](?=\s|$)/u.exec(text)?.[0] ?? text;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}
