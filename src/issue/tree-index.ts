import type { Nodes, Root } from 'mdast';

export type NodeOfType<Type extends Nodes['type']> = Extract<Nodes, { type: Type }>;

/**
 * Every node of a tree by type, built by one walk and kept as long as the
 * tree: a dozen lint rules and the facts ask each tree for their kinds of
 * node, and walking it once for each would cost a noticeable share of the
 * parse itself. Trees are never mutated once parsed, so the index stays true.
 */
const nodesByType = new WeakMap<Root, Map<string, Nodes[]>>();

/** The nodes of `type` in a tree, in document order. */
export function nodesInTree<Type extends Nodes['type']>(tree: Root, type: Type): NodeOfType<Type>[] {
  let index = nodesByType.get(tree);
  if (!index) {
    index = new Map<string, Nodes[]>();
    indexByType(tree, index);
    nodesByType.set(tree, index);
  }
  return (index.get(type) ?? []) as NodeOfType<Type>[];
}

/**
 * Adds `node` and its descendants, in document order. A plain recursive walk
 * rather than unist-util-visit, whose per-node bookkeeping (an array of
 * ancestors each) made this index cost several times more.
 */
function indexByType(node: Nodes, index: Map<string, Nodes[]>): void {
  const list = index.get(node.type);
  if (list) list.push(node);
  else index.set(node.type, [node]);
  if ('children' in node) for (const child of node.children) indexByType(child, index);
}
