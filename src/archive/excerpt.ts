/** Characters of a paper's excerpt on the papers page, a search's result or a filter's alike: two lines of the result list. */
export const EXCERPT_LENGTH = 160;

/**
 * The first sentence of `text` (up to the first `.`, `!` or `?` followed by
 * white space or the end, outside math; the whole text when there is
 * none), cut to `max` characters with `…`: what a list of papers shows of a
 * summary. `text` is a summary's words (issue-output.ts `plainWords`:
 * whitespace collapsed, math between the dollars it was written with).
 *
 * A cut falls only between words, never inside math: a word (a URL, a
 * formula without spaces) that would not fit whole is left out, and so is
 * a formula with spaces (`$\rho(\hat a, a)$`), `…` after what is before it.
 * Cut inside, `$\rho(\…` would show an unbalanced dollar and a dangling
 * backslash. Inline code has no delimiters in these words, so a cut between
 * two of its words leaves nothing unbalanced.
 */
export function firstSentence(text: string, max: number): string {
  const math = mathSpans(text);
  const outside = (at: number) => !math.some(([start, end]) => at > start && at < end);
  const end = [...text.matchAll(/[.!?](?=\s|$)/gu)].find((match) => outside(match.index))?.index;
  const sentence = end === undefined ? text : text.slice(0, end + 1);
  if (sentence.length <= max) return sentence;
  // The last space at which the words before it, and `…`, fit in `max`.
  let cut = 0;
  for (const space of sentence.matchAll(/\s/gu)) {
    if (space.index > max - 1) break;
    if (outside(space.index)) cut = space.index;
  }
  return `${sentence.slice(0, cut).trimEnd()}…`;
}

/**
 * Where math is in `text`, as [start, end) offsets: a run of dollars and
 * the next run as long (`$…$`, `$$…$$`, the fences `displayMath` lengthens).
 * A dollar no run as long follows is a character of its word (`\$5` in the
 * summary, `$5` in its words).
 */
function mathSpans(text: string): [number, number][] {
  const runs = [...text.matchAll(/\$+/g)];
  const spans: [number, number][] = [];
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    const close = runs.findIndex((run, j) => j > i && run[0].length === open[0].length);
    if (close === -1) continue;
    spans.push([open.index, runs[close]!.index + runs[close]![0].length]);
    i = close;
  }
  return spans;
}
