import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node as YamlNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { ISSUE_TEXT_KEYS, PAPER_TEXT_KEYS } from './schema.js';
import type { YamlPath } from '../diagnostics/yaml-locate.js';

/**
 * The frontmatter's text values as YAML nodes, for the checks that YAML read
 * them as written: a comment that cuts a plain value, a number where text was
 * meant. Aliases are followed, so `opinion: *s` is the anchored text.
 */

/** One text value: a text key's value, or one item of a list of texts (`authors`). */
export interface TextField {
  path: YamlPath;
  /** The key it belongs to, for messages (`authors` for an author). */
  key: string;
  node: Scalar;
}

/** The node an alias stands for (itself when not an alias); undefined for an alias with no anchor. */
function resolveAlias(document: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

/** The node at `path`, following aliases at every step (`- *p` as a paper, `opinion: *s`). */
export function nodeAt(document: Document.Parsed, path: YamlPath): unknown {
  let node = resolveAlias(document, document.contents);
  for (const segment of path) {
    if (isMap(node)) node = node.get(segment, true);
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return undefined;
    node = resolveAlias(document, node);
  }
  return node;
}

/** Every text key's value (`undefined` where a key is not written): the issue's, then each paper's. */
function textKeyValues(document: Document.Parsed): { path: YamlPath; key: string; value: unknown }[] {
  const values: { path: YamlPath; key: string; value: unknown }[] = [];
  const add = (path: YamlPath, keys: readonly string[]) => {
    for (const key of keys) values.push({ path: [...path, key], key, value: nodeAt(document, [...path, key]) });
  };
  add([], ISSUE_TEXT_KEYS);
  const papers = nodeAt(document, ['papers']);
  if (isSeq(papers)) papers.items.forEach((_, index) => add(['papers', index], PAPER_TEXT_KEYS));
  return values;
}

/** Every text value of the issue and its papers, each node once (an anchored text may be aliased again). */
export function textFields(document: Document.Parsed): TextField[] {
  const fields: TextField[] = [];
  const seen = new Set<YamlNode>();
  for (const { path, key, value } of textKeyValues(document)) {
    const items = isSeq(value) ? value.items.map((item, index) => ({ item: resolveAlias(document, item), at: [...path, index] })) : [{ item: value, at: path }];
    for (const { item, at } of items) {
      if (!isScalar(item) || seen.has(item)) continue;
      seen.add(item);
      fields.push({ path: at, key, node: item });
    }
  }
  return fields;
}

/**
 * The frontmatter's outermost collections written in flow style
 * (`authors: [A, B]`, a paper as `- {title: …, url: …}`), each with the
 * key it is the value of or an item of (`authors`, `papers`), for the
 * checks of what YAML reads as syntax in them: flow-comments.ts scans each
 * to its closing bracket, the collections inside it included.
 */
export function flowCollections(document: Document.Parsed): { key: string; node: YAMLMap | YAMLSeq }[] {
  const found: { key: string; node: YAMLMap | YAMLSeq }[] = [];
  visit(document, {
    Collection(_, node, path) {
      if (!node.flow || !node.range) return undefined;
      const pair = [...path].reverse().find(isPair);
      // '' where no key is written (the list is itself a key, or follows a bare `:`); `~` as written, not "null".
      const key = pair && isScalar(pair.key) ? (pair.key.value === null ? (pair.key.source ?? '') : String(pair.key.value)) : '';
      found.push({ key, node });
      return visit.SKIP;
    },
  });
  return found;
}

/**
 * A plain scalar's source as written (`1e3`, `010`, `true`), for messages
 * about what YAML made of it; undefined for quoted or block values.
 */
export function writtenPlainScalar(document: Document.Parsed, yamlText: string, path: YamlPath): string | undefined {
  const node = nodeAt(document, path);
  if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return undefined;
  return yamlText.slice(node.range[0], node.range[1]);
}

/**
 * The first line of a mapping's or list's source as written (`-title: A`
 * for a `papers:` that YAML read as a mapping), for a message that shows
 * how its first item was written; undefined for any other value.
 */
export function writtenCollectionStart(document: Document.Parsed, yamlText: string, path: YamlPath): string | undefined {
  const node = nodeAt(document, path);
  if (!isCollection(node) || !node.range) return undefined;
  return yamlText.slice(node.range[0]).split('\n')[0];
}
