// The options of the papers' search index (MiniSearch), in one module for the
// three places that must agree on them: the build that writes the index
// (src/archive/search-index.ts), `paperboy papers search`
// (src/archive/paper-search.ts) and the papers page (papers.js), which reads
// the index with them. A shard read with other fields or another tokenizer
// would quietly match nothing, so nobody keeps a copy. Plain JavaScript
// without imports: the site serves it as it is (assets/search-options.js).

/**
 * A text's words: runs of letters and digits of any script (combining marks
 * kept, so a decomposed "é" stays inside its word). MiniSearch's default
 * splits on spaces and punctuation only, which keeps symbols such as "=" or
 * "$" of a formula glued to the word beside them.
 */
export const tokenize = (text) => text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** A word as the index stores it: lower case, accents removed ("Schölkopf" → "scholkopf"), so either spelling finds it. */
export const processTerm = (term) => term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * MiniSearch's options for a search document (search-index.ts,
 * `SearchDocument`): the fields searched, the fields a result carries (what
 * the papers page shows and filters by, the same names as papers/catalog.json
 * has), and how a query is matched: every word must occur (as the reader
 * expects of a "have we covered this?" search), the last one also as a
 * prefix, since it may be half typed; a word in the title weighs most. The
 * ranking is MiniSearch's BM25.
 */
export const searchOptions = {
  fields: ['title', 'authors', 'tags', 'text'],
  storeFields: ['url', 'title', 'authors', 'year', 'section', 'tags', 'issue', 'anchor', 'excerpt'],
  tokenize,
  processTerm,
  searchOptions: {
    combineWith: 'AND',
    prefix: (_term, index, terms) => index === terms.length - 1,
    boost: { title: 3, authors: 2, tags: 2 },
  },
};
