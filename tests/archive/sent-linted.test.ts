import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nextSentLinted, readSentLinted, sentToLint } from '../../src/archive/sent-linted.js';

const sent = [
  { name: '0001-a.md', hash: 'a1' },
  { name: '0002-b.md', hash: 'b2' },
  { name: '0003-c.md', hash: 'c1' },
];

test('sent-linted: with no record (the first build that keeps one), no sent issue is linted and each is taken as sent, as it is now', () => {
  assert.deepEqual(sentToLint(undefined, sent), []);
  assert.deepEqual([...nextSentLinted(undefined, sent, new Set(), new Set())], sent.map(({ name, hash }) => [name, hash]));
});

test('sent-linted: a sent issue whose bytes are not those the record holds, or which it lacks, is linted; one as recorded is not', () => {
  const record = new Map([
    ['0001-a.md', 'a1'],
    ['0002-b.md', 'b1'],
  ]);
  assert.deepEqual(sentToLint(record, sent), ['0002-b.md', '0003-c.md']);
  // An empty record is a record: every sent issue is new to it.
  assert.deepEqual(sentToLint(new Map(), sent), ['0001-a.md', '0002-b.md', '0003-c.md']);
});

test('sent-linted: a sent issue linted clean is recorded as it is now; one linted with errors keeps the entry it had (or none), so it is linted again; one gone is dropped', () => {
  const record = new Map([
    ['0001-a.md', 'a1'],
    ['0002-b.md', 'b1'],
    ['0009-gone.md', 'g1'],
  ]);
  const next = nextSentLinted(record, sent, new Set(['0002-b.md', '0003-c.md']), new Set(['0002-b.md', '0003-c.md']));
  assert.deepEqual([...next], [
    ['0001-a.md', 'a1'],
    ['0002-b.md', 'b1'],
  ]);
  assert.deepEqual(sentToLint(next, sent), ['0002-b.md', '0003-c.md'], 'linted again until fixed');
  const fixed = nextSentLinted(next, sent, new Set(['0002-b.md', '0003-c.md']), new Set());
  assert.deepEqual([...fixed], sent.map(({ name, hash }) => [name, hash]));
  assert.deepEqual(sentToLint(fixed, sent), []);
});

test('sent-linted: a record that is no record paperboy wrote (damaged, another layout) is none', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
  assert.equal(readSentLinted(dataDir), undefined);
  mkdirSync(join(dataDir, 'cache'));
  writeFileSync(join(dataDir, 'cache', 'sent-linted.json'), '{"format":"paperboy-sent-linted-1","issues":{}}');
  assert.equal(readSentLinted(dataDir), undefined, 'without the seal cache-file.ts writes');
});
