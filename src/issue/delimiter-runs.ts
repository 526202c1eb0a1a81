/**
 * Bounds on the runs of `*`, `_` and `~` (emphasis, strong and
 * strikethrough delimiters) that a text may hand to micromark, counted by
 * one pass over its characters before any parse.
 *
 * micromark's attention resolution (micromark-core-commonmark's
 * `resolveAllAttention`) pays for every run whether or not it pairs, and
 * for runs that never pair in one paragraph it grows with their square.
 * Measured with `parseMarkdown` on the 2-core machine under load (CPU time,
 * tests/issue/delimiter-runs.test.ts keeps the shapes):
 * - one paragraph of `*a` repeated: 4,000 runs 0.37 s, 8,000 1.0 s, 16,000
 *   5.8 s (quadratic past a few thousand; `'*a'×50,000` in a 100 KB file
 *   took over 60 s per command);
 * - paragraphs of 1,000 runs each: 49,000 runs in 98 KB 1.6 s (`*a`),
 *   1.1 s (`*a**a`), 0.7 s (`~a~~a`, `_a `): about 33 µs a run at worst,
 *   at 1,000 a paragraph no more than 1.5 times a run's cost in short
 *   paragraphs (25 runs: 3.9 s for 250 KB, 125,000 runs);
 * - the same bytes of prose without delimiters: under 0.4 s per MB;
 * - `paperboy lint` of 25,000 runs (`*a`, paragraphs of 1,000 or of 100):
 *   2.1 to 2.4 s of CPU more than a sample issue's, parse and renders
 *   together: the cost is the runs', not the paragraphs'.
 * The sample issues hold at most 28 runs in a file and 8 in a paragraph.
 */

/** Runs in one paragraph-ish span (text between blank lines, where emphasis can pair): past it, resolution turns quadratic. */
export const MAX_SPAN_DELIMITER_RUNS = 1_000;

/** Runs in one file, its frontmatter included: about 2 s of CPU per command at the measured cost, whatever the spans. */
export const MAX_FILE_DELIMITER_RUNS = 20_000;

/** Where a text passes a bound: the offset of the first run over it. */
export interface DelimiterRunExcess {
  offset: number;
}

const RUN = /\*+|_+|~+/g;
const BLANK_LINE = /\n[ \t]*\n/g;

/** The first run past `MAX_FILE_DELIMITER_RUNS` in `text`, if any. */
export function fileDelimiterRunExcess(text: string): DelimiterRunExcess | undefined {
  let count = 0;
  for (const run of text.matchAll(RUN)) if (++count > MAX_FILE_DELIMITER_RUNS) return { offset: run.index };
  return undefined;
}

/**
 * The first run past `MAX_SPAN_DELIMITER_RUNS` in a span of `text` between
 * blank lines, if any. One pass: the runs and the blank lines are each
 * found once, in order.
 */
export function spanDelimiterRunExcess(text: string): DelimiterRunExcess | undefined {
  const blanks = new RegExp(BLANK_LINE);
  let spanEnd = -1;
  let count = 0;
  for (const run of text.matchAll(RUN)) {
    if (run.index > spanEnd) {
      // The first run of a span: it ends at the next blank line (a run holds no line break, so none overlaps it).
      blanks.lastIndex = run.index;
      spanEnd = blanks.exec(text)?.index ?? text.length;
      count = 0;
    }
    if (++count > MAX_SPAN_DELIMITER_RUNS) return { offset: run.index };
  }
  return undefined;
}
