import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { linkFiles } from '../../src/archive/site-links.js';
import { siteFiles } from './site-check.js';

test('the files kept are linked at the same paths (the same files, not copies), a symbolic link is made again, and a folder with nothing kept is not made', () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-links-'));
  const from = join(parent, 'dist');
  for (const path of ['index.html', 'papers/a/index.html', 'papers/b/index.html', 'gone/index.html']) {
    mkdirSync(join(from, path, '..'), { recursive: true });
    writeFileSync(join(from, path), path);
  }
  symlinkSync('../index.html', join(from, 'papers', 'home.html'));
  const to = join(parent, 'staging');
  linkFiles(from, to, (path) => path !== 'papers/b/index.html' && !path.startsWith('gone/'));
  assert.deepEqual(siteFiles(to), ['index.html', 'papers/a/index.html']);
  assert.equal(statSync(join(to, 'papers/a/index.html')).ino, statSync(join(from, 'papers/a/index.html')).ino);
  assert.equal(readlinkSync(join(to, 'papers', 'home.html')), '../index.html');
  assert.ok(!existsSync(join(to, 'gone')));
  assert.ok(!existsSync(join(to, 'papers', 'b')));
});

// Another file system (tmpfs) than the temporary folder's: `link(2)` answers EXDEV there.
const otherFileSystem = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : undefined;

test('where links are refused (from another file system: EXDEV), the files kept are copied: the same bytes, in files of their own', { skip: otherFileSystem ? false : 'no second file system here (/dev/shm)' }, () => {
  const from = mkdtempSync(join(otherFileSystem!, 'paperboy-links-'));
  try {
    for (const path of ['index.html', 'papers/a/index.html', 'papers/b/index.html']) {
      mkdirSync(join(from, path, '..'), { recursive: true });
      writeFileSync(join(from, path), `bytes of ${path}`);
    }
    const to = join(mkdtempSync(join(tmpdir(), 'paperboy-links-')), 'staging');
    linkFiles(from, to, () => true);
    assert.deepEqual(siteFiles(to), ['index.html', 'papers/a/index.html', 'papers/b/index.html']);
    for (const path of siteFiles(to)) {
      assert.equal(readFileSync(join(to, path), 'utf8'), `bytes of ${path}`);
      assert.notEqual(statSync(join(to, path)).ino, statSync(join(from, path)).ino, `${path} is a copy`);
    }
  } finally {
    rmSync(from, { recursive: true, force: true });
  }
});
