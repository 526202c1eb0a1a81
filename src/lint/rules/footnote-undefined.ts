import type { FileRule } from '../types.js';
import { matchesInTextNode, nodesOfType, textsOf } from './markdown-texts.js';

/**
 * Every footnote reference has a definition in the same text: the body is
 * one scope, and each summary, opinion, notes or prerequisites another.
 *
 * ok:     `Emergence[^1] is…\n\n[^1]: As measured by exact match.`
 * not ok: `Emergence[^1] is…` alone → Unexpected footnote reference `[^1]` with no definition, expected a line `[^1]: …` in the same summary
 */

// remark turns `[^1]` into a footnote reference only when `[^1]:` is defined:
// an undefined one stays plain text, which is where we find it.
const WRITTEN_REFERENCE = /(?<!\\)\[\^[^\]\s]+\]/g;

const rule: FileRule = {
  id: 'footnote-undefined',
  severity: 'error',
  scope: 'file',
  doc: 'Every footnote reference has a definition in the same text',
  check({ issue, report, textPosition }) {
    for (const text of textsOf(issue)) {
      const defined = new Set(nodesOfType(text, 'footnoteDefinition').map((node) => node.identifier.toLowerCase()));
      for (const node of nodesOfType(text, 'text')) {
        for (const { value, start, end } of matchesInTextNode(text, node, WRITTEN_REFERENCE)) {
          if (defined.has(value.slice(2, -1).toLowerCase())) continue;
          report({
            message: `Unexpected footnote reference \`${value}\` with no definition, expected a line \`${value}: …\` in the same ${text.field}`,
            position: textPosition(text, start, end),
          });
        }
      }
    }
  },
};
export default rule;
