import { basename } from 'node:path';
import type { IssueFacts } from '../../issue/facts.js';
import type { CorpusRule } from '../types.js';

/**
 * An issue's `formerly` names numbers whose address can lead to it: the
 * build keeps a page at `issues/<old>/` leading to the issue's page only
 * where no issue has that number now (archive/former-issue-pages.ts), and
 * each old number leads to one issue. So a number that is the issue's own,
 * another issue's now (a draft's too: its page takes the address once it
 * is published) or already in an issue numbered before it leads nowhere
 * new, and the editor who wrote it expects it to.
 *
 * ok:     #5 with `formerly: [3]`, no issue numbered 3
 * not ok: #5 with `formerly: [3]` and 0003-x.md numbered 3 → Unexpected `formerly` 3: issue 3 is 0003-x.md now, whose page keeps issues/3/, expected a number no issue has now (emails sent as issue 3 lead to that issue)
 */
const rule: CorpusRule = {
  id: 'issue-formerly',
  severity: 'warning',
  scope: 'corpus',
  sent: 'report',
  doc: "An issue's `formerly` names numbers no issue has now, each in one issue: the old addresses that lead to it",
  check({ facts, report }) {
    const byNumber = new Map<number, IssueFacts>();
    for (const fact of facts) if (fact.number !== undefined && !byNumber.has(fact.number)) byNumber.set(fact.number, fact);
    // The order the build claims old numbers in: by number, then path.
    const claimed = new Map<number, IssueFacts>();
    const ordered = facts.filter((fact) => fact.number !== undefined && fact.formerly).sort((a, b) => a.number! - b.number! || (a.path < b.path ? -1 : 1));
    for (const fact of ordered) {
      for (const { number, position } of fact.formerly!) {
        const holder = byNumber.get(number);
        const claimant = claimed.get(number);
        let message: string | undefined;
        if (number === fact.number) message = `Unexpected \`formerly\` ${number}, the issue's own number, expected a number it was published under before`;
        else if (holder !== undefined) message = `Unexpected \`formerly\` ${number}: issue ${number} is ${basename(holder.path)} now, whose page keeps issues/${number}/, expected a number no issue has now (emails sent as issue ${number} lead to that issue)`;
        else if (claimant !== undefined && claimant !== fact) message = `Unexpected \`formerly\` ${number}, also in ${basename(claimant.path)}'s, expected each old number in one issue's (issues/${number}/ leads to that one)`;
        else claimed.set(number, fact);
        if (message !== undefined) report(fact.path, { message, position });
      }
    }
  },
};
export default rule;
