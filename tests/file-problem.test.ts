import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileReadProblem } from '../src/file-problem.js';

/** The error reading `path` raises. */
function readError(path: string): unknown {
  try {
    readFileSync(path);
  } catch (error) {
    return error;
  }
  assert.fail(`${path} was read`);
}

test('a file that cannot be read is said in words with its errno code, and with what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-file-problem-'));
  writeFileSync(join(dir, 'file.csv'), '');
  mkdirSync(join(dir, 'folder'));
  symlinkSync('b.md', join(dir, 'a.md'));
  symlinkSync('a.md', join(dir, 'b.md'));
  symlinkSync('gone.md', join(dir, 'link.md'));
  const cases: [path: string, reason: string, fix: RegExp, missing: boolean][] = [
    [join(dir, 'none.csv'), 'no such file or folder (ENOENT)', /^Check the path/, true],
    [join(dir, 'file.csv', 'x.csv'), 'a file stands where the path needs a folder (ENOTDIR)', /^Check the path/, true],
    [join(dir, 'folder'), 'it is a folder, not a file (EISDIR)', /^Name a file/, false],
    [join(dir, 'a.md'), 'its symbolic links lead back to each other, never to a file (ELOOP)', /^Point the link at the file itself \(`ls -l \S+a\.md` shows where it leads\)/, false],
    [join(dir, 'link.md'), 'a symbolic link to `gone.md`, which does not exist (ENOENT)', /^Point the link at an existing file/, false],
  ];
  for (const [path, reason, fix, missing] of cases) {
    const problem = fileReadProblem(readError(path), path);
    assert.equal(problem.reason, reason, path);
    assert.match(problem.fix, fix, path);
    assert.equal(problem.missing ?? false, missing, path);
  }
});

test('permission denied says how to let paperboy read the file', () => {
  // As Node raises it (root, who runs these tests in CI, is never denied a read).
  const denied = Object.assign(new Error("EACCES: permission denied, open '/srv/list.csv'"), { code: 'EACCES' });
  const problem = fileReadProblem(denied, '/srv/list.csv');
  assert.equal(problem.reason, 'permission denied (EACCES)');
  assert.match(problem.fix, /^Let your user read it and open the folders above it \(`chmod u\+r \/srv\/list\.csv` as its owner/);
});
