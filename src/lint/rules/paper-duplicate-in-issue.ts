import type { FileRule } from '../types.js';

/**
 * A paper appears once per issue. Papers are compared by their normalized
 * identity (SPEC), so a pdf link and the abs page of one arXiv paper match.
 * A paper with no URL, or a placeholder URL (`paperboy new`'s, which
 * no-placeholder reports), has an id of its own (paper-id.ts): never a duplicate.
 *
 * ok:     two papers with different arXiv ids
 * not ok: `url: https://arxiv.org/abs/2304.15004` and later `url: https://arxiv.org/pdf/2304.15004v2`
 *         → Unexpected duplicate paper `…` (paper 3), already listed as paper 1 `…`; expected each paper once per issue
 */
const rule: FileRule = {
  id: 'paper-duplicate-in-issue',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Each paper appears at most once in an issue',
  check({ issue, parsed, report }) {
    const first = new Map<string, { index: number; title: string }>();
    for (const paper of issue?.papers ?? []) {
      const earlier = first.get(paper.id);
      if (!earlier) {
        first.set(paper.id, { index: paper.index, title: paper.title });
        continue;
      }
      report({
        // A paper without a title (frontmatter-schema reports it) is named by its place alone.
        message: `Unexpected duplicate paper ${paper.title ? `\`${paper.title}\` (paper ${paper.index + 1})` : paper.index + 1}, already listed as paper ${earlier.index + 1}${earlier.title ? ` \`${earlier.title}\`` : ''}; expected each paper once per issue`,
        position: parsed.locate(['papers', paper.index, 'title']),
      });
    }
  },
};
export default rule;
