import type { IssueFacts } from '../../issue/facts.js';
import type { CorpusRule } from '../types.js';
import { calendarProblem } from '../../diagnostics/date-as-written.js';

/**
 * Issues are dated in the order of their numbers. A mistyped year
 * (`0023-09-29`, `2203-09-29`) is a real calendar date, so nothing else
 * says a word of it, and every feed, the sitemap and the archive then date
 * the issue centuries off: a feed reader files it under year 23, or keeps
 * it on top until 2203. The issues kept as the rule's reference are the
 * most that are in order (a longest run in date order by number), so one
 * wrong date is blamed, not every issue after it; each other issue is
 * reported at its `date` with the nearest kept issue it comes before or
 * after. Of several such runs, the one keeping the most issues already
 * sent, then ready: a sent issue's date is what its readers got, while a
 * draft's is often `paperboy new`'s default, today, which an issue sent
 * for a later day comes after. Drafts count (their number is taken);
 * equal dates are in order.
 *
 * Issues in order but more than ten years apart (`2062` typed for `2026`
 * after an issue of 2026: no issue after it to be out of order with) are
 * reported too, at the less settled of the two, else the later.
 *
 * ok:     #1 2023-05-29, #2 2023-06-26, #3 2023-07-31
 * not ok: #1 2023-05-29, #2 0023-06-26, #3 2023-07-31 → on #2: Unexpected date `0023-06-26`, before issue 1's `2023-05-29` though numbered after it, expected issues dated in the order of their numbers (a year mistyped?)
 */
const rule: CorpusRule = {
  id: 'date-order',
  severity: 'warning',
  scope: 'corpus',
  sent: 'report',
  doc: 'Issues are dated in the order of their numbers, and within ten years of the issue before (a mistyped year, `0023`, `2203` or `2062` for `2026`, dates an issue decades off in every feed)',
  check({ facts, report }) {
    const dated = facts.filter((fact) => fact.readable && fact.number !== undefined && DATE.test(fact.date) && calendarProblem(fact.date) === undefined).sort((a, b) => a.number! - b.number! || (a.path < b.path ? -1 : 1));
    const kept = longestInOrder(dated.map((fact) => ({ date: fact.date, weight: SETTLED[fact.status] })));
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
    // In order, but decades apart: `2062` typed for `2026` after an issue of 2026 (or `1923` before one of 2023).
    const inOrder = dated.filter((_, i) => kept.has(i));
    inOrder.forEach((fact, i) => {
      const next = inOrder[i + 1];
      if (next === undefined || yearsBetween(fact.date, next.date) <= MAX_GAP_YEARS) return;
      // The less settled of the two is blamed (a sent issue's date is what readers got), else the later one.
      const [blamed, other, side] = SETTLED[fact.status] < SETTLED[next.status] ? [fact, next, 'before'] : [next, fact, 'after'];
      report(blamed.path, {
        message: `Unexpected date \`${blamed.date}\`, ${yearsBetween(fact.date, next.date)} years ${side} issue ${other.number}'s \`${other.date}\`, the issue numbered ${side === 'after' ? 'before' : 'after'} it, expected issues dated close to their neighbours (a year mistyped?)`,
        position: blamed.datePosition,
      });
    });
  },
};
export default rule;

/** More years than this between two issues numbered one after the other is taken for a mistyped year: a newsletter paused for a decade is rarer than `2062` typed for `2026`. */
const MAX_GAP_YEARS = 10;

/** Whole years from `earlier` to `later` (YYYY-MM-DD, `later` not before `earlier`). */
function yearsBetween(earlier: string, later: string): number {
  const years = Number(later.slice(0, 4)) - Number(earlier.slice(0, 4));
  return later.slice(5) < earlier.slice(5) ? years - 1 : years;
}

/** A date as the format writes it, which sorts as text in time order. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** How settled an issue's date is: what breaks a tie between runs of issues in order (see the rule). */
const SETTLED: Record<IssueFacts['status'], number> = { draft: 0, ready: 1, sent: 2 };

/** A run of dates in order ending at one of them: its length, the `weight`s of its dates summed, and the index before its last. */
interface Run {
  length: number;
  weight: number;
  /** The rank of its last date among the dates (a smaller one leaves more room after it). */
  rank: number;
  end: number;
  previous: number | undefined;
}

/** Whether run `a` is the one to keep over `b`: longer, then weightier, then ending earlier, then first found. */
function better(a: Run, b: Run | undefined): boolean {
  if (b === undefined) return true;
  return a.length !== b.length ? a.length > b.length : a.weight !== b.weight ? a.weight > b.weight : a.rank !== b.rank ? a.rank < b.rank : a.end < b.end;
}

/**
 * The indexes of a longest subsequence of `dates` in order (each at or
 * after the one before); of several, the one whose `weight`s sum highest,
 * then whose dates stay earliest. O(n log n): for each date, the best run
 * ending at a date no later than it, from a Fenwick tree of prefix bests
 * over the dates' ranks (Fredman, "On computing the length of longest
 * increasing subsequences", 1975, for the unweighted count).
 */
function longestInOrder(dates: readonly { date: string; weight: number }[]): Set<number> {
  const sorted = [...new Set(dates.map(({ date }) => date))].sort();
  const rankOf = new Map(sorted.map((date, rank) => [date, rank]));
  /** `tree[k]` (1-based): the best run ending at a date whose rank is in the range the Fenwick node k covers. */
  const tree: (Run | undefined)[] = new Array(sorted.length + 1);
  const runs: Run[] = [];
  dates.forEach(({ date, weight }, end) => {
    const rank = rankOf.get(date)!;
    let before: Run | undefined;
    // Equal dates extend a run: the prefix up to this date's rank, itself included.
    for (let k = rank + 1; k > 0; k -= k & -k) if (tree[k] && better(tree[k]!, before)) before = tree[k];
    const run: Run = { length: (before?.length ?? 0) + 1, weight: (before?.weight ?? 0) + weight, rank, end, previous: before?.end };
    runs.push(run);
    for (let k = rank + 1; k <= sorted.length; k += k & -k) if (better(run, tree[k])) tree[k] = run;
  });
  let best: Run | undefined;
  for (const run of runs) if (better(run, best)) best = run;
  const kept = new Set<number>();
  for (let i = best?.end; i !== undefined; i = runs[i]!.previous) kept.add(i);
  return kept;
}
