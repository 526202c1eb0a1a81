import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AddressObject } from 'mailparser';
import type { SendCommandOptions } from '../../src/cli/send.js';
import { run as runSubscribers } from '../../src/cli/subscribers.js';
import { openStore } from '../../src/store/database.js';
import { verify } from '../../src/subscribers/unsubscribe-token.js';
import { listKeys } from '../helpers/tokens.js';
import { runCli } from '../helpers/cli.js';
import { AN_HOUR_AGO, cleanIssue, configWith, makeRoot } from '../helpers/fixture.js';
import { issueFilesOpened } from '../helpers/fs-spy.js';
import { parseEml } from '../helpers/render.js';
import { captureIO, journalStates, newsletter, outboxFiles, SECRET, send } from '../helpers/send.js';

test('send (outbox): one .eml per active subscriber, said so, every row sent, status: sent written back', async () => {
  const root = await newsletter(5);
  const result = await send(root, {}, { PAPERBOY_SECRET: '' });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Through the outbox \.paperboy\/outbox\/1 \(no SMTP_URL set/);
  assert.match(result.stdout, /^Issue #1, subject: #1: /m, 'the number once before the subject, which has it too');
  assert.match(result.stdout, /The outbox is the send: these recipients are journaled as sent, and a later send with SMTP_URL set will not mail them this issue/);
  assert.match(result.stdout, /development secret/);
  assert.match(result.stdout, /sent 5/);
  assert.equal(outboxFiles(root).length, 5);
  assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  assert.match(readFileSync(join(root, 'issues/0001-mirages.md'), 'utf8'), /^status: sent$/m);
  assert.match(result.stdout, /issues\/0001-mirages\.md: status: sent/);
});

test('send: an SMTP_URL set but empty or blank (a secret that did not load) is a configuration error (exit 2), not the outbox: nothing written, nobody marked sent', async () => {
  for (const empty of ['', '  ']) {
    const root = await newsletter(3);
    const result = await send(root, {}, { SMTP_URL: empty });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^paperboy: Unexpected SMTP_URL: it is set but empty, expected smtp:\/\/user:password@host:587/);
    assert.match(result.stderr, /unset SMTP_URL/);
    assert.equal(outboxFiles(root).length, 0);
    assert.equal(journalStates(root).size, 0);
    assert.doesNotMatch(readFileSync(join(root, 'issues/0001-mirages.md'), 'utf8'), /^status: sent$/m);
  }
});

test('send: a read-only issue file is not marked `status: sent` (said on stderr), and the send, done and journaled, still exits 0', async () => {
  const root = await newsletter(2);
  const file = join(root, 'issues/0001-mirages.md');
  chmodSync(file, 0o444);
  const result = await send(root);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  assert.match(result.stderr, /^paperboy: issue 1 is sent, but issues\/0001-mirages\.md was not marked \(Cannot write .*: it is read-only\); write `status: sent` in it yourself$/m);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /^status: sent$/m);
});

test('send (outbox): the temporary files a killed run left, an hour or moments before, are gone once the next run is over, which writes their messages', async () => {
  for (const killedAt of [AN_HOUR_AGO, new Date(Date.now() - 5_000)]) {
    const root = await newsletter(2);
    const outbox = join(root, '.paperboy', 'outbox', '1');
    mkdirSync(outbox, { recursive: true });
    const left = join(outbox, 'a1b2c3.eml.tmp');
    writeFileSync(left, 'half a message');
    utimesSync(left, killedAt, killedAt);
    assert.equal((await send(root)).code, 0);
    assert.deepEqual(readdirSync(outbox).filter((name) => name.endsWith('.tmp')), [], String(killedAt));
    assert.equal(outboxFiles(root).length, 2);
  }
});

test('send: a second send sends nothing', async () => {
  const root = await newsletter(3);
  assert.equal((await send(root)).code, 0);
  const again = await send(root);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /Nothing to send for issue 1/);
  assert.equal(outboxFiles(root).length, 3);
});

test('send: a finished send whose status: sent was never written (the run died first) writes it on the next send, which sends nothing; a dry run does not', async () => {
  const root = await newsletter(3);
  const file = join(root, 'issues/0001-mirages.md');
  assert.equal((await send(root)).code, 0);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: sent$/m, 'status: ready'));
  const dryRun = await send(root, { dryRun: true });
  assert.match(dryRun.stdout, /Nothing to send for issue 1/);
  assert.match(readFileSync(file, 'utf8'), /^status: ready$/m, 'a dry run writes nothing');
  const again = await send(root);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Nothing to send for issue 1/);
  assert.match(again.stdout, /issues\/0001-mirages\.md: status: sent/);
  assert.match(readFileSync(file, 'utf8'), /^status: sent$/m);
  assert.equal(outboxFiles(root).length, 3);
});

test('send (outbox): rows a killed run left sending are settled by the outbox\'s files on the next send: one whose file is in place is sent, one whose file never went in (its temporary file alone) is written now; none unknown, status: sent written', async () => {
  const root = await newsletter(3);
  const file = join(root, 'issues/0001-mirages.md');
  assert.equal((await send(root)).code, 0);
  // As a run killed with two messages going leaves it: reader1's renamed into place, reader2's not yet.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: sent$/m, 'status: ready'));
  const outbox = join(root, '.paperboy', 'outbox', '1');
  const db = openStore(join(root, '.paperboy'));
  db.prepare("UPDATE deliveries SET state = 'sending' WHERE issue = 1 AND email IN ('reader1@example.org', 'reader2@example.org')").run();
  const fileOf = (email: string) => {
    const { message_id: id } = db.prepare('SELECT message_id FROM deliveries WHERE issue = 1 AND email = ?').get(email) as { message_id: string };
    return join(outbox, `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.eml`);
  };
  const [reader1, reader2] = [fileOf('reader1@example.org'), fileOf('reader2@example.org')];
  db.close();
  // reader2's message was still in its temporary file: it never went in.
  renameSync(reader2, `${reader2}.tmp`);
  const kept = statSync(reader1).mtimeMs;

  await send(root, { dryRun: true });
  assert.equal(journalStates(root).get('reader1@example.org'), 'sending', 'a dry run changes nothing');
  assert.equal(journalStates(root).get('reader2@example.org'), 'sending');
  const again = await send(root);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /unknown/);
  assert.match(again.stdout, /Resume: send to 1 recipient\n/);
  assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  assert.match(readFileSync(file, 'utf8'), /^status: sent$/m);
  assert.equal(outboxFiles(root).length, 3, 'one file a recipient');
  assert.equal(statSync(reader1).mtimeMs, kept, 'the file in place was not written again');
  assert.ok(existsSync(reader2), 'the one never put in place is written');
});

test('send (outbox): a row a run through a relay left sending, resumed without SMTP_URL, stays in doubt (unknown), not written to the outbox as if the relay never had it', async () => {
  const root = await newsletter(3);
  const file = join(root, 'issues/0001-mirages.md');
  assert.equal((await send(root)).code, 0);
  // As a relay run killed while reader2's message went leaves it: no outbox file, no temporary file.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: sent$/m, 'status: ready'));
  const db = openStore(join(root, '.paperboy'));
  db.prepare("UPDATE deliveries SET state = 'sending' WHERE issue = 1 AND email = 'reader2@example.org'").run();
  const { message_id: id } = db.prepare("SELECT message_id FROM deliveries WHERE issue = 1 AND email = 'reader2@example.org'").get() as { message_id: string };
  db.close();
  const reader2 = join(root, '.paperboy', 'outbox', '1', `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.eml`);
  rmSync(reader2);

  const again = await send(root);
  assert.equal(again.code, 1, again.stderr);
  assert.match(again.stderr, /unknown: reader2@example\.org/);
  assert.equal(journalStates(root).get('reader2@example.org'), 'unknown');
  assert.ok(!existsSync(reader2), 'not written: the relay may have it');
});

test('send: each message carries its own verifiable unsubscribe token, its Message-ID, the List headers', async () => {
  const root = await newsletter(3);
  await send(root);
  const db = openStore(join(root, '.paperboy'));
  const keys = listKeys(db, SECRET);
  const ids = new Map((db.prepare('SELECT id, email FROM subscribers').all() as { id: number; email: string }[]).map((row) => [row.email, row.id]));
  const messageIds = new Map((db.prepare('SELECT email, message_id FROM deliveries').all() as { email: string; message_id: string }[]).map((row) => [row.email, row.message_id]));
  db.close();
  for (const eml of outboxFiles(root)) {
    const mail = await parseEml(Buffer.from(eml));
    const to = mail.to && 'text' in mail.to ? mail.to.text : '';
    const token = /token=([\w.-]+)/.exec(mail.text!)![1]!;
    assert.equal(verify(token, keys), ids.get(to), `the token in ${to}'s copy names ${to}`);
    assert.equal(mail.messageId, messageIds.get(to));
    const list = mail.headerLines.find((header) => header.key === 'list-unsubscribe')!.line;
    assert.ok(list.includes(token), 'List-Unsubscribe carries the token');
    assert.match(list, /mailto:.*subject=unsubscribe%20/);
    assert.ok(mail.headerLines.some((header) => header.key === 'list-unsubscribe-post'));
  }
});

test('send: refuses a draft unless --force, and an issue with lint errors', async () => {
  const draft = await newsletter(1, { status: 'draft' });
  const refused = await send(draft);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /is a draft/);
  assert.equal(outboxFiles(draft).length, 0);
  assert.equal((await send(draft, { force: true })).code, 0);

  const broken = await newsletter(1);
  const path = join(broken, 'issues/0001-mirages.md');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, readFileSync(path, 'utf8').replace('title: Emergence mirages', 'title: TODO'));
  const linted = await send(broken);
  assert.equal(linted.code, 1);
  assert.match(linted.stderr, /0001-mirages\.md:\d+:\d+ {2}error .*no-placeholder/);
  assert.match(linted.stderr, /has 1 lint error: nothing sent\. Fix it \(`paperboy lint /);
  assert.equal(outboxFiles(broken).length, 0);
});

test('send: an issue whose file says status: sent is not sent again where no journal of it is (a new dataDir, a lost database) unless --force', async () => {
  const root = await newsletter(2, { status: 'sent' });
  const refused = await send(root);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /Cannot send issue 1: its file says `status: sent`, yet this dataDir has no journal of its send/);
  assert.equal(outboxFiles(root).length, 0);
  assert.equal(journalStates(root).size, 0);
  const forced = await send(root, { force: true });
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(outboxFiles(root).length, 2);
});

test('send: --review without --test says how to send the proof of the issue asked for (`paperboy send 7 --test … --review`), not of issue 5', async () => {
  const root = await newsletter(2);
  const result = await send(root, { issue: '7', review: true });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /\n {2}e\.g\. `paperboy send 7 --test reviewer@example\.org --review`\.\n$/);
  const byPath = await send(root, { issue: "issues/it's 7.md", review: true });
  assert.match(byPath.stderr, /`paperboy send 'issues\/it'\\''s 7\.md' --test reviewer@example\.org --review`/);
});

test('send: --review without --test and a --test that is no address are usage errors; nothing sent, no private note out', async () => {
  const root = await newsletter(2);
  const cases: [Partial<SendCommandOptions>, RegExp][] = [
    [{ review: true }, /--review needs --test ADDR/],
    [{ test: 'notanaddr' }, /--test: Unexpected email address `notanaddr`/],
  ];
  for (const [options, message] of cases) {
    const result = await send(root, options);
    assert.equal(result.code, 2, JSON.stringify(options));
    assert.match(result.stderr, message);
  }
  assert.equal(outboxFiles(root).length, 0);
  assert.equal(journalStates(root).size, 0);
});

test('send --dry-run prints the plan and writes nothing', async () => {
  const root = await newsletter(4);
  const result = await send(root, { dryRun: true });
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Send to 4 recipients/);
  assert.match(result.stdout, /Dry run: nothing sent/);
  assert.equal(outboxFiles(root).length, 0);
  assert.equal(journalStates(root).size, 0);
});

test('send --dry-run at --rate 1 says one message a second as one: "at most 1 message/s"', async () => {
  const root = await newsletter(2);
  assert.match((await send(root, { dryRun: true, rate: 1 })).stdout, /, at most 1 message\/s/);
  assert.match((await send(root, { dryRun: true, rate: 2 })).stdout, /, at most 2 messages\/s/);
});

test('send --dry-run in a newsletter with no database yet makes none', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, status: 'ready' }) });
  const result = await send(root, { dryRun: true });
  assert.match(result.stderr, /no active subscribers/);
  assert.ok(!existsSync(join(root, '.paperboy', 'paperboy.db')));
});

test('send --dry-run whose database cannot be opened (dataDir under a file) reports the database error as the send does (exit 2)', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, status: 'ready' }), 'notes.txt': 'a file\n' }, configWith('dataDir: notes.txt/data'));
  for (const dryRun of [true, false]) {
    const result = await send(root, { dryRun });
    assert.equal(result.code, 2, `${dryRun ? 'dry run' : 'send'}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, /Cannot open the database .*notes\.txt.*paperboy\.db: ENOTDIR/);
    assert.doesNotMatch(result.stderr, /no active subscribers/);
  }
});

test('send without --yes and without a terminal asks for --yes (exit 2), sends nothing', async () => {
  const root = await newsletter(1);
  const result = await runCli(['send', '1', '--root', root], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Pass --yes/);
  assert.equal(outboxFiles(root).length, 0);
});

test('send: the recipient set is frozen at the start; a later subscriber is not added on resume', async () => {
  const root = await newsletter(2);
  const controller = new AbortController();
  controller.abort();
  const interrupted = await send(root, { signal: controller.signal });
  assert.equal(interrupted.code, 130);
  assert.equal(journalStates(root).size, 2, 'frozen: two rows');
  await runSubscribers({ root, action: 'add', argument: 'late@example.org' }, captureIO(root).io);
  const resumed = await send(root);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(outboxFiles(root).length, 2);
  assert.ok(!journalStates(root).has('late@example.org'));
});

test('send: a subscriber who unsubscribes mid-send is skipped (RELIABILITY 17)', async () => {
  const root = await newsletter(3);
  const controller = new AbortController();
  controller.abort();
  await send(root, { signal: controller.signal });
  await runSubscribers({ root, action: 'remove', argument: 'reader1@example.org' }, captureIO(root).io);
  const resumed = await send(root);
  assert.equal(resumed.code, 0);
  assert.equal(journalStates(root).get('reader1@example.org'), 'skipped');
  assert.equal(outboxFiles(root).length, 2);
});

test('send --list: one message to the list address, no token, and a send keeps its mode, its refusal saying why (readers would get it twice) and which command goes on with the send', async () => {
  const root = await newsletter(3);
  const result = await send(root, { list: true });
  assert.equal(result.code, 0, result.stderr);
  const [eml] = outboxFiles(root);
  assert.equal(outboxFiles(root).length, 1);
  const mail = await parseEml(Buffer.from(eml!));
  assert.equal(mail.to && 'text' in mail.to ? mail.to.text : '', 'list@lists.example.org');
  assert.ok(!mail.headerLines.some((header) => header.key === 'list-unsubscribe'));
  assert.ok(!/token=/.test(mail.text!));
  const other = await send(root, { retryFailed: true });
  assert.equal(other.code, 2);
  assert.match(other.stderr, /went to the list address \(--list\); it cannot also go to the subscribers: readers on the list and among the subscribers alike would get it twice\. The same command with --list resumes or retries that send\n/);
});

test('send --test ADDR: one proof with [TEST] in the subject, outside the journal and the send\'s outbox folder, drafts allowed', async () => {
  const root = await newsletter(3, { status: 'draft' });
  const result = await send(root, { test: 'editor@example.org', review: true });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /through the outbox \.paperboy\/outbox\/proofs\/1 /);
  assert.deepEqual(outboxFiles(root), [], 'the send\'s folder holds one message per recipient of the send, and no proof');
  const [eml] = outboxFiles(root, 1, 'proofs');
  const mail = await parseEml(Buffer.from(eml!));
  assert.match(mail.subject!, /^\[TEST\] \[REVIEW\] /);
  assert.equal(journalStates(root).size, 0);
});

test("send --test ADDR --list: the proof is the list address's message (no List-Unsubscribe header, the unsubscribe link the page without a token), to ADDR, outside the journal; the send to the list is still to come", async () => {
  const root = await newsletter(2);
  const result = await send(root, { test: 'editor@example.org', list: true });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Sent a proof of the list address's message of #1 to editor@example\.org through the outbox \.paperboy\/outbox\/proofs\/1 /);
  const [eml] = outboxFiles(root, 1, 'proofs');
  const mail = await parseEml(Buffer.from(eml!));
  assert.equal((mail.to as AddressObject).text, 'editor@example.org');
  assert.match(mail.subject!, /^\[TEST\] /);
  assert.ok(!mail.headerLines.some((header) => header.key === 'list-unsubscribe' || header.key === 'list-unsubscribe-post'));
  assert.match(mail.text!, /Unsubscribe: https:\/\/news\.example\.org\/unsubscribe\n/);
  assert.ok(!/token=/.test(mail.text!));
  assert.equal(journalStates(root).size, 0);
  assert.equal((await send(root, { list: true })).code, 0);
});

test('send --test: each proof has a Message-ID of its own, never the one the issue has to that address, so a client holding a proof still shows the issue', async () => {
  const root = await newsletter(2);
  for (let i = 0; i < 2; i++) assert.equal((await send(root, { test: 'reader0@example.org' })).code, 0);
  assert.equal((await send(root)).code, 0);
  const mails = await Promise.all([...outboxFiles(root), ...outboxFiles(root, 1, 'proofs')].map((eml) => parseEml(Buffer.from(eml))));
  const ids = (proof: boolean) => mails.filter((mail) => mail.subject!.startsWith('[TEST]') === proof && (mail.to as AddressObject).text === 'reader0@example.org').map((mail) => mail.messageId);
  const proofs = ids(true);
  const [issue] = ids(false);
  assert.equal(proofs.length, 2);
  assert.ok(issue);
  assert.equal(new Set([...proofs, issue]).size, 3, `${proofs.join(' ')} ${issue}`);
  for (const id of proofs) assert.match(id!, /^<proof1\.[0-9a-f-]{36}@news\.example\.org>$/);
});

test('sends ISSUE: the journal, counts per state, --json', async () => {
  const root = await newsletter(2);
  await send(root);
  const text = await runCli(['sends', '1', '--root', root], { cwd: root });
  assert.match(text.stdout, /Issue 1, sent to the subscribers: sent 2/);
  const json = JSON.parse((await runCli(['sends', '1', '--json', '--root', root], { cwd: root })).stdout) as { counts: Record<string, number> };
  assert.equal(json.counts.sent, 2);
  // A deferred recipient (tried, a 4xx reply, queued for a retry) is listed with that reply.
  const db = openStore(join(root, '.paperboy'));
  db.prepare("UPDATE deliveries SET state = 'queued', attempts = 1, last_reply = '452 4.2.2 Mailbox full' WHERE issue = 1 AND email = 'reader0@example.org'").run();
  db.close();
  assert.match((await runCli(['sends', '1', '--root', root], { cwd: root })).stdout, /^queued\treader0@example\.org\t1 attempt\t452 4\.2\.2 Mailbox full$/m);
});

test('sends ISSUE: an issue with no journal says it has not been sent; a number no issue has is an error listing those there are', async () => {
  const root = await newsletter(1);
  assert.match((await runCli(['sends', '1', '--root', root], { cwd: root })).stdout, /^Issue 1 has not been sent\.$/m);
  const missing = await runCli(['sends', '99', '--root', root], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /99/);
  assert.match(missing.stderr, /Available issue numbers: 1\./);
});

test('send: of the other issues, only their stored hashes and facts are read (a second send after they were read once)', async () => {
  const root = await newsletter(2);
  const others = ['0002-b.md', '0003-c.md'].map((name) => join(root, 'issues', name));
  others.forEach((path, i) => {
    writeFileSync(path, cleanIssue({ number: i + 2, status: 'draft' }));
    utimesSync(path, AN_HOUR_AGO, AN_HOUR_AGO);
  });
  const first = await issueFilesOpened(root, () => send(root));
  assert.equal(first.value.code, 0, first.value.stderr);
  assert.ok(others.every((path) => first.opened.includes(path)), 'the first send reads every issue');
  const again = await issueFilesOpened(root, () => send(root));
  assert.match(again.value.stdout, /Nothing to send for issue 1/);
  assert.deepEqual(again.opened.filter((path) => others.includes(path)), []);
});
