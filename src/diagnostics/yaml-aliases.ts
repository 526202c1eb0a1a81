import { isCollection, visit, type Alias, type Document, type Node } from 'yaml';

/** Aliases a frontmatter or a config file may expand (yaml's `maxAliasCount`); past it the YAML is an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Where a frontmatter whose aliases expand past `MAX_ALIAS_COUNT` (yaml
 * refuses to build it) starts its expansion: the first alias of a
 * collection that holds aliases itself, else the first alias. A range of
 * offsets in the YAML text.
 */
export function aliasExpansionAt(document: Document): [start: number, end: number] {
  let first: Alias | undefined;
  let nested: Alias | undefined;
  visit(document, {
    Alias(_, alias) {
      first ??= alias;
      const target = alias.resolve(document);
      if (isCollection(target) && holdsAlias(target)) {
        nested = alias;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const range = (nested ?? first)?.range;
  return range ? [range[0], range[1]] : [0, 0];
}

function holdsAlias(collection: Node): boolean {
  let found = false;
  visit(collection, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}
