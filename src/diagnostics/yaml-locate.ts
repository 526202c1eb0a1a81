import type { Position } from 'unist';
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { LineIndex } from './position.js';

export type YamlPath = readonly (string | number)[];

/**
 * Where a key or value of a YAML document is, as a position in the file the
 * YAML was cut from (`offset`: where the YAML starts in it). A path that does
 * not exist all the way is located at the deepest part that does, so a
 * missing key is reported at its parent. Used for the issue frontmatter and
 * for the config file.
 */
export function locateInYaml(document: Document.Parsed, path: YamlPath, part: 'key' | 'value', offset: number, lines: LineIndex): Position {
  // Walk down as far as the path exists; a missing key is reported at its parent.
  let node: unknown = document.contents;
  let keyNode: YamlNode | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      keyNode = pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      break;
    }
  }
  const target = part === 'key' && keyNode ? keyNode : ((node as YamlNode | null) ?? keyNode);
  const range = target?.range;
  if (!range) return lines.position(offset);
  // A collection spans many lines: point at where it starts.
  const end = isScalar(target) ? range[1] : range[0];
  return lines.position(offset + range[0], offset + end);
}
