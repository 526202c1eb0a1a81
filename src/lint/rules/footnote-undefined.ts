import type { FileRule } from '../types.js';
import { firstDefinitions, matchesInTextNode, nameOf, nodesOfType, textsOf } from './markdown-texts.js';

/**
 * Every footnote reference has a definition in the same text: the body is
 * one scope, and each summary, opinion, notes or prerequisites another. A
 * reference whose label another text defines says which text, and where
 * (a footnote moved to the wrong text, or meant for both).
 *
 * ok:     `Emergence[^1] is…\n\n[^1]: As measured by exact match.`
 * not ok: `Emergence[^1] is…` in an opinion, `[^1]: …` in the summary → Unexpected footnote reference `[^1]` whose label `1` is defined only in the summary of paper 1 (line 20), expected a line `[^1]: …` in the same opinion: each text has its own
 * not ok: `Emergence[^1] is…` alone → Unexpected footnote reference `[^1]` with no definition, expected a line `[^1]: …` in the same summary
 */

// remark turns `[^1]` into a footnote reference only when `[^1]:` is defined:
// an undefined one stays plain text, which is where we find it.
const WRITTEN_REFERENCE = /(?<!\\)\[\^[^\]\s]+\]/g;

const rule: FileRule = {
  id: 'footnote-undefined',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Every footnote reference has a definition in the same text',
  check({ issue, report, textPosition }) {
    const texts = textsOf(issue);
    const definitions = firstDefinitions(texts, 'footnoteDefinition');
    for (const text of texts) {
      const defined = new Set(nodesOfType(text, 'footnoteDefinition').map((node) => node.identifier.toLowerCase()));
      for (const node of nodesOfType(text, 'text')) {
        for (const { value, start, end } of matchesInTextNode(text, node, WRITTEN_REFERENCE)) {
          const label = value.slice(2, -1);
          if (defined.has(label.toLowerCase())) continue;
          const elsewhere = definitions.get(label.toLowerCase());
          const expected = `expected a line \`${value}: …\` in the same ${text.field}`;
          report({
            message: elsewhere
              ? `Unexpected footnote reference \`${value}\` whose label \`${label}\` is defined only in the ${nameOf(elsewhere.text)} (line ${textPosition(elsewhere.text, elsewhere.offset, elsewhere.offset).start.line}), ${expected}: each text has its own`
              : `Unexpected footnote reference \`${value}\` with no definition, ${expected}`,
            position: textPosition(text, start, end),
          });
        }
      }
    }
  },
};
export default rule;
