import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { listMaildir, readMaildir } from '../../src/subscribers/mailbox-unsubscribe.js';

function maildir(files: Record<string, string>): string {
  const path = mkdtempSync(join(tmpdir(), 'paperboy-maildir-'));
  for (const folder of ['new', 'cur', 'tmp']) mkdirSync(join(path, folder));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

const places = (path: string, entries: ReturnType<typeof readMaildir>) => entries.map((entry) => [entry.where.slice(path.length + 1), 'raw' in entry ? entry.raw.toString() : entry.problem]);

test('maildir: a message a mail client moves to cur/ (or renames there) after the listing is read where it went, once', () => {
  const path = maildir({ 'new/1.eml': 'one', 'new/2.eml': 'two', 'cur/3.eml:2,': 'three' });
  const listing = listMaildir(path);
  renameSync(join(path, 'new/1.eml'), join(path, 'cur/1.eml:2,S'));
  renameSync(join(path, 'cur/3.eml:2,'), join(path, 'cur/3.eml:2,RS'));
  assert.deepEqual(places(path, readMaildir(path, listing)), [
    ['cur/1.eml:2,S', 'one'],
    ['new/2.eml', 'two'],
    ['cur/3.eml:2,RS', 'three'],
  ]);
});

test('maildir: a message moved to cur/ between listing new/ and listing cur/ is read once, from cur/', () => {
  const path = maildir({ 'new/1.eml': 'one', 'cur/1.eml:2,S': 'one' });
  const listing = listMaildir(path);
  rmSync(join(path, 'new/1.eml'));
  assert.deepEqual(places(path, readMaildir(path, listing)), [['cur/1.eml:2,S', 'one']]);
});

test('maildir: a message deleted after the listing is skipped with why, the others read', () => {
  const path = maildir({ 'new/1.eml': 'one', 'new/2.eml': 'two' });
  const listing = listMaildir(path);
  rmSync(join(path, 'new/1.eml'));
  assert.deepEqual(places(path, readMaildir(path, listing)), [
    ['new/1.eml', 'the message was moved or deleted before it could be read'],
    ['new/2.eml', 'two'],
  ]);
});

test('maildir: a FIFO among the messages is skipped, never read (the read would wait for ever)', () => {
  const path = maildir({ 'new/2.eml': 'two' });
  execFileSync('mkfifo', [join(path, 'new/1.fifo')]);
  assert.deepEqual(places(path, readMaildir(path, listMaildir(path))), [
    ['new/1.fifo', 'not a message file (a folder or a device)'],
    ['new/2.eml', 'two'],
  ]);
});
