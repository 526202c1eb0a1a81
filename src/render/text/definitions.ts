import type { Definition, FootnoteDefinition, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * The link and footnote definitions of one Markdown text, by identifier.
 * Collected from the whole text, since a part of it (the body before the
 * papers marker) may use a definition written in another part.
 */
export interface MarkdownDefinitions {
  readonly links: ReadonlyMap<string, Definition>;
  readonly footnotes: ReadonlyMap<string, FootnoteDefinition>;
}

export function collectDefinitions(nodes: readonly Nodes[]): MarkdownDefinitions {
  const links = new Map<string, Definition>();
  const footnotes = new Map<string, FootnoteDefinition>();
  for (const root of nodes) {
    visit(root, (node) => {
      // CommonMark: the first definition of a label wins.
      if (node.type === 'definition' && !links.has(node.identifier)) links.set(node.identifier, node);
      if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node);
    });
  }
  return { links, footnotes };
}
