import { CorpusIndex } from '../../issue/corpus.js';
import type { CorpusRule } from '../types.js';

/**
 * An `issue:` link names the issue's number now. A link to a number an
 * issue was renumbered from (its `formerly`, no issue numbered so now)
 * leads to that issue (issue/corpus.ts), as its old address does; but the
 * number written is no longer the issue's, and a reader of the file, or
 * an issue given that number later, takes it for another. A warning with a
 * fix to the number it has now, where the facts place the number in the
 * file (`IssueFacts.references` `numberAt`).
 *
 * ok:     `[last time](issue:4)`, issue 4 renumbered from 3 (`formerly: [3]`)
 * warns:  `[last time](issue:3)` → Unexpected reference `issue:3`: issue 3 was renumbered to 4 (its `formerly`), expected `issue:4` (fix)
 */
const rule: CorpusRule = {
  id: 'xref-renumbered-issue',
  severity: 'warning',
  scope: 'corpus',
  // The link leads to the issue all the same (its old address redirects): on a sent issue, advice.
  sent: 'advice',
  doc: 'An `issue:` link names the issue by its number now, not by a number it was renumbered from (its `formerly`)',
  check({ facts, report, reported }) {
    const corpus = CorpusIndex.of(facts);
    for (const from of facts) {
      if (!reported(from.path)) continue;
      for (const { reference, position, numberAt } of from.references) {
        if (reference.kind !== 'issue' || reference.issueNumber === undefined) continue;
        const now = corpus.resolve(reference, from)?.issueNumber;
        if (now === undefined || now === reference.issueNumber) continue;
        report(from.path, {
          message: `Unexpected reference \`issue:${reference.target}\`: issue ${reference.issueNumber} was renumbered to ${now} (its \`formerly\`), expected \`issue:${now}\``,
          position,
          ...(numberAt ? { fix: { range: numberAt, text: String(now) } } : {}),
        });
      }
    }
  },
};
export default rule;
