import type { MarkdownField } from '../../issue/model.js';
import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * No `#` headings inside a paper's texts: the email's structure (sections,
 * paper titles) owns the headings, and one more would break its outline.
 * Headings in the body are fine.
 *
 * ok:     `summary: "**Method.** They train…"`
 * not ok: `summary: "## Method"` → Unexpected heading in a summary, expected text without `#` headings (try a **bold** lead-in)
 */
const FIELD_NAMES: Record<Exclude<MarkdownField, 'body'>, string> = {
  summary: 'a summary',
  opinion: 'an opinion',
  notes: 'the notes',
  prerequisites: 'the prerequisites',
};

const rule: FileRule = {
  id: 'heading-level',
  severity: 'warning',
  scope: 'file',
  doc: 'No headings inside a summary, opinion, notes or prerequisites',
  check({ issue, report, nodePosition }) {
    visitMarkdown(issue, 'heading', (node, text) => {
      if (text.field === 'body') return;
      report({
        message: `Unexpected heading in ${FIELD_NAMES[text.field]}, expected text without \`#\` headings (try a **bold** lead-in)`,
        position: nodePosition(text, node),
      });
    });
  },
};
export default rule;
