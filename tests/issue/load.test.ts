import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isIssueFile, listIssueFiles } from '../../src/issue/load.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

/** The first bytes of a macOS AppleDouble file (`._name`): its magic number, then binary. */
const APPLE_DOUBLE = Uint8Array.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]);

test('hidden files are not issues: an Emacs lock link, a macOS `._` file and a dotfile ending in .md are not listed', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/._0001-a.md': APPLE_DOUBLE, 'issues/.notes.md': 'not an issue\n', 'issues/0001-a.md.swp': 'vim' });
  const issues = join(root, 'issues');
  // What Emacs makes while 0001-a.md is open: a link to `user@host.pid:boot`, which leads nowhere.
  symlinkSync('editor@host.1234:17', join(issues, '.#0001-a.md'));
  assert.deepEqual(await listIssueFiles(issues), [join(issues, '0001-a.md')]);
});

test('a changed path is an issue file for the watchers exactly when the listing would hold it', () => {
  const issues = '/news/issues';
  assert.equal(isIssueFile(issues, '/news/issues/0001-a.md'), true);
  for (const path of ['/news/issues/.#0001-a.md', '/news/issues/._0001-a.md', '/news/issues/0001-a.md.swp', '/news/issues/drafts/0002-b.md', '/news/0001-a.md']) {
    assert.equal(isIssueFile(issues, path), false, path);
  }
});
