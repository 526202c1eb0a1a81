import assert from 'node:assert/strict';
import { once } from 'node:events';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { replaceEditedFile, replaceFile } from '../src/replace-file.js';
import { sha256 } from '../src/sha256.js';
import { isPaperboyError } from '../src/errors.js';
import { anotherReplace } from './helpers/another-replace.js';

test('replaceFile makes the folder, replaces the previous contents whole, and leaves no temporary file', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'paperboy-replace-')), 'cache', 'deep');
  const file = join(folder, 'store.json');
  replaceFile(file, 'first');
  writeFileSync(`${file}.other.tmp`, 'another process at work');
  replaceFile(file, Buffer.from('é second'));
  assert.equal(readFileSync(file, 'utf8'), 'é second');
  assert.deepEqual(readdirSync(folder).sort(), ['store.json', 'store.json.other.tmp']);
});

test('replaceFile onto a folder throws what rename throws and leaves no temporary file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  mkdirSync(join(folder, 'store.v8'));
  assert.throws(() => replaceFile(join(folder, 'store.v8'), 'contents'), { code: 'EISDIR' });
  assert.deepEqual(readdirSync(folder), ['store.v8']);
});

test('replaceEditedFile replaces the file by a rename (a kill mid-write leaves the old contents), keeps its permission bits and a symbolic link to it, and leaves no temporary file', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, '0001-issue.md');
  writeFileSync(file, 'the editor\'s text');
  // Group-writable: a umask of 022 would take that away from a file made anew.
  chmodSync(file, 0o664);
  symlinkSync(file, join(folder, 'current.md'));
  const before = statSync(file).ino;
  replaceEditedFile(join(folder, 'current.md'), 'é edited', sha256("the editor's text"));
  assert.equal(readFileSync(file, 'utf8'), 'é edited');
  // A new inode: the new contents were written elsewhere and renamed in, never into the file a reader has open.
  assert.notEqual(statSync(file).ino, before);
  assert.equal(statSync(file).mode & 0o777, 0o664);
  assert.ok(lstatSync(join(folder, 'current.md')).isSymbolicLink());
  assert.deepEqual(readdirSync(folder).sort(), ['0001-issue.md', 'current.md']);
});

test('replaceEditedFile that cannot write its temporary file leaves the file as it was', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'issue.md');
  writeFileSync(file, 'kept');
  // A folder where the temporary file would go: opening it for writing fails (as a full disk or a read-only folder would).
  mkdirSync(join(folder, `.issue.md.${process.pid}.tmp`));
  assert.throws(() => replaceEditedFile(file, 'lost', sha256('kept')), { code: 'EISDIR' });
  assert.equal(readFileSync(file, 'utf8'), 'kept');
});

test('replaceEditedFile run by root keeps the owner and group of the editor\'s file', { skip: process.getuid?.() !== 0 && 'only root may give a file to another user' }, (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, '0001-issue.md');
  writeFileSync(file, 'the editor\'s text');
  chmodSync(file, 0o664);
  chownSync(file, 4242, 4343);
  replaceEditedFile(file, 'sent', sha256("the editor's text"));
  const after = statSync(file);
  assert.deepEqual([after.uid, after.gid, after.mode & 0o777], [4242, 4343, 0o664]);
  assert.equal(readFileSync(file, 'utf8'), 'sent');
});

test('replaceEditedFile leaves a file saved since it was read as saved (an editor saving during lint --fix): FILE_CHANGED, no temporary file left', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'issue.md');
  writeFileSync(file, 'read\nthen saved again by the editor');
  assert.throws(() => replaceEditedFile(file, 'fixed', sha256('read')), (error) => isPaperboyError(error) && error.code === 'ISSUE_CHANGED_WHILE_READ' && error.exitCode === 1 && /changed while paperboy was writing it: left as saved/.test(error.message));
  assert.equal(readFileSync(file, 'utf8'), 'read\nthen saved again by the editor');
  assert.deepEqual(readdirSync(folder), ['issue.md']);
});

test("replaceEditedFile while another paperboy replaces the same file waits for it, then finds the file changed: FILE_CHANGED, the other's text kept, never both written", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'issue.md');
  writeFileSync(file, 'read by both');
  const other = anotherReplace(file, 'fixed by the other');
  const exited = once(other, 'exit');
  assert.throws(() => replaceEditedFile(file, 'fixed by this one', sha256('read by both')), (error) => isPaperboyError(error) && error.code === 'ISSUE_CHANGED_WHILE_READ' && error.exitCode === 1);
  await exited;
  assert.equal(readFileSync(file, 'utf8'), 'fixed by the other');
  assert.deepEqual(readdirSync(folder), ['issue.md']);
});

test('replaceEditedFile does not wait without end for a lock another paperboy holds: FILE_CHANGED saying so after two seconds, the file untouched', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'issue.md');
  writeFileSync(file, 'read');
  writeFileSync(join(folder, '.issue.md.lock'), '');
  assert.throws(() => replaceEditedFile(file, 'fixed', sha256('read')), (error) => isPaperboyError(error) && error.exitCode === 1 && /is being replaced by another paperboy \(it holds .*\.issue\.md\.lock\)/.test(error.message));
  assert.equal(readFileSync(file, 'utf8'), 'read');
});

test('replaceEditedFile takes over a lock left by a process killed while holding it (older than ten seconds)', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'issue.md');
  writeFileSync(file, 'read');
  const lock = join(folder, '.issue.md.lock');
  writeFileSync(lock, '');
  const aMinuteAgo = new Date(Date.now() - 60_000);
  utimesSync(lock, aMinuteAgo, aMinuteAgo);
  replaceEditedFile(file, 'fixed', sha256('read'));
  assert.equal(readFileSync(file, 'utf8'), 'fixed');
  assert.deepEqual(readdirSync(folder), ['issue.md']);
});

test('replaceEditedFile refuses a read-only file (mode 0444, root too) and a file in a folder it cannot write, naming it, never replacing it around its protection', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-replace-'));
  t.after(() => {
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true, force: true });
  });
  const file = join(folder, 'issue.md');
  writeFileSync(file, 'kept');
  chmodSync(file, 0o444);
  assert.throws(() => replaceEditedFile(file, 'lost', sha256('kept')), (error) => isPaperboyError(error) && error.code === 'FILE_READ_ONLY' && error.exitCode === 2 && error.message === `Cannot write ${file}: it is read-only`);
  assert.equal(readFileSync(file, 'utf8'), 'kept');
  assert.equal(statSync(file).mode & 0o777, 0o444);
});
