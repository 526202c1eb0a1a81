import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { CAN_MOUNT, onDiskOfItsOwn } from '../helpers/own-disk.js';
import { newsletter, SECRET } from '../helpers/send.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?\n/;
const skip = CAN_MOUNT ? false : 'no user and mount namespaces here (unshare) to fill a disk of its own';

test('lint --fix on a full disk says which file it could not write and why (exit 74), the file left as it was and no temporary file beside it', { skip }, () => {
  const issue = cleanIssue({ status: 'ready', body: 'Welcome to the first issue.   ' });
  const root = makeRoot({ 'issues/0001-a.md': issue });
  const run = onDiskOfItsOwn(join(root, 'issues'), [process.execPath, BIN, 'lint', '--fix', '--no-cache'], 'ls -A "$1"; cat "$1/0001-a.md"', { cwd: root, env: {}, megabytes: 1, full: true });
  const [said, after] = run.stdout.split(/^--- after /m);
  assert.ok(after !== undefined, run.stderr);
  assert.match(after, /^74\n/, run.stderr);
  assert.match(run.stderr, /^paperboy: Cannot write .*issues\/0001-a\.md: the disk is full \(ENOSPC\); it is left as it was\n {2}Free some room on the disk, then run the command again\.\n$/, said);
  assert.doesNotMatch(run.stderr, STACK_TRACE);
  assert.equal(after.replace(/^74\n/, ''), `.filler\n0001-a.md\n${issue}`);
});

test('send with the issue\'s disk full says the issue is sent but not marked `status: sent`, and exits 0: the send is done and journaled', { skip }, async () => {
  const root = await newsletter(2);
  const run = onDiskOfItsOwn(join(root, 'issues'), [process.execPath, BIN, 'send', '1', '--yes'], 'grep -c "^status: ready$" "$1/0001-mirages.md"', { cwd: root, env: { PAPERBOY_SECRET: SECRET }, megabytes: 1, full: true });
  const [said, after] = run.stdout.split(/^--- after /m);
  assert.ok(after !== undefined, run.stderr);
  assert.equal(after, '0\n1\n', run.stderr);
  assert.match(said!, /sent 2/);
  assert.match(run.stderr, /^paperboy: issue 1 is sent, but issues\/0001-mirages\.md was not marked \(Cannot write .*: the disk is full \(ENOSPC\); it is left as it was\); write `status: sent` in it yourself$/m);
  assert.doesNotMatch(run.stderr, STACK_TRACE);
});
