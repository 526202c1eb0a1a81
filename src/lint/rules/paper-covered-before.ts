import type { CorpusRule } from '../types.js';

/**
 * A paper is summarized once in the newsletter's life: a second summary in a
 * later issue is usually an oversight (link the first with `paper:` instead).
 * "Earlier" means a lower issue number; drafts count, as they go out first.
 * A paper with no URL, or a placeholder URL (every fresh skeleton's), has
 * an id of its own (paper-id.ts): never covered before.
 *
 * ok:     issue 2 links `[the mirage paper](paper:2304.15004)` covered in issue 1
 * not ok: issue 2 lists 2304.15004 again → Unexpected paper `…`, already covered in issue #1 “Emergence mirages”; expected a new paper (link the earlier summary with `paper:2304.15004`)
 */
const rule: CorpusRule = {
  id: 'paper-covered-before',
  severity: 'warning',
  scope: 'corpus',
  doc: 'A paper is not summarized again after an earlier issue covered it',
  check({ facts, report }) {
    const firstCoverage = new Map<string, { number: number; title: string }>();
    for (const fact of facts) {
      if (fact.number === undefined) continue;
      for (const paper of fact.papers) {
        const known = firstCoverage.get(paper.id);
        if (!known || fact.number < known.number) firstCoverage.set(paper.id, { number: fact.number, title: fact.title });
      }
    }
    for (const fact of facts) {
      if (fact.number === undefined) continue;
      for (const paper of fact.papers) {
        const first = firstCoverage.get(paper.id);
        if (!first || first.number >= fact.number) continue;
        report(fact.path, {
          // A paper or issue without a title (frontmatter-schema reports it): no empty `` or “” (the position shows which paper).
          message: `Unexpected paper ${paper.title ? `\`${paper.title}\`` : 'without a title'}, already covered in issue #${first.number}${first.title ? ` “${first.title}”` : ''}; expected a new paper (link the earlier summary with \`paper:${referenceTarget(paper.id)}\`)`,
          position: paper.position,
        });
      }
    }
  },
};
export default rule;

/** What to write after `paper:` for an identity (`arxiv:2304.15004` → `2304.15004`). */
function referenceTarget(id: string): string {
  return id.startsWith('arxiv:') ? id.slice('arxiv:'.length) : `https://${id.slice('url:'.length)}`;
}
