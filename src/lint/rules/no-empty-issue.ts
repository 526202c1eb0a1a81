import type { RootContent } from 'mdast';
import { isSeq } from 'yaml';
import type { FileRule } from '../types.js';

/**
 * An issue says something: `papers` may be empty only if the body is not
 * (SPEC, docs/issue-format.md). A body of white space, HTML comments (the
 * `<!-- papers -->` marker among them) and link definitions renders
 * nothing, so it counts as empty. A missing `papers` is frontmatter-schema's.
 *
 * ok:     `papers: []` and a body "This week, no papers: a note on the archive."
 * not ok: `papers: []` and no body → Unexpected issue with no papers and an empty body, expected at least one paper in `papers` or an introduction in the body
 */
const rule: FileRule = {
  id: 'no-empty-issue',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'An issue has at least one paper or a body (`papers` may be empty only if the body is not)',
  check({ parsed, issue, report }) {
    const papers = parsed.document?.get('papers', true);
    if (!issue || !isSeq(papers) || papers.items.length > 0 || issue.body.tree.children.some(rendersSomething)) return;
    report({
      message: 'Unexpected issue with no papers and an empty body, expected at least one paper in `papers` or an introduction in the body',
      position: parsed.locate(['papers']),
    });
  },
};
export default rule;

function rendersSomething(node: RootContent): boolean {
  return node.type !== 'definition' && !(node.type === 'html' && /^<!--[^]*-->$/.test(node.value.trim()));
}
