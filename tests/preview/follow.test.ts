import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IssueFile } from '../../src/issue/workspace.js';
import { successorOf, type WatchedIssue } from '../../src/preview/follow.js';

/** An issue file as the workspace holds it: only what `successorOf` reads. */
function file(path: string, hash: string, number: number | undefined): IssueFile {
  return { path, source: { path, text: 'x', written: 'x', hash, bom: false, eol: '\n' }, facts: { number } as IssueFile['facts'] };
}

const watched: WatchedIssue = { path: '/n/issues/0005-a.md', number: 5, hash: 'old', neighbours: new Set(['/n/issues/0005-twin.md', '/n/issues/0006-b.md']) };

test('the watched issue is followed to the file with its bytes, else to one with its number that came since, else to one that was there', () => {
  const twin = file('/n/issues/0005-twin.md', 'twin', 5);
  const other = file('/n/issues/0006-b.md', 'b', 6);
  assert.equal(successorOf(watched, [twin, other, file('/n/issues/0007-moved.md', 'old', 7)])?.path, '/n/issues/0007-moved.md');
  assert.equal(successorOf(watched, [twin, other, file('/n/issues/0005-renamed.md', 'edited', 5)])?.path, '/n/issues/0005-renamed.md');
  assert.equal(successorOf(watched, [twin, other])?.path, '/n/issues/0005-twin.md');
  // By its name's number, where the frontmatter gives none yet.
  assert.equal(successorOf(watched, [other, file('/n/issues/0005-half-typed.md', 'half', undefined)])?.path, '/n/issues/0005-half-typed.md');
});

test('the watched issue is gone when no file of its folder holds its bytes or its number, nor a file elsewhere or one that cannot be read', () => {
  assert.equal(successorOf(watched, [file('/n/issues/0006-b.md', 'b', 6)]), undefined);
  assert.equal(successorOf(watched, [file('/n/drafts/0005-a.md', 'old', 5)]), undefined);
  const folder = { ...file('/n/issues/0005-dir.md', '', undefined), source: { ...file('/n/issues/0005-dir.md', '', undefined).source, unreadable: { kind: 'io' as const, message: 'a folder', notAFile: true as const } } };
  assert.equal(successorOf(watched, [folder]), undefined);
  assert.equal(successorOf(watched, [file(watched.path, 'old', 5)]), undefined, 'not the path it left');
});
