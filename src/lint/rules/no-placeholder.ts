import type { Position } from 'unist';
import { isSeq, visit as visitYaml, type Document } from 'yaml';
import type { MarkdownField } from '../../issue/model.js';
import type { ParsedIssue } from '../../issue/parse.js';
import { placeholdersIn, type Placeholder } from './placeholders.js';
import { textFields } from '../../issue/text-fields.js';
import { scalarOffsetMap } from '../../issue/scalar-offsets.js';
import type { FileRule } from '../types.js';
import { sourceOf, visitMarkdown } from './markdown-texts.js';

/**
 * No placeholder reaches subscribers: TODO, TK, FIXME, XXX (words of their
 * own, in capitals: not `XXL-TK`, nor the initials of `TK Lee`) and lorem
 * ipsum (any case), in the Markdown texts and in the frontmatter's values
 * (placeholders.ts). Code, URLs and words in quotation marks are not the
 * editor's prose and are skipped, but for a URL on a host reserved for
 * examples, which only holds the place of one (`paperboy new` writes
 * `url: https://example.org/TODO-the-paper`). A name (`authors`, `editor`,
 * `reviewers`) and a paper's `title` are someone else's words, written as
 * they are (`TK Lee`, a paper titled `TODO: A Benchmark of Unfinished
 * Code`): there a placeholder counts only when it is the whole value (`XXX`)
 * or starts it as `paperboy new` writes one (`TODO First Author`, `TODO the
 * paper's title`: `TODO` and a space).
 *
 * ok:     `title: Notes on Tkachenko et al.`; "my todo list"; `` `TODO` ``; `https://x.org/TODO`; `authors: [TK Lee]`; paper `title: "TODO: A Benchmark"`; `see "Lorem ipsum considered harmful"`
 * not ok: `summary: "TK: add the results"` → Unexpected placeholder `TK`, expected finished text
 * not ok: `url: https://example.org/TODO-the-paper` → Unexpected placeholder `TODO`, expected finished text
 * not ok: `authors: [TODO First Author]` → Unexpected placeholder `TODO`, expected finished text
 */

const NAME_KEYS = new Set(['authors', 'editor', 'reviewers']);

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

/** The names and the papers' titles: values written as their owners wrote them (see the rule's doc). */
function ownedScalars(document: Document.Parsed): Set<unknown> {
  const owned = textFields(document).filter(({ key, path }) => NAME_KEYS.has(key) || (key === 'title' && path[0] === 'papers'));
  return new Set(owned.map(({ node }) => node));
}

/**
 * Of the placeholders of a name or a paper's title, those that are one: all,
 * when nothing but punctuation and spaces is left around them, or the `TODO `
 * that starts it, as `paperboy new` writes; else none.
 */
function ownedPlaceholders(value: string, placeholders: Placeholder[]): Placeholder[] {
  let rest = value;
  for (const { start, end } of [...placeholders].reverse()) rest = rest.slice(0, start) + rest.slice(end);
  if (!/[\p{L}\p{N}]/u.test(rest)) return placeholders;
  return placeholders.filter(({ word, start }) => start === 0 && word === 'TODO' && value[word.length] === ' ');
}

function frontmatterPlaceholders(parsed: ParsedIssue): { word: string; position: Position }[] {
  const document = parsed.document;
  if (!document) return [];
  const offset = parsed.frontmatterOffset;
  const yamlSource = parsed.source.text.slice(offset);
  const skipped = markdownScalars(document);
  const owned = ownedScalars(document);
  const found: { word: string; position: Position }[] = [];
  visitYaml(document, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || skipped.has(node)) return;
      const inValue = placeholdersIn(node.value);
      const placeholders = owned.has(node) ? ownedPlaceholders(node.value, inValue) : inValue;
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
  sent: 'report',
  doc: 'No TODO, TK, FIXME, XXX (words of their own) or lorem ipsum left in the text; in a name or a paper\'s title only the whole value or the `TODO …` of `paperboy new`',
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
