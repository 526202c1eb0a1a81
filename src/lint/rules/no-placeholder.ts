import type { Position } from 'unist';
import { isSeq, visit as visitYaml, type Document } from 'yaml';
import type { MarkdownField } from '../../issue/model.js';
import type { ParsedIssue } from '../../issue/parse.js';
import { placeholdersIn } from './placeholders.js';
import { scalarOffsetMap } from '../../issue/scalar-offsets.js';
import type { FileRule } from '../types.js';
import { sourceOf, visitMarkdown } from './markdown-texts.js';

/**
 * No placeholder reaches subscribers: TODO, TK, FIXME, XXX (whole words, in
 * capitals) and lorem ipsum (any case), in the Markdown texts and in the
 * frontmatter's plain values (placeholders.ts). Code and URLs are not
 * prose and are skipped, but for a URL on a host reserved for examples,
 * which only holds the place of one (`paperboy new` writes
 * `url: https://example.org/TODO-the-paper`).
 *
 * ok:     `title: Notes on Tkachenko et al.`; "my todo list"; `` `TODO` ``; `https://x.org/TODO`
 * not ok: `summary: "TK: add the results"` → Unexpected placeholder `TK`, expected finished text
 * not ok: `url: https://example.org/TODO-the-paper` → Unexpected placeholder `TODO`, expected finished text
 */

/** Markdown fields are read as Markdown (where code is skipped), not as plain values. */
const MARKDOWN_FIELDS: readonly MarkdownField[] = ['summary', 'opinion', 'notes', 'prerequisites'];

function message(word: string): string {
  return `Unexpected placeholder \`${word}\`, expected finished text`;
}

function markdownScalars(document: Document.Parsed): Set<unknown> {
  const scalars = new Set<unknown>();
  const papers = document.get('papers', true);
  if (!isSeq(papers)) return scalars;
  papers.items.forEach((_, index) => {
    for (const field of MARKDOWN_FIELDS) scalars.add(document.getIn(['papers', index, field], true));
  });
  return scalars;
}

function frontmatterPlaceholders(parsed: ParsedIssue): { word: string; position: Position }[] {
  const document = parsed.document;
  if (!document) return [];
  const offset = parsed.frontmatterOffset;
  const yamlSource = parsed.source.text.slice(offset);
  const skipped = markdownScalars(document);
  const found: { word: string; position: Position }[] = [];
  visitYaml(document, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || skipped.has(node)) return;
      const placeholders = placeholdersIn(node.value);
      if (placeholders.length === 0) return;
      const toYaml = scalarOffsetMap(node, yamlSource);
      for (const { word, start, end } of placeholders) {
        found.push({ word, position: parsed.lines.position(offset + toYaml(start), offset + toYaml(end - 1) + 1) });
      }
    },
  });
  return found;
}

const rule: FileRule = {
  id: 'no-placeholder',
  severity: 'error',
  scope: 'file',
  doc: 'No TODO, TK, FIXME, XXX or lorem ipsum left in the text',
  check({ parsed, issue, report, textPosition }) {
    for (const { word, position } of frontmatterPlaceholders(parsed)) report({ message: message(word), position });
    // Text nodes hold prose only: code, inline code and link targets are other nodes.
    visitMarkdown(issue, 'text', (node, text) => {
      const base = node.position?.start.offset ?? 0;
      for (const { word, start, end } of placeholdersIn(sourceOf(text, node))) {
        report({ message: message(word), position: textPosition(text, base + start, base + end) });
      }
    });
  },
};
export default rule;
