import type { FileRule } from '../types.js';
import { nodesOfType, textsOf } from './markdown-texts.js';

/**
 * Every footnote definition is referenced in the same text (the body is one
 * scope, each paper's text another): an unreferenced note is never shown.
 *
 * ok:     `Emergence[^1] is…\n\n[^1]: As measured by exact match.`
 * not ok: `[^1]: As measured…` with no `[^1]` → Unexpected unused footnote definition `[^1]`, expected a reference `[^1]` in the same summary
 */
const rule: FileRule = {
  id: 'footnote-unused',
  severity: 'warning',
  scope: 'file',
  doc: 'Every footnote definition is referenced in the same text',
  check({ issue, report, nodePosition }) {
    for (const text of textsOf(issue)) {
      const referenced = new Set(nodesOfType(text, 'footnoteReference').map((node) => node.identifier));
      for (const node of nodesOfType(text, 'footnoteDefinition')) {
        if (referenced.has(node.identifier)) continue;
        const label = `[^${node.label ?? node.identifier}]`;
        report({
          message: `Unexpected unused footnote definition \`${label}\`, expected a reference \`${label}\` in the same ${text.field}`,
          position: nodePosition(text, node),
        });
      }
    }
  },
};
export default rule;
