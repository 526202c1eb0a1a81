import { basename } from 'node:path';
import type { CorpusRule } from '../types.js';

/**
 * Issue numbers are unique across the issues directory.
 *
 * not ok: two files with `number: 7` → Unexpected duplicate issue number 7, also used by 0007-other.md
 */
const rule: CorpusRule = {
  id: 'issue-number-unique',
  severity: 'error',
  scope: 'corpus',
  sent: 'report',
  doc: 'Each issue has a number no other issue has',
  check({ facts, report }) {
    const byNumber = new Map<number, string[]>();
    for (const fact of facts) {
      if (fact.number === undefined) continue;
      byNumber.set(fact.number, [...(byNumber.get(fact.number) ?? []), fact.path]);
    }
    for (const fact of facts) {
      if (fact.number === undefined) continue;
      const others = byNumber.get(fact.number)!.filter((path) => path !== fact.path);
      if (others.length === 0) continue;
      report(fact.path, {
        message: `Unexpected duplicate issue number ${fact.number}, also used by ${others.map((p) => basename(p)).join(', ')}; expected a unique number`,
        position: fact.numberPosition,
      });
    }
  },
};
export default rule;
