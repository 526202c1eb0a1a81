import { CST, Lexer, Parser } from 'yaml';

const { DOCUMENT, FLOW_END, SCALAR } = CST;

/**
 * The most entries one YAML collection of an issue's frontmatter or the
 * config may hold: keys of a mapping, items of a sequence. Each mapping
 * of either takes a few dozen keys at most (an unknown one is an error),
 * and yaml checks each key of a mapping against every key before it
 * (`uniqueKeys`), as paperboy's messages find each unknown key among its
 * siblings: 45,000 keys in a 450 KB frontmatter took `lint` 256 s, and
 * 6,000 took 5.6 s. A sequence costs each item once, but a 4 MB flow list
 * of 2,000,000 items took 44 s and 2.8 GB; 10,000 items leave room for
 * the longest author lists (a physics collaboration's 3,000 names).
 */
const MAX_COLLECTION_ENTRIES = { mapping: 1_000, sequence: 10_000 } as const;

/** Where a YAML text holds a collection past MAX_COLLECTION_ENTRIES: the offset of its first entry past the limit, and its kind. */
export interface CollectionExcess {
  offset: number;
  kind: keyof typeof MAX_COLLECTION_ENTRIES;
}

/**
 * The first collection of `yaml` holding more entries than
 * MAX_COLLECTION_ENTRIES allows its kind, found before the document is
 * composed; undefined when none does. A flow collection (`[…]`, `{…}`) is
 * counted as yaml's `Lexer` reads it, stopping at the entry past the
 * limit: a syntax tree of a 9 MB one-line list took 36 s and 3.8 GB to
 * build. Block collections, one entry a line (at most 50,000 lines: issue/limits.ts), are
 * counted in yaml's concrete syntax tree (its `Parser`: no document
 * composed, no key compared), walked with a stack of its own.
 */
export function yamlCollectionExcess(yaml: string, limits: CollectionLimits = MAX_COLLECTION_ENTRIES): CollectionExcess | undefined {
  if (!hasRoomForExcess(yaml, limits)) return undefined;
  return flowCollectionExcess(yaml, limits) ?? treeCollectionExcess(yaml, limits);
}

/** The most entries each kind of collection may hold (MAX_COLLECTION_ENTRIES; smaller ones in tests). */
type CollectionLimits = Readonly<Record<CollectionExcess['kind'], number>>;

/**
 * Whether `yaml` is long enough to hold a collection past `limits`: a
 * block collection holds at most one entry a line, and a flow one at most
 * one entry more than its commas, so a text of no more lines than the
 * smaller limit and fewer commas is passed over. Counting its lexemes and
 * concrete syntax tree took as long as yaml's whole parse of the document
 * (1.3 ms a frontmatter of the bench corpus, 16 KB, against 1.3 ms), and
 * every issue's frontmatter is checked, most of them twice in a build;
 * counting line breaks and commas takes a hundredth of that. Line breaks
 * are `\n` and `\r` alike, as YAML reads a lone CR as one (YAML 1.2 §5.4).
 */
function hasRoomForExcess(yaml: string, limits: CollectionLimits): boolean {
  const least = Math.min(limits.mapping, limits.sequence);
  return occurrences(yaml, '\n') + occurrences(yaml, '\r') + 1 > least || occurrences(yaml, ',') >= least;
}

function occurrences(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count++;
  return count;
}

/**
 * The first flow collection past its limit, by the lexemes of `yaml`: an
 * entry starts at the first lexeme of a flow collection, or after one of
 * its commas, that is no space, line break, comment or closing bracket (a
 * comma in a quoted or block scalar is inside that scalar's one lexeme).
 * The lexemes, less yaml's three control markers, are the text itself, so
 * their lengths give the offset.
 */
function flowCollectionExcess(yaml: string, limits: CollectionLimits): CollectionExcess | undefined {
  // The open flow collections, innermost last: kind, entries so far, and whether the next lexeme of substance starts one.
  const open: { kind: CollectionExcess['kind']; entries: number; awaiting: boolean }[] = [];
  let offset = 0;
  let afterScalarMarker = false;
  for (const lexeme of new Lexer().lex(yaml)) {
    if (lexeme === DOCUMENT || lexeme === FLOW_END) continue;
    const marker = lexeme === SCALAR;
    // The text after a scalar marker is the scalar (`,` or `[` in it are text), whose entry the marker started.
    const text = afterScalarMarker;
    afterScalarMarker = marker;
    const collection = open.at(-1);
    if (!text && collection && !BETWEEN_ENTRIES.has(CST.tokenType(lexeme) ?? '')) {
      if (lexeme === ',') collection.awaiting = true;
      else if (lexeme === ']' || lexeme === '}') open.pop();
      else if (collection.awaiting) {
        collection.awaiting = false;
        if (++collection.entries > limits[collection.kind]) return { offset, kind: collection.kind };
      }
    }
    if (!text && (lexeme === '[' || lexeme === '{')) open.push({ kind: lexeme === '[' ? 'sequence' : 'mapping', entries: 0, awaiting: true });
    if (!marker) offset += lexeme.length;
  }
  return undefined;
}

/** Lexemes that start no entry of a flow collection. */
const BETWEEN_ENTRIES = new Set(['space', 'newline', 'comment']);

/** The first block collection past its limit in the concrete syntax tree of `yaml`. */
function treeCollectionExcess(yaml: string, limits: CollectionLimits): CollectionExcess | undefined {
  const pending: CST.Token[] = [];
  for (const token of new Parser().parse(yaml)) pending.push(token);
  for (let token = pending.pop(); token !== undefined; token = pending.pop()) {
    if (token.type === 'document') {
      if (token.value) pending.push(token.value);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const items: CST.CollectionItem[] = token.items;
    // A flow collection's entries were counted from its lexemes (`flowCollectionExcess`), where a trailing comma starts none.
    if (token.type !== 'flow-collection') {
      const kind = token.type === 'block-seq' ? 'sequence' : 'mapping';
      const past = items[limits[kind]];
      if (past !== undefined) return { offset: past.key?.offset ?? past.value?.offset ?? past.start[0]?.offset ?? token.offset, kind };
    }
    for (const item of items) {
      if (item.key) pending.push(item.key);
      if (item.value) pending.push(item.value);
    }
  }
  return undefined;
}

/** The message for a collection past MAX_COLLECTION_ENTRIES, in remark-lint's words. */
export function collectionExcessMessage(kind: CollectionExcess['kind']): string {
  const max = MAX_COLLECTION_ENTRIES[kind].toLocaleString('en');
  return kind === 'mapping'
    ? `Unexpected YAML mapping of more than ${max} keys, expected at most ${max} (each mapping takes a few dozen keys): look for lines pasted by mistake`
    : `Unexpected YAML list of more than ${max} items, expected at most ${max}: look for lines pasted by mistake`;
}
