// The options of the papers' search index (MiniSearch), in one file for the
// three places that must agree on them: the build that writes the index
// (src/archive/search-index.ts), `paperboy papers search`
// (src/archive/paper-search.ts) and the papers page (papers.js), which reads
// the index with them. A shard read with other fields or another tokenizer
// would quietly match nothing, so nobody keeps a copy (the CLI's bundle,
// lib/bundle/, holds it as built: `npm run build:tool` after an edit).
//
// Plain JavaScript without imports, in the UMD shape MiniSearch's own
// browser build has: Node loads it as CommonJS, and the site serves it as it
// is (assets/search-options.js), a classic script that sets
// `paperboySearchOptions`. A classic script, not an ES module, because
// browsers refuse module scripts from `file://`: the archive's search must
// work from a folder opened on disk too.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.paperboySearchOptions = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /**
   * A text's words: runs of letters and digits of any script (combining marks
   * kept, so a decomposed "é" stays inside its word). MiniSearch's default
   * splits on spaces and punctuation only, which keeps symbols such as "=" or
   * "$" of a formula glued to the word beside them.
   */
  const tokenize = (text) => text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

  /** Words `processTerm` has processed, and what it made of each. */
  const remembered = new Map();
  const REMEMBERED = 100_000;

  /**
   * A word as the index stores it: lower case, accents removed ("Schölkopf" →
   * "scholkopf"), so either spelling finds it. Remembered per word: a text
   * repeats its words, and indexing 1,000 issues asks ~2 million times for
   * a few thousand words (measured on the bench corpus: 206 ms for 657,270
   * words of 300 issues, 39 ms remembered). At most `REMEMBERED` words, so
   * a huge vocabulary cannot hold memory.
   */
  const processTerm = (term) => {
    let processed = remembered.get(term);
    if (processed === undefined) {
      processed = term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      if (remembered.size >= REMEMBERED) remembered.clear();
      remembered.set(term, processed);
    }
    return processed;
  };

  /**
   * MiniSearch's options for a search document (search-index.ts,
   * `SearchDocument`): the fields searched, the fields a result carries (what
   * the papers page shows and filters by, the same names as the catalog
   * has), and how a query is matched: every word must occur (as the reader
   * expects of a "have we covered this?" search), the last one also as a
   * prefix, since it may be half typed; a word in a title weighs most. The
   * ranking is MiniSearch's BM25. A paper covered more than once is found by
   * every title and every author list it was given (`titles`, `names`), and
   * shown with the newest (`title`, `authors`).
   */
  const searchOptions = {
    fields: ['titles', 'names', 'tags', 'text'],
    storeFields: ['url', 'title', 'authors', 'aka', 'year', 'section', 'tags', 'issue', 'anchor', 'excerpt'],
    tokenize,
    processTerm,
    searchOptions: {
      combineWith: 'AND',
      prefix: (_term, index, terms) => index === terms.length - 1,
      boost: { titles: 3, names: 2, tags: 2 },
    },
  };

  return { tokenize, processTerm, searchOptions };
});
