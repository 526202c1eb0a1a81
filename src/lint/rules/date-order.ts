import type { IssueFacts } from '../../issue/facts.js';
import type { CorpusRule } from '../types.js';
import { calendarProblem } from './date-valid.js';

/**
 * Issues are dated in the order of their numbers. A mistyped year
 * (`0023-09-29`, `2203-09-29`) is a real calendar date, so nothing else
 * says a word of it, and every feed, the sitemap and the archive then date
 * the issue centuries off: a feed reader files it under year 23, or keeps
 * it on top until 2203. The issues kept as the rule's reference are the
 * most that are in order (a longest run in date order by number), so one
 * wrong date is blamed, not every issue after it; each other issue is
 * reported at its `date` with the nearest kept issue it comes before or
 * after. Drafts count (their number is taken); equal dates are in order.
 *
 * ok:     #1 2023-05-29, #2 2023-06-26, #3 2023-07-31
 * not ok: #1 2023-05-29, #2 0023-06-26, #3 2023-07-31 → on #2: Unexpected date `0023-06-26`, before issue 1's `2023-05-29` though numbered after it, expected issues dated in the order of their numbers (a year mistyped?)
 */
const rule: CorpusRule = {
  id: 'date-order',
  severity: 'warning',
  scope: 'corpus',
  doc: 'Issues are dated in the order of their numbers (a mistyped year, `0023` or `2203`, dates an issue centuries off in every feed)',
  check({ facts, report }) {
    const dated = facts.filter((fact) => fact.readable && fact.number !== undefined && DATE.test(fact.date) && calendarProblem(fact.date) === undefined).sort((a, b) => a.number! - b.number! || (a.path < b.path ? -1 : 1));
    const kept = longestInOrder(dated.map((fact) => fact.date));
    let before: IssueFacts | undefined;
    dated.forEach((fact, i) => {
      if (kept.has(i)) {
        before = fact;
        return;
      }
      const after = dated.find((other, j) => j > i && kept.has(j));
      const [other, side] = before !== undefined && fact.date < before.date ? [before, 'before'] : [after!, 'after'];
      report(fact.path, {
        message: `Unexpected date \`${fact.date}\`, ${side} issue ${other.number}'s \`${other.date}\` though numbered ${side === 'before' ? 'after' : 'before'} it, expected issues dated in the order of their numbers (a year mistyped?)`,
        position: fact.datePosition,
      });
    });
  },
};
export default rule;

/** A date as the format writes it, which sorts as text in time order. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The indexes of a longest subsequence of `dates` in order (each at or after
 * the one before): patience sorting, O(n log n). Of several such, the one
 * whose dates stay earliest.
 */
function longestInOrder(dates: readonly string[]): Set<number> {
  /** `ends[k]`: the index of the smallest last date of a run of k + 1 dates found so far. */
  const ends: number[] = [];
  const previous: (number | undefined)[] = [];
  dates.forEach((date, i) => {
    let low = 0;
    let high = ends.length;
    // The first run whose last date is later than this one: equal dates extend a run.
    while (low < high) {
      const middle = (low + high) >> 1;
      if (dates[ends[middle]!]! <= date) low = middle + 1;
      else high = middle;
    }
    previous[i] = low > 0 ? ends[low - 1] : undefined;
    ends[low] = i;
  });
  const kept = new Set<number>();
  for (let i = ends.at(-1); i !== undefined; i = previous[i]) kept.add(i);
  return kept;
}
