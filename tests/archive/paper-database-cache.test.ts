import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RecordFacts } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { cachedPaperDatabase } from '../../src/archive/paper-database-cache.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';
import { recordFacts } from './fixture.js';

type Record = RecordFacts & { textHash: string };

/** Paper `n` in issue `issue`, its text's hash `text`: what an edit of a summary changes, and the database's layout is not made of. */
function record(n: number, issue: number, text: string, fields: Partial<RecordFacts> = {}): Record {
  return { ...recordFacts(n, { url: `https://example.com/${n}`, arxiv: undefined, tags: ['Scaling laws'], authors: ['Ada Lovelace', 'Lovelace, Ada'], issue: { number: issue, date: '2023-01-02', title: `Issue ${issue}` }, ...fields }), textHash: text };
}

/** Three issues, paper 1 covered twice, under facts `facts` (the issues' `factsHash`es), each record's text hash `text`. */
function issues(facts: string, text: string, fields: Partial<RecordFacts> = {}): { factsHash: string; papers: Record[] }[] {
  return [
    { factsHash: `${facts}1`, papers: [record(1, 1, text), record(2, 1, text, { tags: ['scaling  laws', 'Émergence'] })] },
    { factsHash: `${facts}2`, papers: [record(3, 2, text, { authors: ['Grace Hopper'], year: 2021, ...fields })] },
    { factsHash: `${facts}3`, papers: [record(1, 3, text, { authors: [], tags: ['emergence'] }), record(4, 3, text, { year: undefined })] },
  ];
}

function cacheFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'paperboy-database-')), 'paper-database.json');
}

/** The stored layout with every paper's folder renamed: what a database read back shows, and one built does not. */
function renamed(file: string): void {
  const stored = JSON.parse(readCacheFile(file)!.toString()) as { papers: [string, string, string[]][] };
  writeCacheFile(file, JSON.stringify({ ...stored, papers: stored.papers.map(([id, slug, tags]) => [id, `stored-${slug}`, tags]) }));
}

test('the paper database is built as buildPaperDatabase builds it, stored, and read back while the issues\' facts are the same, with the records given now', () => {
  const file = cacheFile();
  const built = cachedPaperDatabase(issues('a', 'old'), file);
  assert.deepEqual(built, buildPaperDatabase(issues('a', 'old')));
  // Only the texts changed (a summary edited): the layout is read back, the records are the new ones.
  const read = cachedPaperDatabase(issues('a', 'new'), file);
  assert.deepEqual(read, buildPaperDatabase(issues('a', 'new')));
  assert.ok(read.papers.every((paper) => paper.latest.textHash === 'new' && paper.coverage.every((covered) => covered.textHash === 'new')));
  // Facets hold the database's own entries, as a built one's do.
  for (const facet of [...read.tags, ...read.authors]) for (const paper of facet.papers) assert.ok(read.papers.includes(paper));
  renamed(file);
  assert.ok(cachedPaperDatabase(issues('a', 'new'), file).papers.every((paper) => paper.slug.startsWith('stored-')), 'read back, not built');
});

test('a paper database whose issues\' facts changed is built again, and so is one stored for other papers or not stored as written', () => {
  const file = cacheFile();
  cachedPaperDatabase(issues('a', 'old'), file);
  renamed(file);
  // Another author on paper 3: other facts, another stamp.
  const retitled = issues('b', 'old', { authors: ['Grace Brewster Hopper'] });
  assert.deepEqual(cachedPaperDatabase(retitled, file), buildPaperDatabase(retitled));
  // The stamp of these facts, but a layout of other papers (a paper left out): built.
  const stored = JSON.parse(readCacheFile(file)!.toString()) as { papers: unknown[]; authors: unknown[] };
  writeCacheFile(file, JSON.stringify({ ...stored, papers: stored.papers.slice(1) }));
  assert.deepEqual(cachedPaperDatabase(retitled, file), buildPaperDatabase(retitled));
  // A facet naming a paper the layout does not have: built.
  writeCacheFile(file, JSON.stringify({ ...stored, authors: [['Nobody', ['Nobody'], 'nobody', [99]]] }));
  assert.deepEqual(cachedPaperDatabase(retitled, file), buildPaperDatabase(retitled));
  // Bytes that are not those written: built, and stored again.
  writeFileSync(file, 'not a cache file');
  assert.deepEqual(cachedPaperDatabase(retitled, file), buildPaperDatabase(retitled));
  assert.deepEqual(cachedPaperDatabase(retitled, file), buildPaperDatabase(retitled));
});

test('a paper database not stored (--no-cache, or a folder that cannot hold the file) is built', () => {
  assert.deepEqual(cachedPaperDatabase(issues('a', 'old'), undefined), buildPaperDatabase(issues('a', 'old')));
  const blocked = join(mkdtempSync(join(tmpdir(), 'paperboy-database-')), 'blocker');
  writeFileSync(blocked, '');
  assert.deepEqual(cachedPaperDatabase(issues('a', 'old'), join(blocked, 'paper-database.json')), buildPaperDatabase(issues('a', 'old')));
});
