import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { citationKeys } from '../../src/archive/bibtex.js';
import { cachedCitationKeys } from '../../src/archive/citation-cache.js';
import type { RecordFacts } from '../../src/archive/issue-output.js';
import type { PaperEntry } from '../../src/archive/paper-database.js';
import { recordFacts } from './fixture.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

function paper(n: number, authors: string[]): PaperEntry<RecordFacts> {
  const record = recordFacts(n, {
    id: `url:https://example.com/${n}`,
    title: 'Emergent abilities',
    url: `https://example.com/${n}`,
    authors,
    arxiv: undefined,
    issue: { number: 1, date: '2023-01-15', title: 'Issue 1' },
  });
  return { id: record.id, slug: `paper-${n}`, latest: record, tags: [], coverage: [record] };
}

const papers = [paper(1, ['Rylan Schaeffer']), paper(2, ['Schaeffer, R.']), paper(3, ['Jan Łukasiewicz'])];

/** The stored file with every key replaced: what a build reading the file back would show, and one making them would not. */
function marked(file: string): void {
  const stored = JSON.parse(readCacheFile(file)!.toString()) as { keys: string[] };
  writeCacheFile(file, JSON.stringify({ ...stored, keys: stored.keys.map((key) => `stored-${key}`) }));
}

const keysOf = (keys: ReadonlyMap<PaperEntry<RecordFacts>, string>, of = papers) => of.map((entry) => keys.get(entry));

test('citation keys are made as citationKeys makes them, stored, and read back while the shape and the papers are the same', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-citations-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'citations.json');
  const made = keysOf(citationKeys(papers));
  assert.deepEqual(made, ['schaeffer2023emergent', 'schaeffer2023emergentb', 'lukasiewicz2023emergent']);
  assert.deepEqual(keysOf(cachedCitationKeys(papers, file, 'shape-a')), made);
  marked(file);
  assert.deepEqual(keysOf(cachedCitationKeys(papers, file, 'shape-a')), made.map((key) => `stored-${key}`));
});

test('citation keys are made again, not read back, under another shape, for other papers or from a damaged file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-citations-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'citations.json');
  const made = keysOf(citationKeys(papers));
  cachedCitationKeys(papers, file, 'shape-a');
  marked(file);
  assert.deepEqual(keysOf(cachedCitationKeys(papers, file, 'shape-b')), made, 'another shape');

  cachedCitationKeys(papers, file, 'shape-a');
  marked(file);
  const fewer = papers.slice(0, 2);
  assert.deepEqual(keysOf(cachedCitationKeys(fewer, file, 'shape-a'), fewer), made.slice(0, 2), 'fewer papers');
  const reordered = [papers[1]!, papers[0]!, papers[2]!];
  cachedCitationKeys(papers, file, 'shape-a');
  marked(file);
  assert.deepEqual(keysOf(cachedCitationKeys(reordered, file, 'shape-a'), reordered), [made[1], made[0], made[2]], 'other order');

  for (const damaged of ['{"stamp":', '[]', '{"stamp":1,"ids":[],"keys":[]}', 'null']) {
    writeCacheFile(file, damaged);
    assert.deepEqual(keysOf(cachedCitationKeys(papers, file, 'shape-a')), made, damaged);
  }
  assert.deepEqual(keysOf(cachedCitationKeys(papers, undefined, 'shape-a')), made, 'no cache');
});

test('a citation cache that cannot be written costs only the making', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-citations-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A folder where the file should be: neither read nor replaced.
  const file = join(dir, 'citations.json');
  writeFileSync(join(dir, 'blocker'), '');
  assert.deepEqual(keysOf(cachedCitationKeys(papers, join(dir, 'blocker', 'citations.json'), 'shape-a')), keysOf(citationKeys(papers)));
  assert.throws(() => readFileSync(file));
});
