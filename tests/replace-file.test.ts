import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { replaceFile } from '../src/replace-file.js';

test('replaceFile makes the folder, replaces the previous contents whole, and leaves no temporary file', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'paperboy-replace-')), 'cache', 'deep');
  const file = join(folder, 'store.json');
  replaceFile(file, 'first');
  writeFileSync(`${file}.other.tmp`, 'another process at work');
  replaceFile(file, Buffer.from('é second'));
  assert.equal(readFileSync(file, 'utf8'), 'é second');
  assert.deepEqual(readdirSync(folder).sort(), ['store.json', 'store.json.other.tmp']);
});
