import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { SubscriberStore } from '../../src/subscribers/store.js';
import { sign } from '../../src/subscribers/unsubscribe-token.js';
import { listKeys } from '../helpers/tokens.js';
import { BIN, runCli } from '../helpers/cli.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

const SECRET = 'mailbox-secret-mailbox-secret-mailbox-0123';

function message(subject: string, body = 'Please remove me.'): string {
  return `From: Reader <reader@example.org>\nTo: news@example.org\nSubject: ${subject}\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n\n${body}\n`;
}

test('subscribers unsubscribe-from: each valid token of an mbox or a Maildir unsubscribes once; the rest are listed with where they are', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const config = configOf(root);
  const db = openStore(config.dataDir);
  const store = new SubscriberStore(db);
  const keys = listKeys(db, SECRET);
  const [ada, bob, cy] = ['ada@example.org', 'bob@example.org', 'cy@example.org'].map((email) => store.add({ email, consentSource: 'test' }).subscriber);
  db.close();

  const mbox = [
    `From reader@example.org Mon Nov 30 10:00:00 2026\n${message(`unsubscribe ${sign(ada!.id, keys)}`, '>From the archive: a quoted line.')}`,
    `From reader@example.org Mon Nov 30 10:01:00 2026\n${message(`Re: unsubscribe ${sign(ada!.id, keys)}`)}`,
    `From other@example.org Mon Nov 30 10:02:00 2026\n${message(`unsubscribe ${sign(bob!.id, keys).slice(0, -2)}xx`)}`,
    `From other@example.org Mon Nov 30 10:03:00 2026\n${message('Thanks for the last issue')}`,
  ].join('\n');
  writeFileSync(join(root, 'requests.mbox'), mbox);
  const env = { PAPERBOY_SECRET: SECRET };
  const result = await runCli(['subscribers', 'unsubscribe-from', 'requests.mbox', '--root', root], { cwd: root, env });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '4 messages: 1 unsubscribed, 0 already off the list, 1 repeating an earlier one, 2 skipped.\n');
  assert.match(result.stderr, /requests\.mbox:\d+: skipped: the subject’s token is not valid/);
  assert.match(result.stderr, /requests\.mbox:\d+: skipped: no unsubscribe token in the subject/);
  // The same mbox as some programs write it, CRLF and no blank line before each separator: the same four messages.
  writeFileSync(join(root, 'tight.mbox'), mbox.replace(/\n+(?=From \S+ Mon Nov)/g, '\n').replace(/\n/g, '\r\n'));
  const tight = await runCli(['subscribers', 'unsubscribe-from', 'tight.mbox', '--root', root], { cwd: root, env });
  assert.equal(tight.stdout, '4 messages: 0 unsubscribed, 1 already off the list, 1 repeating an earlier one, 2 skipped.\n');

  mkdirSync(join(root, 'Maildir', 'cur'), { recursive: true });
  mkdirSync(join(root, 'Maildir', 'new'), { recursive: true });
  writeFileSync(join(root, 'Maildir', 'new', '1.eml'), message(`unsubscribe ${sign(cy!.id, keys)}`));
  writeFileSync(join(root, 'Maildir', 'cur', '2.eml'), message(`unsubscribe ${sign(ada!.id, keys)}`));
  const maildir = await runCli(['subscribers', 'unsubscribe-from', 'Maildir', '--root', root], { cwd: root, env });
  assert.equal(maildir.stdout, '2 messages: 1 unsubscribed, 1 already off the list, 0 skipped.\n');

  const after = openStore(config.dataDir);
  const statuses = Object.fromEntries([...new SubscriberStore(after).list()].map((s) => [s.email, s.status]));
  after.close();
  assert.deepEqual(statuses, { 'ada@example.org': 'unsubscribed', 'bob@example.org': 'active', 'cy@example.org': 'unsubscribed' });
});

/** A newsletter with readers at these addresses, and their ids. */
function newsletterWith(emails: string[]): { root: string; ids: number[]; statuses: () => Record<string, string> } {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const { dataDir } = configOf(root);
  const db = openStore(dataDir);
  const store = new SubscriberStore(db);
  const ids = emails.map((email) => store.add({ email, consentSource: 'test' }).subscriber.id);
  db.close();
  const statuses = () => {
    const after = openStore(dataDir);
    const found = Object.fromEntries([...new SubscriberStore(after).list()].map((s) => [s.email, s.status]));
    after.close();
    return found;
  };
  return { root, ids, statuses };
}

test('subscribers unsubscribe-from without PAPERBOY_SECRET: a request signed with it is no silent skip but exit 2 naming the secret; with it, every one is honoured', async () => {
  const { root, ids, statuses } = newsletterWith(['ada@example.org']);
  writeFileSync(join(root, 'requests.mbox'), `From reader@example.org Mon Nov 30 10:00:00 2026\n${message(`unsubscribe ${sign(ids[0]!, listKeys(root, SECRET))}`)}`);
  const without = await runCli(['subscribers', 'unsubscribe-from', 'requests.mbox', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: '' } });
  assert.equal(without.code, 2, without.stderr);
  assert.match(without.stderr, /Missing PAPERBOY_SECRET in the environment: a request carries a token that only it can verify/);
  assert.doesNotMatch(without.stderr, /\n\s+at /);
  assert.equal(statuses()['ada@example.org'], 'active');
  const withSecret = await runCli(['subscribers', 'unsubscribe-from', 'requests.mbox', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(withSecret.code, 0, withSecret.stderr);
  assert.equal(statuses()['ada@example.org'], 'unsubscribed');
});

test('subscribers unsubscribe-from: words after "unsubscribe" that are no token are a request without one (exit 0 without the secret); a token among them, or one cut short, is read as a token', async () => {
  const { root, ids, statuses } = newsletterWith(['ada@example.org', 'bob@example.org']);
  const keys = listKeys(root, SECRET);
  const mbox = [
    message('unsubscribe me please'),
    message(`unsubscribe please ${sign(ids[0]!, keys)}`),
    message(`unsubscribe ${sign(ids[1]!, keys).slice(0, 30)}`),
  ].join('\nFrom reader@example.org Mon Nov 30 10:00:00 2026\n');
  writeFileSync(join(root, 'plain.mbox'), `From reader@example.org Mon Nov 30 10:00:00 2026\n${mbox.split('\nFrom ')[0]}`);
  const plain = await runCli(['subscribers', 'unsubscribe-from', 'plain.mbox', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: '' } });
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stderr, /plain\.mbox:1: skipped: no unsubscribe token in the subject/);
  writeFileSync(join(root, 'requests.mbox'), `From reader@example.org Mon Nov 30 10:00:00 2026\n${mbox}`);
  const result = await runCli(['subscribers', 'unsubscribe-from', 'requests.mbox', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '3 messages: 1 unsubscribed, 0 already off the list, 2 skipped.\n');
  assert.match(result.stderr, /skipped: the subject’s token is not valid/);
  assert.deepEqual(statuses(), { 'ada@example.org': 'unsubscribed', 'bob@example.org': 'active' });
});

test('subscribers unsubscribe-from: one message saved as a file (no `From ` separator line), or text before the first separator, is a message, not dropped', async () => {
  const { root, ids, statuses } = newsletterWith(['ada@example.org', 'bob@example.org']);
  const keys = listKeys(root, SECRET);
  const env = { PAPERBOY_SECRET: SECRET };
  writeFileSync(join(root, 'one.eml'), message(`unsubscribe ${sign(ids[0]!, keys)}`));
  const single = await runCli(['subscribers', 'unsubscribe-from', 'one.eml', '--root', root], { cwd: root, env });
  assert.equal(single.stdout, '1 message: 1 unsubscribed, 0 already off the list, 0 skipped.\n');
  writeFileSync(join(root, 'mixed.mbox'), `${message(`unsubscribe ${sign(ids[1]!, keys)}`)}\nFrom reader@example.org Mon Nov 30 10:00:00 2026\n${message('Thanks')}`);
  const mixed = await runCli(['subscribers', 'unsubscribe-from', 'mixed.mbox', '--root', root], { cwd: root, env });
  assert.equal(mixed.stdout, '2 messages: 1 unsubscribed, 0 already off the list, 1 skipped.\n');
  assert.deepEqual(statuses(), { 'ada@example.org': 'unsubscribed', 'bob@example.org': 'unsubscribed' });
});

test('subscribers unsubscribe-from: a mailbox that does not exist is one clear error (exit 2)', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const result = await runCli(['subscribers', 'unsubscribe-from', 'missing.mbox', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Cannot read the mailbox .*missing\.mbox: no such file or folder \(ENOENT\)\n/);
});

test('subscribers unsubscribe-from: a folder or a dangling link in a Maildir is skipped, named on stderr, and every readable request is honoured', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const config = configOf(root);
  const db = openStore(config.dataDir);
  const keys = listKeys(db, SECRET);
  const ada = new SubscriberStore(db).add({ email: 'ada@example.org', consentSource: 'test' }).subscriber;
  db.close();
  mkdirSync(join(root, 'md', 'new', 'subdir'), { recursive: true });
  mkdirSync(join(root, 'md', 'cur'), { recursive: true });
  symlinkSync(join(root, 'md', 'gone.eml'), join(root, 'md', 'new', '0.eml'));
  writeFileSync(join(root, 'md', 'new', '1.eml'), message(`unsubscribe ${sign(ada!.id, keys)}`));
  const result = await runCli(['subscribers', 'unsubscribe-from', 'md', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '3 messages: 1 unsubscribed, 0 already off the list, 2 skipped.\n');
  assert.match(result.stderr, /^md\/new\/0\.eml: skipped: a link to a file that does not exist$/m);
  assert.match(result.stderr, /^md\/new\/subdir: skipped: not a message file \(a folder or a device\)$/m);
  assert.equal((await runCli(['subscribers', 'list', '--root', root], { cwd: root })).stdout, 'ada@example.org\t\tunsubscribed\n');
});

test('subscribers unsubscribe-from: a folder with neither new/ nor cur/ is no Maildir (exit 2)', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'Mail/readme.txt': 'not a Maildir' });
  const result = await runCli(['subscribers', 'unsubscribe-from', 'Mail', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Cannot read the mailbox .*Mail: a folder, but no Maildir, as new\/ and cur\/ cannot be listed: no such file or folder \(ENOENT\)\n/);
});

test('subscribers unsubscribe-from: a mailbox path that exists but cannot be read (a socket) is one clear error (exit 2), no stack trace', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'requests.mbox'), resolve));
  try {
    const result = await runCli(['subscribers', 'unsubscribe-from', 'requests.mbox', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /Cannot read the mailbox .*requests\.mbox: ENXIO/);
  } finally {
    server.close();
  }
});

test('subscribers unsubscribe-from: a named pipe with no writer or a device (/dev/zero) is refused at once (exit 2) as no mbox file, and an mbox over 256 MiB unread, where the command waited for ever or ate gigabytes', () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  execFileSync('mkfifo', [join(root, 'requests.mbox')]);
  writeFileSync(join(root, 'huge.mbox'), '');
  truncateSync(join(root, 'huge.mbox'), 300 * 1024 * 1024);
  for (const [mailbox, said] of [
    ['requests.mbox', /Cannot read the mailbox \S*requests\.mbox: a named pipe \(FIFO\), not an mbox file or a Maildir folder/],
    ['huge.mbox', /Cannot read the mailbox \S*huge\.mbox: an mbox file of over 256 MiB, expected at most 256 MiB/],
    ['/dev/zero', /Cannot read the mailbox \/dev\/zero: a device, not an mbox file or a Maildir folder/],
  ] as const) {
    // A process of its own, stopped after 20 s: a read that waits for ever (synchronously) is seen to, not left to hang the test run.
    const run = spawnSync(process.execPath, [BIN, 'subscribers', 'unsubscribe-from', mailbox], { cwd: root, env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.signal, null, `${mailbox}: still running after 20 s`);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, said);
    assert.doesNotMatch(run.stderr, /\bat \S+ \(/);
  }
});
