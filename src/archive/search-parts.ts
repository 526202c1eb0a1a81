import MiniSearch, { type AsPlainObject } from 'minisearch';
import indexOptions from '../../templates/web/search-options.cjs';

const { searchOptions } = indexOptions;

/**
 * What one document adds to a MiniSearch index, whatever its place in it:
 * `fieldLength`, the number of distinct words of each field (MiniSearch's
 * `fieldLength` of the document; null for a field it has not), `stored`,
 * its stored fields, and `terms`, each term it is found by followed by the
 * fields (by field id, ascending) that hold it, each with how often:
 * `["reward", 0, 1, 4, 3, "hacking", 4, 1]` (flat, so that a shard's ~500
 * parts are read and joined quickly). Counted as MiniSearch's `add`
 * counts (`searchPart`), kept by the build (search-index.ts), so that an edit of one
 * paper indexes that paper alone and `assembleShard` puts the year's shard
 * together: on the 1,000-issue bench corpus, indexing a year's ~500 papers
 * again was a fifth of a one-edit build (0.25 s of its CPU, `--cpu-prof`).
 */
export interface SearchPart {
  fieldLength: (number | null)[] | null;
  stored: Record<string, unknown>;
  terms: (string | number)[];
}

const extractField = MiniSearch.getDefault('extractField') as (document: object, field: string) => unknown;
const stringifyField = MiniSearch.getDefault('stringifyField') as (value: unknown, field: string) => string;

/**
 * `document`'s part of an index: what MiniSearch's `add` (7.2,
 * MiniSearch.ts `add`, `addFieldLength`, `saveStoredFields`) gives it, with
 * `searchOptions`' tokenizer, terms and stored fields, its `id` aside
 * (`assembleShard` gives it). A copy of `add`, not a call: a MiniSearch of
 * one document, read back through `toJSON`, took twice the time of indexing
 * the document, and an index is made of ~10,000 of them on a cold build.
 * tests/archive/search-parts.test.ts holds it to MiniSearch's own; MiniSearch
 * is pinned exactly (package.json), and its version is part of the stored
 * parts' format (formats.ts `SHARD_FORMAT`).
 */
export function searchPart(document: object): SearchPart {
  const { fields, storeFields = [], tokenize, processTerm } = searchOptions as Required<Pick<typeof searchOptions, 'tokenize' | 'processTerm'>> & typeof searchOptions;
  const stored: Record<string, unknown> = {};
  for (const name of storeFields) {
    const value = extractField(document, name);
    if (value !== undefined) stored[name] = value;
  }
  // As MiniSearch: a field the document has not (null or undefined) is not counted, a hole in its lengths.
  const lengths: (number | null)[] = [];
  const counts = new Map<string, number[]>();
  const count = (term: string, fieldId: number) => {
    let perField = counts.get(term);
    if (perField === undefined) counts.set(term, (perField = []));
    perField[fieldId] = (perField[fieldId] ?? 0) + 1;
  };
  fields.forEach((field, fieldId) => {
    const value = extractField(document, field);
    if (value == null) return;
    const tokens = tokenize(stringifyField(value, field), field);
    lengths[fieldId] = new Set(tokens).size;
    for (const token of tokens) {
      const processed = processTerm(token, field);
      // MiniSearch adds every term of an array, and a single term only when it is not empty.
      if (Array.isArray(processed)) for (const term of processed) count(term, fieldId);
      else if (processed) count(processed, fieldId);
    }
  });
  const terms: (string | number)[] = [];
  for (const [term, perField] of counts) {
    terms.push(term);
    perField.forEach((n, fieldId) => terms.push(fieldId, n));
  }
  return { fieldLength: lengths.length === 0 ? null : Array.from(lengths, (length) => length ?? null), stored, terms };
}

/**
 * The JSON of the MiniSearch index of the documents whose parts are
 * `parts`, each document's id its position: what `addAll` of the documents
 * in that order then `toJSON` give (MiniSearch 7, `serializationVersion` 2),
 * byte for byte, but for one thing: its terms in code-unit order rather than
 * the order of MiniSearch's radix tree, which depends on the order the
 * terms came in, so that a shard is the same however its parts were made.
 * MiniSearch's `loadJSON` reads terms in any order.
 *
 * Written by hand, since MiniSearch cannot join indexes, and its terms'
 * JSON is written here too (as JSON.stringify would, without making an
 * object per term and field: the objects took 0.12 s for a shard of ~500
 * papers). The one rule it holds that is not a copy is
 * `averageFieldLength`, which MiniSearch keeps as it adds each document
 * (`addFieldLength`: the mean so far times the documents before, plus this
 * length, over one more), repeated here in the same order with the same
 * arithmetic, so that the floating-point means are the same numbers.
 * tests/archive/search-parts.test.ts compares the two.
 */
export function assembleShard(parts: readonly SearchPart[]): string {
  const documentIds: Record<number, number> = {};
  const fieldLength: Record<number, (number | null)[]> = {};
  const averageFieldLength: number[] = [];
  const storedFields: Record<number, Record<string, unknown>> = {};
  // Per term, the documents that hold it in order, as [fieldId, id, count, …].
  const postings = new Map<string, number[]>();
  parts.forEach((part, id) => {
    documentIds[id] = id;
    storedFields[id] = part.stored;
    if (part.fieldLength !== null) {
      fieldLength[id] = part.fieldLength;
      part.fieldLength.forEach((length, fieldId) => {
        if (length !== null) averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * id + length) / (id + 1);
      });
    }
    let list: number[] = [];
    const { terms } = part;
    for (let i = 0; i < terms.length; i++) {
      const item = terms[i]!;
      if (typeof item === 'string') {
        const known = postings.get(item);
        if (known === undefined) postings.set(item, (list = []));
        else list = known;
      } else list.push(item, id, terms[++i] as number);
    }
  });
  const index = [...postings.keys()].sort().map((term) => `[${JSON.stringify(term)},${fieldsJson(postings.get(term)!)}]`);
  const fieldIds = Object.fromEntries(searchOptions.fields.map((field, id) => [field, id]));
  // The keys in toJSON's order (`index` then `serializationVersion` last), integer keys (ids) ascending as JavaScript lists them in both.
  const head: Omit<Record<keyof AsPlainObject, unknown>, 'index' | 'serializationVersion'> = { documentCount: parts.length, nextId: parts.length, documentIds, fieldIds, fieldLength, averageFieldLength, storedFields, dirtCount: 0 };
  return `${JSON.stringify(head).slice(0, -1)},"index":[${index.join(',')}],"serializationVersion":2}`;
}

/** A term's postings (`[fieldId, id, count, …]`, ids ascending) as toJSON writes them: `{"fieldId":{"id":count,…},…}`, field ids ascending. */
function fieldsJson(list: readonly number[]): string {
  let fields = [list[0]!];
  // Most terms are in one field: the others are gathered only for a term in several.
  for (let i = 3; i < list.length; i += 3) {
    if (list[i] !== list[0]) {
      fields = [...new Set(list.filter((_, j) => j % 3 === 0))].sort((a, b) => a - b);
      break;
    }
  }
  return `{${fields
    .map((fieldId) => {
      const counts: string[] = [];
      for (let i = 0; i < list.length; i += 3) if (list[i] === fieldId) counts.push(`"${list[i + 1]}":${list[i + 2]}`);
      return `"${fieldId}":{${counts.join(',')}}`;
    })
    .join(',')}}`;
}
