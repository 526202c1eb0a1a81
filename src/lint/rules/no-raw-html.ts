import type { Html, Nodes } from 'mdast';
import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';
import { PAPERS_MARKER } from '../../issue/model.js';
import { isBreakTag } from '../../render/raw-html.js';

/**
 * No raw HTML in Markdown: it is not trusted, so every output drops its
 * tags and shows only its text (SPEC; render/raw-html.ts). The body's `<!-- papers -->` marker is the exception,
 * and so is a `<br>` in a table's cell: every output shows it as the line break it stands for, and a cell,
 * one line of Markdown, has no other way to write one. Elsewhere a `<br>` is named as the line break it is,
 * with Markdown's (a `\` at the end of the line): "dropped, only its text shown" was untrue of it.
 *
 * ok:     `**bold**`; a body line `<!-- papers -->`
 * not ok: `a <b>bold</b> word` → Unexpected raw HTML `<b>`, expected Markdown (raw HTML is dropped on render, only its text shown; …)
 * not ok: a body line `<!--papers-->` → Unexpected comment `<!--papers-->`, expected the papers marker written `<!-- papers -->` …
 * not ok: `a List<String> of names` → the same for `<String>`: angle brackets around a word make a tag
 * ok:     `| GPT-4<br>(March) | 86% |` (a line break in a table's cell)
 * not ok: `first line<br>second` → Unexpected raw HTML `<br>`, expected a Markdown line break, a `\` at the end of the line …
 * not ok: `<img src="chart.png" alt="Loss">` → Unexpected raw HTML `<img …>`, expected a Markdown image, `![what it shows](its address)` (an `<img>` has no text: it is shown nowhere)
 *
 * An HTML comment is shown nowhere, words and all, as its writer means
 * (remark-lint's no-html leaves comments alone too): in the body and in
 * the private `notes` it is accepted. A summary, opinion or prerequisites
 * is published as written too, in papers.json and papers.csv, so a comment
 * there is no private note: it is reported as such.
 *
 * ok:     a body line `<!-- check the numbers before sending -->`
 * not ok: `Results <!-- ask the authors --> hold.` in a summary → Unexpected HTML comment `<!-- ask the authors -->` in the summary, whose Markdown papers.json and papers.csv publish as written, expected words for readers (no page or email shows a comment), or private ones in the paper's `notes`
 */

/** An HTML comment alone (`<!-- … -->`): a block of HTML that starts with one may go on past its `-->`. */
const COMMENT = /^<!--(?:(?!-->)[^])*-->$/;

/** An `<img>` tag (HTML's tag names are case-insensitive): dropped with its tags, it leaves no text at all. */
const IMAGE_TAG = /^<img(?:[\s/>]|$)/i;

const SHOWN_LENGTH = 40;

/** A comment saying `papers` in any case and spacing: the marker meant. */
const MARKER_LIKE = /^<!--\s*papers\s*-->$/i;

/** The first line of the HTML, short enough for a one-line message. */
function excerpt(html: string): string {
  const firstLine = html.trim().split('\n')[0] ?? '';
  return firstLine.length > SHOWN_LENGTH ? `${firstLine.slice(0, SHOWN_LENGTH)}…` : firstLine;
}

/** Adds the raw HTML nodes under `node` to `found`. */
function addHtmlIn(node: Nodes, found: Set<Html>): void {
  if (node.type === 'html') found.add(node);
  else if ('children' in node) for (const child of node.children) addHtmlIn(child, found);
}

const rule: FileRule = {
  id: 'no-raw-html',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: "Markdown without raw HTML, whose tags every output drops (only its text is shown); a `<br>` is shown as a line break, and accepted in a table's cell, which has no other; an HTML comment, shown nowhere, is accepted in the body and in `notes` (a summary's Markdown is published as written in papers.json)",
  check({ issue, report, nodePosition }) {
    const marker = issue?.papersMarker === undefined ? undefined : issue.body.tree.children[issue.papersMarker];
    const inCells = new Set<Html>();
    visitMarkdown(issue, 'tableCell', (cell) => addHtmlIn(cell, inCells));
    visitMarkdown(issue, 'html', (node, text) => {
      if (node === marker) return;
      const lineBreak = isBreakTag(node.value);
      const image = IMAGE_TAG.test(node.value.trim());
      if (lineBreak && inCells.has(node)) return;
      // The papers marker misspelt (`<!--papers-->`, `<!-- Papers -->`) is not the marker: the papers would go after the closing.
      const misspeltMarker = text === issue?.body && MARKER_LIKE.test(node.value.trim());
      const comment = !MARKER_LIKE.test(node.value.trim()) && COMMENT.test(node.value.trim());
      if (comment && (text.field === 'body' || text.field === 'notes')) return;
      report({
        message: lineBreak
          ? `Unexpected raw HTML \`${excerpt(node.value)}\`, expected a Markdown line break, a \`\\\` at the end of the line (the \`<br>\` is shown as the line break it stands for; in a table's cell, which has no other, it is accepted)`
          : image
            ? `Unexpected raw HTML \`${excerpt(node.value)}\`, expected a Markdown image, \`![what it shows](its address)\` (raw HTML is dropped on render, and an \`<img>\` has no text: the image is shown nowhere, its alt text neither)`
            : comment
            ? `Unexpected HTML comment \`${excerpt(node.value)}\` in the ${text.field}, whose Markdown papers.json and papers.csv publish as written, expected words for readers (no page or email shows a comment), or private ones in the paper's \`notes\``
            : misspeltMarker
            ? `Unexpected comment \`${excerpt(node.value)}\`, expected the papers marker written \`${PAPERS_MARKER}\` (one space inside each end, lowercase): as it is, ${marker ? 'it is dropped, and the papers go at the marker written so' : 'the papers go after the whole body'}`
            : `Unexpected raw HTML \`${excerpt(node.value)}\`, expected Markdown (raw HTML is dropped on render, only its text shown; text in angle brackets, such as \`List<String>\`, is written \`\\<\` or in backticks)`,
        position: nodePosition(text, node),
      });
    });
  },
};
export default rule;
