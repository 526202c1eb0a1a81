import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { assembleShard, searchPart, type SearchPart } from '../../src/archive/search-parts.js';
import indexOptions from '../../templates/web/search-options.cjs';

const { searchOptions, searchShard } = indexOptions;

/** A document as search-index.ts makes them: the fields searched and those stored, some of them empty or missing. */
interface Document {
  id: number;
  titles: string;
  names: string;
  venues: string[];
  tags: string[];
  text?: string | undefined;
  identity: string;
  url: string;
  title: string;
  year: number | null;
  excerpt?: string | undefined;
}

/** Words as research summaries write them: scripts with and without spaces, hyphens, numbers with points, marks, repeated words. */
const word = fc.oneof(
  fc.constantFrom('reward', 'rewards', 'hacking', 'GPT-4', 'Llama-2-7B', '3.5', 'O’Neil', 'Schölkopf', 'naïve', 'analysis', 'analyses', 'c++', '2309.08600', 'RLHF', 'weak-to-strong', '強化学習', 'การเรียนรู้', 'нейросеть', 'مدل', 'x²', '$f(x)$', 'e\u0301t\u00e9', 'soft\u00adhyphen'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);
const text = fc.array(word, { maxLength: 30 }).map((words) => words.join(' '));
const documentArbitrary = fc.record(
  {
    titles: text,
    names: text,
    venues: fc.array(text, { maxLength: 2 }),
    tags: fc.array(word, { maxLength: 3 }),
    text: fc.option(text, { nil: undefined }),
    identity: fc.oneof(fc.constant(''), fc.constant('2309.08600'), fc.constant('lesswrong.com/posts/abc/reward')),
    url: fc.string(),
    title: text,
    year: fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: null }),
    excerpt: fc.option(text, { nil: undefined }),
  },
  { requiredKeys: ['titles', 'names', 'venues', 'tags', 'identity', 'url', 'title', 'year'] },
);
const documents = fc.array(documentArbitrary, { maxLength: 25 }).map((list) => list.map((document, id): Document => ({ ...document, id })));

/** MiniSearch's own index of `list`, each document added in its turn. */
function indexed(list: readonly Document[]): MiniSearch<Document> {
  const index = new MiniSearch<Document>(searchOptions);
  index.addAll(list);
  return index;
}

/** MiniSearch's own index of `list` (`addAll`, then `toJSON`), its terms put in code-unit order as `assembleShard` writes them. */
function minisearchShard(list: readonly Document[]): string {
  const json: AsPlainObject = indexed(list).toJSON();
  return JSON.stringify({ ...json, index: json.index.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) });
}

test('a shard assembled from its papers’ parts is MiniSearch’s own index of the papers, byte for byte but for the order of its terms', () => {
  fc.assert(
    fc.property(documents, (list) => {
      const parts = list.map(searchPart);
      assert.equal(assembleShard(parts), minisearchShard(list));
      // As the build stores them and reads them back.
      assert.equal(assembleShard(JSON.parse(JSON.stringify(parts)) as SearchPart[]), minisearchShard(list));
    }),
    { numRuns: 300 },
  );
});

test('a part is the same wherever its paper stands: parts made apart, assembled in any order, are the index of the papers in that order', () => {
  fc.assert(
    fc.property(documents, fc.func(fc.integer()), (list, key) => {
      const parts = list.map((document) => searchPart({ ...document, id: 99 }));
      const order = list.map((_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
      assert.equal(assembleShard(order.map((i) => parts[i]!)), minisearchShard(order.map((i, id) => ({ ...list[i]!, id }))));
    }),
    { numRuns: 100 },
  );
});

test('a search of a shard assembled from parts finds the papers MiniSearch’s own index finds, with the same scores, in the same order', () => {
  fc.assert(
    fc.property(documents, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (list, picks) => {
      const own = indexed(list);
      const assembled = MiniSearch.loadJSON<Document>(assembleShard(list.map(searchPart)), searchOptions);
      const reloaded = MiniSearch.loadJSON<Document>(JSON.stringify(own), searchOptions);
      // Queries of words the papers hold, whole and half typed (a prefix), one and several at once.
      const words = list.flatMap((document) => `${document.titles} ${document.text ?? ''} ${document.identity}`.split(' ')).filter(Boolean);
      const queries = words.length === 0 ? ['reward'] : picks.map((pick, i) => words.slice(pick % words.length, (pick % words.length) + 1 + (i % 3)).join(' ')).flatMap((query) => [query, query.slice(0, Math.max(2, query.length - 2))]);
      for (const query of queries) {
        const expected = searchShard(reloaded, query, () => true).map(({ id, score }) => [id, score]);
        assert.deepEqual(searchShard(assembled, query, () => true).map(({ id, score }) => [id, score]), expected, query);
      }
    }),
    { numRuns: 150 },
  );
});
