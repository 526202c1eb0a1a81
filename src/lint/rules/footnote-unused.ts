import type { FileRule } from '../types.js';
import { nodesOfType, textsOf } from './markdown-texts.js';
import { callWritten, swallowedFootnoteCall } from './swallowed-footnote.js';

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
  sent: 'report',
  doc: 'Every footnote definition is referenced in the same text',
  check({ issue, report, nodePosition }) {
    for (const text of textsOf(issue)) {
      const referenced = new Set(nodesOfType(text, 'footnoteReference').map((node) => node.identifier));
      const swallowed = nodesOfType(text, 'link').map(swallowedFootnoteCall);
      for (const node of nodesOfType(text, 'footnoteDefinition')) {
        if (referenced.has(node.identifier)) continue;
        const label = `[^${node.label ?? node.identifier}]`;
        // Labels match case-insensitively, as GFM's do (`identifier` is the normalized label).
        const call = swallowed.find((found) => found !== undefined && found.label.toLowerCase() === node.identifier.toLowerCase());
        report({
          message: call
            ? `Unexpected footnote definition \`${label}\` never shown: its call was read as part of the bare URL \`${call.address}\` before it, expected the URL in angle brackets before the call, \`${callWritten(call)}\``
            : `Unexpected unused footnote definition \`${label}\`, expected a reference \`${label}\` in the same ${text.field}`,
          position: nodePosition(text, node),
        });
      }
    }
  },
};
export default rule;
