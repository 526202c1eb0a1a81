import { paperIdFromReference } from '../../issue/paper-id.js';
import type { IssueFacts } from '../../issue/facts.js';
import type { CorpusRule } from '../types.js';

/**
 * A paper is summarized once in the newsletter's life: a second summary in a
 * later issue is usually an oversight (link the first with `paper:` instead).
 * Covering it again on purpose is allowed: an issue that also links the paper
 * with `paper:` anywhere in its text (its summary or opinion, another paper's,
 * the intro) has acknowledged the earlier summary, and is not warned.
 * "Earlier" means a lower issue number; drafts count, as they go out first.
 * A paper with no URL, or a placeholder URL (every fresh skeleton's), has
 * an id of its own (paper-id.ts): never covered before.
 *
 * ok:     issue 2 links `[the mirage paper](paper:2304.15004)` covered in issue 1
 * ok:     issue 2 lists 2304.15004 again, and its opinion says `[as in #1](paper:2304.15004)`
 * not ok: issue 2 lists 2304.15004 again, linking it nowhere → Unexpected paper `…`, already covered in issue #1 “Emergence mirages”; expected a new paper (link the earlier summary with `paper:2304.15004`)
 */
const rule: CorpusRule = {
  id: 'paper-covered-before',
  severity: 'warning',
  scope: 'corpus',
  sent: 'advice',
  doc: 'A paper is not summarized again after an earlier issue covered it, unless the issue links the earlier summary with `paper:`',
  check({ facts, report, reported }) {
    const firstCoverage = new Map<string, { number: number; title: string }>();
    for (const fact of facts) {
      if (fact.number === undefined) continue;
      for (const paper of fact.papers) {
        const known = firstCoverage.get(paper.id);
        if (!known || fact.number < known.number) firstCoverage.set(paper.id, { number: fact.number, title: fact.title });
      }
    }
    for (const fact of facts) {
      if (fact.number === undefined || !reported(fact.path)) continue;
      const linked = linkedPapers(fact);
      for (const paper of fact.papers) {
        const first = firstCoverage.get(paper.id);
        if (!first || first.number >= fact.number || linked.has(paper.id)) continue;
        report(fact.path, {
          // A paper or issue without a title (frontmatter-schema reports it): no empty `` or “” (the position shows which paper).
          message: `Unexpected paper ${paper.title ? `\`${paper.title}\`` : 'without a title'}, already covered in issue #${first.number}${first.title ? ` “${first.title}”` : ''}; expected a new paper (link the earlier summary with \`paper:${referenceTarget(paper)}\`)`,
          position: paper.position,
        });
      }
    }
  },
};
export default rule;

/** The paper ids an issue's `paper:` links name, wherever in the issue they are. */
function linkedPapers(fact: IssueFacts): Set<string> {
  const ids = new Set<string>();
  for (const { reference } of fact.references) if (reference.kind === 'paper' && reference.paperId !== undefined) ids.add(reference.paperId);
  return ids;
}

/**
 * What to write after `paper:` for a paper: the arXiv id (`arxiv:2304.15004`
 * → `2304.15004`), else its `url` as written, as docs/issue-format.md says to
 * copy it, when that names the same paper (it always does; the check keeps
 * the hint true should facts lack the url), else the id as an https URL.
 */
function referenceTarget(paper: IssueFacts['papers'][number]): string {
  if (paper.id.startsWith('arxiv:')) return paper.id.slice('arxiv:'.length);
  if (paper.url !== undefined && paperIdFromReference(paper.url) === paper.id) return paper.url;
  return `https://${paper.id.slice('url:'.length)}`;
}
