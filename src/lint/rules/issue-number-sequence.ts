import { numberInFileName } from '../../issue/load.js';
import type { CorpusRule } from '../types.js';

/**
 * Issue numbers run without gaps, so readers and the archive see no missing
 * issue. Drafts count: a draft holds its number. The first number is free
 * (a newsletter moved from elsewhere may start at 100). A file whose number
 * cannot be read (its own errors say why) holds the number its name starts
 * with (`0007-….md`): that number is not missing, only unread. A number
 * an issue was renumbered from (its `formerly`) is not missing either: its
 * address leads to that issue (one before the first number is not counted,
 * which stays free).
 *
 * ok:     issues 1, 2, 3
 * not ok: issues 1, 2, 4 → on issue 4: Unexpected gap in issue numbers: 3 is missing, expected 4 to follow 2
 */
const rule: CorpusRule = {
  id: 'issue-number-sequence',
  severity: 'warning',
  scope: 'corpus',
  sent: 'advice',
  doc: 'Issue numbers follow each other without gaps',
  check({ facts, report }) {
    const held = facts.flatMap((fact) => (fact.number === undefined ? (numberInFileName(fact.path) ?? []) : [fact.number]));
    const first = Math.min(...held);
    const former = facts.flatMap((fact) => (fact.formerly ?? []).map(({ number }) => number)).filter((number) => number > first);
    const numbers = [...new Set([...held, ...former])].sort((a, b) => a - b);
    const previous = new Map<number, number>();
    numbers.forEach((number, i) => {
      const before = numbers[i - 1];
      if (before !== undefined && number - before > 1) previous.set(number, before);
    });
    for (const fact of facts) {
      const before = fact.number === undefined ? undefined : previous.get(fact.number);
      if (before === undefined) continue;
      report(fact.path, {
        message: `Unexpected gap in issue numbers: ${missing(before + 1, fact.number! - 1)}, expected ${fact.number} to follow ${before}`,
        position: fact.numberPosition,
      });
    }
  },
};
export default rule;

function missing(from: number, to: number): string {
  return from === to ? `${from} is missing` : `${from}–${to} are missing`;
}
