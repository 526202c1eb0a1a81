import { isAlias, isCollection, visit, type Alias, type Document, type Node } from 'yaml';

/** Aliases a frontmatter or a config file may expand (yaml's `maxAliasCount`); past it the YAML is an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** A YAML document's data, or where its aliases expand past the limit. */
export type DocumentData = { data: unknown } | { aliasBomb: [start: number, end: number] };

/**
 * `document.toJS()` (`{}` for an empty document) within `MAX_ALIAS_COUNT`,
 * for a document without `unresolvedAliases` (whose ReferenceError this would take for a bomb):
 * the one reading of YAML data for the frontmatter and the config file. An
 * alias bomb ("billion laughs"), which yaml refuses with a ReferenceError,
 * comes back as the offsets where its expansion starts. Other errors throw.
 */
export function documentData(document: Document): DocumentData {
  // yaml writes a collection used as a key (`? [a]`) as text, with a warning on stderr; the schema then reports that key at its place, so the warning is not printed.
  document.options.logLevel = 'error';
  try {
    return { data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {} };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { aliasBomb: aliasExpansionAt(document) };
  }
}

/**
 * The aliases of `document` whose anchor is not set before them
 * (`*nope`), in document order: `toJS` throws a ReferenceError on the
 * first, which `documentData` would take for an alias bomb, so a reader
 * says these first.
 */
export function unresolvedAliases(document: Document): Alias[] {
  const found: Alias[] = [];
  visit(document, {
    Alias(_, node) {
      if (isAlias(node) && node.resolve(document) === undefined) found.push(node);
    },
  });
  return found;
}

/**
 * Where a frontmatter whose aliases expand past `MAX_ALIAS_COUNT` (yaml
 * refuses to build it) starts its expansion: the first alias of a
 * collection that holds aliases itself, else the first alias. A range of
 * offsets in the YAML text.
 */
function aliasExpansionAt(document: Document): [start: number, end: number] {
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
