import type { FileRule } from '../types.js';

/**
 * Every paper has the editor's opinion: it is what readers come for.
 *
 * ok:     `opinion: I am not convinced…`
 * not ok: a paper with only a summary → Missing opinion for `Title`, expected the editor's opinion
 * not ok: the 2nd paper, with no title and no opinion → Missing opinion for paper 2, expected the editor's opinion
 *
 * An opinion written, but as something else than text (a YAML list of
 * points, a mapping), is not missing: frontmatter-schema says how to write it.
 */
const rule: FileRule = {
  id: 'opinion-missing',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: "Every paper has an opinion",
  check({ issue, parsed, report }) {
    for (const paper of issue?.papers ?? []) {
      if (paper.opinion && paper.opinion.text.trim() !== '') continue;
      const written: unknown = parsed.document?.getIn(['papers', paper.index, 'opinion']);
      if (written !== undefined && written !== null && typeof written !== 'string') continue;
      report({
        // A paper without a title (frontmatter-schema reports it) is named by its place.
        message: `Missing opinion for ${paper.title === '' ? `paper ${paper.index + 1}` : `\`${paper.title}\``}, expected the editor's opinion`,
        position: parsed.locate(['papers', paper.index, paper.opinion ? 'opinion' : 'title'], 'key'),
      });
    }
  },
};
export default rule;
