import type { Nodes, Text } from 'mdast';
import { markdownTexts, type Issue, type MarkdownText } from '../../issue/model.js';
import { nodesInTree, type NodeOfType } from '../../issue/tree-index.js';

/**
 * What the Markdown rules share: every text of an issue (body, summaries,
 * opinions, notes, prerequisites), each a scope of its own, and the source
 * behind a text node.
 */

/** Every Markdown text of the issue; none when its frontmatter could not be read. */
export function textsOf(issue: Issue | undefined): MarkdownText[] {
  return issue ? markdownTexts(issue) : [];
}

/** The nodes of `type` in a text's tree, in document order. */
export function nodesOfType<Type extends Nodes['type']>(text: MarkdownText, type: Type): NodeOfType<Type>[] {
  return nodesInTree(text.tree, type);
}

/** Calls `visitor` with every node of `type` in every Markdown text of the issue. */
export function visitMarkdown<Type extends Nodes['type']>(
  issue: Issue | undefined,
  type: Type,
  visitor: (node: NodeOfType<Type>, text: MarkdownText) => void,
): void {
  for (const text of textsOf(issue)) {
    for (const node of nodesOfType(text, type)) visitor(node, text);
  }
}

/** The text as it is called in a message: `body`, `summary of paper 2`. */
export function nameOf(text: MarkdownText): string {
  return text.paperIndex === undefined ? text.field : `${text.field} of paper ${text.paperIndex + 1}`;
}

/** Where a label is defined: the text and the offset of the definition in it. */
export interface DefinitionPlace {
  text: MarkdownText;
  offset: number;
}

/**
 * Where each label is first defined in the issue's texts, by identifier
 * (mdast's: case-folded): of a link reference (`definition`, `[p]: …`) or of
 * a footnote (`footnoteDefinition`, `[^1]: …`). For the message of a
 * reference left without a definition in its own text, which names the
 * text that has one.
 */
export function firstDefinitions(texts: readonly MarkdownText[], type: 'definition' | 'footnoteDefinition'): Map<string, DefinitionPlace> {
  const definitions = new Map<string, DefinitionPlace>();
  for (const text of texts) {
    for (const node of nodesOfType(text, type)) {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, { text, offset: node.position?.start.offset ?? 0 });
    }
  }
  return definitions;
}

/** The source of a node in its text, as written (before escapes and entities were decoded). */
export function sourceOf(text: MarkdownText, node: Nodes): string {
  return text.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

export interface SourceMatch {
  /** What matched, as written in the source. */
  value: string;
  /** Offsets in the text's own coordinates (see MarkdownText). */
  start: number;
  end: number;
}

/**
 * Matches of a global `pattern` in the source of a text node. A text node's
 * value has escapes and entities decoded (`AT&amp;T` is `AT&T`), so its
 * offsets would drift from the file: we match the source instead.
 */
export function matchesInTextNode(text: MarkdownText, node: Text, pattern: RegExp): SourceMatch[] {
  const base = node.position?.start.offset ?? 0;
  return [...sourceOf(text, node).matchAll(pattern)].map((match) => ({
    value: match[0],
    start: base + match.index,
    end: base + match.index + match[0].length,
  }));
}
