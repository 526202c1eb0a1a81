import { isAlias, isCollection, visit, type Alias, type Document, type Node } from 'yaml';

/** Aliases a frontmatter or a config file may expand (yaml's `maxAliasCount`); past it the YAML is an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * The most characters of text a YAML document's aliases may repeat, all
 * aliases together. `MAX_ALIAS_COUNT` counts values, not their length: a
 * 2 MB summary aliased by 99 papers passed it, and its 200 MB of Markdown
 * ran `lint` past 300 s and 3.9 GB. An issue file's limits count its text
 * before the parse (issue/limits.ts: 10,000 `$`, `|` or URLs, 20,000
 * emphasis runs), so what aliases add is held below one such limit: at
 * most 10,000 characters more. A list of authors or tags, or a short
 * text, aliased a few times stays far below it.
 */
const MAX_ALIASED_CHARACTERS = 10_000;

/**
 * A YAML document's data, or where its aliases expand past a limit, and
 * how (`excess`, words to follow "Unexpected YAML aliases"): past
 * MAX_ALIASED_CHARACTERS when `repeatsText`, else past MAX_ALIAS_COUNT.
 */
export type DocumentData = { data: unknown } | AliasExcess;
type AliasExcess = { aliasBomb: [start: number, end: number]; excess: string; repeatsText: boolean };

/**
 * `document.toJS()` (`{}` for an empty document) within `MAX_ALIAS_COUNT`
 * and `MAX_ALIASED_CHARACTERS`, for a document without
 * `unresolvedAliases` (whose ReferenceError this would take for a bomb):
 * the one reading of YAML data for the frontmatter and the config file. An
 * alias bomb ("billion laughs"), which yaml refuses with a ReferenceError,
 * comes back as the offsets where its expansion starts; aliases repeating
 * too much text, as the alias that crosses the limit. Other errors throw.
 */
export function documentData(document: Document): DocumentData {
  // yaml writes a collection used as a key (`? [a]`) as text, with a warning on stderr; the schema then reports that key at its place, so the warning is not printed.
  document.options.logLevel = 'error';
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return { aliasBomb: aliasExpansionAt(document), excess: `expanding to more than ${MAX_ALIAS_COUNT} values`, repeatsText: false };
  }
  return aliasedTextPastLimit(document) ?? { data };
}

/**
 * The alias at which the text the document's aliases repeat (the length
 * of each string in the value each alias stands for, aliases in it
 * included) passes MAX_ALIASED_CHARACTERS, with the whole count; undefined
 * within it. Called once yaml has built the data within MAX_ALIAS_COUNT,
 * so the values aliases stand for are few.
 */
function aliasedTextPastLimit(document: Document): AliasExcess | undefined {
  let total = 0;
  let crossing: Alias | undefined;
  visit(document, {
    Alias(_, alias) {
      total += textLength(document, alias.resolve(document));
      if (total > MAX_ALIASED_CHARACTERS) crossing ??= alias;
    },
  });
  if (crossing === undefined) return undefined;
  const range = crossing.range;
  return {
    aliasBomb: range ? [range[0], range[1]] : [0, 0],
    excess: `repeating more than ${MAX_ALIASED_CHARACTERS.toLocaleString('en-US')} characters of text (${total.toLocaleString('en-US')} in all)`,
    repeatsText: true,
  };
}

/** The characters of the strings in `node` (keys included), through the aliases it holds. */
function textLength(document: Document, node: Node | undefined): number {
  if (node === undefined) return 0;
  let length = 0;
  visit(node, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string') length += scalar.value.length;
    },
    Alias(_, alias) {
      length += textLength(document, alias.resolve(document));
    },
  });
  return length;
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
