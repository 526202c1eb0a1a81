import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * No raw HTML in Markdown: it is not trusted, so every output drops or
 * escapes it (SPEC). The body's `<!-- papers -->` marker is the exception.
 *
 * ok:     `**bold**`; a body line `<!-- papers -->`
 * not ok: `a <b>bold</b> word` → Unexpected raw HTML `<b>`, expected Markdown (raw HTML is dropped on render; …)
 * not ok: `a List<String> of names` → the same for `<String>`: angle brackets around a word make a tag
 */

const SHOWN_LENGTH = 40;

/** The first line of the HTML, short enough for a one-line message. */
function excerpt(html: string): string {
  const firstLine = html.trim().split('\n')[0] ?? '';
  return firstLine.length > SHOWN_LENGTH ? `${firstLine.slice(0, SHOWN_LENGTH)}…` : firstLine;
}

const rule: FileRule = {
  id: 'no-raw-html',
  severity: 'error',
  scope: 'file',
  doc: 'Markdown without raw HTML, which every output drops',
  check({ issue, report, nodePosition }) {
    const marker = issue?.papersMarker === undefined ? undefined : issue.body.tree.children[issue.papersMarker];
    visitMarkdown(issue, 'html', (node, text) => {
      if (node === marker) return;
      report({
        message: `Unexpected raw HTML \`${excerpt(node.value)}\`, expected Markdown (raw HTML is dropped on render; text in angle brackets, such as \`List<String>\`, is written \`\\<\` or in backticks)`,
        position: nodePosition(text, node),
      });
    });
  },
};
export default rule;
