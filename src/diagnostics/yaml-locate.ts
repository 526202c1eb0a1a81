import type { Position } from 'unist';
import { Document, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, type Node as YamlNode } from 'yaml';
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
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment) ?? node.items.find((item) => isPair(item) && !isTextKey(item.key) && jsKeyOf(item.key) === segment);
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

/** A key written as text (`title:`): the data names it as written, and a lookup that missed it needs no `jsKeyOf`. */
function isTextKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'string';
}

/**
 * The key a pair's key node is in the data `toJS` makes, where every key is
 * text: `2` is "2", `~` is "", `? [a]` is "[ a ]". Made by yaml itself, from
 * a mapping of that one key, so it is the text a schema's message names.
 */
function jsKeyOf(key: unknown): string | undefined {
  const one = new Document(null, { logLevel: 'silent' });
  const map = new YAMLMap();
  map.items.push(new Pair(key, null));
  one.contents = map;
  return Object.keys(one.toJS() as object)[0];
}
