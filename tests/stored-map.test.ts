import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { StoredMap } from '../src/stored-map.js';

const FORMAT = 'test-v1';

function storeFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'paperboy-stored-map-')), 'map.v8');
}

function filled(file: string, count: number): StoredMap<{ n: number; note?: string }> {
  const map = StoredMap.read<{ n: number; note?: string }>(file, FORMAT);
  for (let n = 0; n < count; n++) map.set(`k${n}`, { n });
  map.save();
  return map;
}

const contents = (map: StoredMap<unknown>) => [...map.keys()].sort().map((key) => [key, map.get(key)]);

test('stored map: a few changes are written as a delta beside the base, which stays as it was, and read back with it', () => {
  const file = storeFile();
  filled(file, 100);
  const base = readFileSync(file);
  const map = StoredMap.read<{ n: number; note?: string }>(file, FORMAT);
  map.set('k5', { n: 5, note: 'edited' });
  map.set('new', { n: -1, note: undefined });
  map.delete('k7');
  assert.equal(map.save(), false, 'not written whole');
  assert.deepEqual(readFileSync(file), base);
  assert.ok(statSync(`${file}.delta`).size < base.byteLength / 4, "the delta holds the changes only");
  const again = StoredMap.read<{ n: number; note?: string }>(file, FORMAT);
  assert.deepEqual(contents(again), contents(map));
  assert.deepEqual(again.get('new'), { n: -1, note: undefined });
  assert.equal(again.get('k7'), undefined);
  // The next save's delta still holds the earlier changes (each delta adds to the base, not to the last delta).
  again.set('k9', { n: 9, note: 'later' });
  again.save();
  assert.deepEqual(contents(StoredMap.read(file, FORMAT)), contents(again));
  assert.equal(StoredMap.read<{ note?: string }>(file, FORMAT).get('k5')?.note, 'edited');
});

test('stored map: once the delta holds more than an eighth of the entries, the whole map is written and the delta goes', () => {
  const file = storeFile();
  filled(file, 400);
  const map = StoredMap.read<{ n: number; note?: string }>(file, FORMAT);
  for (let n = 0; n < 50; n++) map.set(`k${n}`, { n, note: 'first' });
  assert.equal(map.save(), false, '50 of 400 is a delta');
  map.set('k60', { n: 60, note: 'one more' });
  assert.equal(map.save(), true, '51 of 400 is past an eighth');
  assert.ok(!existsSync(`${file}.delta`));
  assert.deepEqual(contents(StoredMap.read(file, FORMAT)), contents(map));
  assert.equal(map.save(), false, 'nothing changed: nothing written');
});

test('stored map: a delta written against another base (a crash before it was removed) is not applied', () => {
  const file = storeFile();
  filled(file, 10);
  const map = StoredMap.read<{ n: number; note?: string }>(file, FORMAT);
  map.set('k1', { n: 1, note: 'in the delta' });
  map.save();
  const delta = readFileSync(`${file}.delta`);
  // A new base (as a compaction writes), then the old delta put back as a crash would have left it.
  filled(file, 10);
  const fresh = StoredMap.read<{ n: number; note?: string }>(file, FORMAT);
  for (let n = 0; n < 40; n++) fresh.set(`x${n}`, { n });
  assert.equal(fresh.save(), true);
  writeFileSync(`${file}.delta`, delta);
  assert.equal(StoredMap.read<{ n: number; note?: string }>(file, FORMAT).get('k1')?.note, undefined);
});

test('stored map: a base or delta that cannot be read, or was written in another format, is an empty map or no change', () => {
  const file = storeFile();
  filled(file, 10);
  assert.equal(StoredMap.read(file, 'test-v2').size, 0, 'another format');
  const map = StoredMap.read<{ n: number }>(file, FORMAT);
  map.set('k2', { n: 22 });
  map.save();
  writeFileSync(`${file}.delta`, 'not a delta');
  assert.equal(StoredMap.read<{ n: number }>(file, FORMAT).get('k2')?.n, 2, 'the base alone');
  writeFileSync(file, readFileSync(file).subarray(0, 20));
  assert.equal(StoredMap.read(file, FORMAT).size, 0, 'a base cut short');
  assert.equal(StoredMap.read(join(file, '..', 'none.v8'), FORMAT).size, 0, 'no file');
});
