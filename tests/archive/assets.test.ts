import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { assetSources } from '../../src/archive/assets.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import indexOptions from '../../templates/web/search-options.cjs';

/** Runs an asset as a browser runs a classic script: `this` and `self` the global object, no `module`, no `import`. */
function runAsClassicScript(path: string): Record<string, unknown> {
  const global: Record<string, unknown> = {};
  global.self = global;
  runInNewContext(readFileSync(path, 'utf8'), global, { filename: path });
  return global;
}

test('the site’s scripts are classic scripts (a page opened from file:// refuses ES modules): search options and MiniSearch set their globals', () => {
  const assets = assetSources(BUILTIN_TEMPLATES_DIR);
  const options = runAsClassicScript(assets.get('assets/search-options.js')!).paperboySearchOptions as typeof indexOptions;
  assert.deepEqual(Object.keys(options).sort(), ['TRACKING', 'arxivIdFromMirrorUrl', 'arxivIdFromUrl', 'foldName', 'identityTargets', 'paperUrl', 'parseArxivId', 'processTerm', 'rankResults', 'searchOptions', 'searchShard', 'segmentWords', 'tokenize', 'writtenDoiUrl']);
  assert.equal(typeof (runAsClassicScript(assets.get('assets/minisearch/index.js')!).MiniSearch as { loadJS?: unknown }).loadJS, 'function');
  // The browser's copy of the options is the one the build indexes with: the same fields, the same words.
  const { tokenize, processTerm, foldName, searchOptions: browser } = options;
  const { fields, storeFields, searchOptions } = indexOptions.searchOptions;
  assert.deepEqual(JSON.parse(JSON.stringify({ fields: browser.fields, storeFields: browser.storeFields, searchOptions: browser.searchOptions })), JSON.parse(JSON.stringify({ fields, storeFields, searchOptions })));
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
      assert.deepEqual([...tokenize(text)], indexOptions.tokenize(text));
      // The papers page's author filter names an author as the build's author pages do.
      assert.equal(foldName(text), indexOptions.foldName(text));
      for (const word of indexOptions.tokenize(text)) {
        assert.equal(processTerm(word), indexOptions.processTerm(word));
        // What the index holds for a word, and what a query looks for.
        assert.deepEqual([browser.processTerm!(word, '')].flat(), [indexOptions.searchOptions.processTerm!(word, '')].flat());
        assert.equal(browser.searchOptions!.processTerm!(word), indexOptions.searchOptions.searchOptions!.processTerm!(word));
      }
    }),
    { numRuns: 500 },
  );
});
