import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { sha256 } from '../../src/sha256.js';
import { TreeCache } from '../../src/issue/tree-cache.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

const text = 'A *summary* with a [link](https://example.org) and a footnote[^1].\n\n[^1]: Here.\n';

function storeFiles(dir: string): string[] {
  return readdirSync(join(dir, 'cache', 'trees')).map((name) => join(dir, 'cache', 'trees', name));
}

test('a parsed tree is stored and read back equal, without remark', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-trees-'));
  const first = TreeCache.inDataDir(dataDir).parserFor('/issues/a.md');
  const tree = first.parse(text);
  first.save();
  const [store] = storeFiles(dataDir);
  assert.ok(store);
  const second = TreeCache.inDataDir(dataDir).parserFor('/issues/a.md');
  assert.deepEqual(second.parse(text), tree);
  assert.deepEqual(tree, parseMarkdown(text));
});

test('a store only keeps the trees its last parse used', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-trees-'));
  const cache = TreeCache.inDataDir(dataDir);
  const a = cache.parserFor('/issues/a.md');
  a.parse('old text');
  a.save();
  const b = cache.parserFor('/issues/a.md');
  b.parse('new text');
  b.save();
  const stored = JSON.parse(readCacheFile(storeFiles(dataDir)[0]!)!.toString()) as { trees: Record<string, unknown> };
  assert.deepEqual(Object.keys(stored.trees), [sha256('new text')]);
});

/** A cache whose store holds the tree of `text`, for '/issues/a.md', and that store's file. */
function storedText(): { cache: TreeCache; store: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-trees-'));
  const cache = TreeCache.inDataDir(dataDir);
  const parser = cache.parserFor('/issues/a.md');
  parser.parse(text);
  parser.save();
  return { cache, store: storeFiles(dataDir)[0]! };
}

test('a corrupt store or a tree of the wrong shape is ignored, never trusted', () => {
  const { cache, store } = storedText();
  const contents = JSON.parse(readCacheFile(store)!.toString()) as { key: string };
  writeCacheFile(store, JSON.stringify({ key: contents.key, trees: { [sha256(text)]: { type: 'paragraph' } } }));
  assert.deepEqual(cache.parserFor('/issues/a.md').parse(text), parseMarkdown(text));
  writeCacheFile(store, '{"key": "trees-v1');
  assert.deepEqual(cache.parserFor('/issues/a.md').parse(text), parseMarkdown(text));
});

test('a store whose bytes changed since it was written (one letter of a stored text) is ignored: the text is parsed again', () => {
  const { cache, store } = storedText();
  writeFileSync(store, readFileSync(store, 'utf8').replace('"value":"Here."', '"value":"HEre."'));
  assert.deepEqual(cache.parserFor('/issues/a.md').parse(text), parseMarkdown(text));
});

test('a store that cannot be written (its dataDir a file) costs the next parse, not this one', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'paperboy-trees-')), 'a-file');
  writeFileSync(dataDir, '');
  const parser = TreeCache.inDataDir(dataDir).parserFor('/issues/a.md');
  assert.deepEqual(parser.parse(text), parseMarkdown(text));
  assert.doesNotThrow(() => parser.save());
});
