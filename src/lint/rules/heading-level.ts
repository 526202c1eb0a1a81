import type { Heading } from 'mdast';
import type { MarkdownField, MarkdownText } from '../../issue/model.js';
import type { FileRule } from '../types.js';
import { nodesOfType, sourceOf, visitMarkdown } from './markdown-texts.js';

/**
 * No `#` headings inside a paper's texts: the email's structure (sections,
 * paper titles) owns the headings, and one more would break its outline.
 * Headings in the body are fine from level 2 down: the issue's title is the
 * one level-1 heading of the email and of its web page (an `h1` each; a
 * page with two breaks the outline screen readers navigate by, WCAG 2.2
 * technique G141).
 *
 * ok:     `summary: "**Method.** They train…"`; in the body, `## This month`
 * not ok: `summary: "## Method"` → Unexpected heading in a summary, expected text without headings (try a **bold** lead-in)
 * not ok: a line underlined with `===` or `---` in an opinion (a setext heading) → Unexpected heading in an opinion, expected text without headings (try a **bold** lead-in, or a blank line above a `---` rule)
 * not ok: in the body, `# Welcome` → Unexpected level-1 heading in the body, expected `##` or deeper: the issue's title is its one level-1 heading
 *
 * A line starting with `#` and a space is a heading even right under a
 * paragraph's line (CommonMark §4.2: it needs no blank line before it), so
 * prose wrapped before a `#` (`the` / `# of tokens grows`) loses its line to
 * a heading: such a heading is said to be that line, with the `\#` that
 * keeps the `#` as text.
 *
 * not ok: `The number of` / `# of tokens grows.` in a summary → Unexpected heading `# of tokens grows.` in a summary, a line right under a paragraph's, expected `\# of tokens grows.` if the `#` is text (or a **bold** lead-in)
 */
const FIELD_NAMES: Record<Exclude<MarkdownField, 'body'>, string> = {
  summary: 'a summary',
  opinion: 'an opinion',
  notes: 'the notes',
  prerequisites: 'the prerequisites',
};

const BODY_H1 = "Unexpected level-1 heading in the body, expected `##` or deeper: the issue's title is its one level-1 heading";

const rule: FileRule = {
  id: 'heading-level',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'No headings inside a summary, opinion, notes or prerequisites, and no level-1 heading in the body',
  check({ issue, report, nodePosition }) {
    visitMarkdown(issue, 'heading', (node, text) => {
      if (text.field === 'body' && node.depth !== 1) return;
      const written = sourceOf(text, node);
      if (written.startsWith('#') && underParagraph(text, node)) {
        const where = text.field === 'body' ? 'level-1 heading' : 'heading';
        const otherwise = text.field === 'body' ? '`##` or deeper after a blank line: the issue\'s title is its one level-1 heading' : 'a **bold** lead-in';
        report({
          message: `Unexpected ${where} \`${written}\` in ${text.field === 'body' ? 'the body' : FIELD_NAMES[text.field]}, a line right under a paragraph's, expected \`\\${written}\` if the \`#\` is text (or ${otherwise})`,
          position: nodePosition(text, node),
        });
        return;
      }
      if (text.field === 'body') {
        report({ message: BODY_H1, position: nodePosition(text, node) });
        return;
      }
      // A setext heading (a line underlined with `===` or `---`) has no `#`: the message names none, and says how a rule is written.
      const setext = !written.startsWith('#');
      report({
        message: `Unexpected heading in ${FIELD_NAMES[text.field]}, expected text without headings (try a **bold** lead-in${setext ? ', or a blank line above a `---` rule' : ''})`,
        position: nodePosition(text, node),
      });
    });
  },
};
export default rule;

/** Whether `heading` is written on the line right after a paragraph's last line, with no blank line between. */
function underParagraph(text: MarkdownText, heading: Heading): boolean {
  const line = heading.position?.start.line;
  return line !== undefined && nodesOfType(text, 'paragraph').some((paragraph) => paragraph.position?.end.line === line - 1);
}
