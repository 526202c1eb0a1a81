import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRegularFileHead } from '../src/regular-file.js';

test('readRegularFileHead: the first bytes of a regular file, all of a shorter one; nothing of a named pipe (never waited on), a folder or a missing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-head-'));
  writeFileSync(join(dir, 'feed.xml'), '<feed><id>https://example.org/</id><entry>…</entry></feed>');
  assert.equal(readRegularFileHead(join(dir, 'feed.xml'), 10), '<feed><id>');
  assert.equal(readRegularFileHead(join(dir, 'feed.xml'), 1024), '<feed><id>https://example.org/</id><entry>…</entry></feed>');
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  assert.equal(readRegularFileHead(join(dir, 'pipe'), 10), undefined);
  mkdirSync(join(dir, 'folder'));
  assert.equal(readRegularFileHead(join(dir, 'folder'), 10), undefined);
  assert.equal(readRegularFileHead(join(dir, 'missing'), 10), undefined);
});
