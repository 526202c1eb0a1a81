import { Parser, type CST } from 'yaml';

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
 * MAX_COLLECTION_ENTRIES allows its kind, found in yaml's concrete syntax
 * tree (its `Parser`: one pass, no document composed, no key compared),
 * before the document is composed; undefined when none does. Walks the
 * tree with a stack of its own: call it after `yamlNestingExcess` or not,
 * it needs no recursion.
 */
export function yamlCollectionExcess(yaml: string): CollectionExcess | undefined {
  const pending: CST.Token[] = [];
  for (const token of new Parser().parse(yaml)) pending.push(token);
  for (let token = pending.pop(); token !== undefined; token = pending.pop()) {
    if (token.type === 'document') {
      if (token.value) pending.push(token.value);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const kind = token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[') ? 'sequence' : 'mapping';
    const items: CST.CollectionItem[] = token.items;
    const past = items[MAX_COLLECTION_ENTRIES[kind]];
    if (past !== undefined) return { offset: past.key?.offset ?? past.value?.offset ?? past.start[0]?.offset ?? token.offset, kind };
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
