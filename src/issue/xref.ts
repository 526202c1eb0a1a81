import type { Link, Definition } from 'mdast';
import type { MarkdownText } from './model.js';
import { paperIdFromReference } from './paper-id.js';
import { nodesInTree } from './tree-index.js';

/**
 * Cross-references (SPEC): `[text](paper:2304.15004)` names a paper by arXiv
 * id or URL, `[text](issue:41)` names an issue.
 */
export type CrossReference =
  /** `paperId` is undefined for a target that is neither an arXiv id nor a URL (issue/paper-id.ts `paperIdFromReference`). */
  | { kind: 'paper'; target: string; paperId: string | undefined }
  | { kind: 'issue'; target: string; issueNumber: number | undefined };

/**
 * The cross-reference a link's URL (mdast's, as written) makes, if any. A
 * `paper:` target is taken as written, not percent-decoded: it names the
 * paper whose `url` it copies, and the two reduce to one identity alike
 * (paper-id.ts), where decoding `%26` or `%23` would make it another URL.
 */
export function parseCrossReference(url: string): CrossReference | undefined {
  if (url.startsWith('paper:')) {
    const target = url.slice('paper:'.length).trim();
    return { kind: 'paper', target, paperId: paperIdFromReference(target) };
  }
  if (url.startsWith('issue:')) {
    const target = url.slice('issue:'.length).trim();
    const number = /^\d+$/.test(target) ? Number(target) : undefined;
    return { kind: 'issue', target, issueNumber: number };
  }
  return undefined;
}

export interface CrossReferenceNode {
  reference: CrossReference;
  node: Link | Definition;
}

/** Every cross-reference written in a text, as links or link definitions, in document order. */
export function crossReferencesIn(text: MarkdownText): CrossReferenceNode[] {
  const nodes = [...nodesInTree(text.tree, 'link'), ...nodesInTree(text.tree, 'definition')];
  if (nodes.length === 0) return [];
  const found: CrossReferenceNode[] = [];
  for (const node of nodes.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))) {
    const reference = parseCrossReference(node.url);
    if (reference) found.push({ reference, node });
  }
  return found;
}
