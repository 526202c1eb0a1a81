import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SendJournal } from '../../src/send/journal.js';
import { openStore } from '../../src/store/database.js';
import { BIN, runCli } from '../helpers/cli.js';
import { ISSUE_1, journaledIds, newsletter, outboxFiles, receivedBy, SECRET, send } from '../helpers/send.js';
import { receivedAtLeast, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const READERS = ['reader0@example.org', 'reader1@example.org', 'reader2@example.org'];

/** Issue `from`'s file renumbered to `to` (its name and `number:`), with `formerly: [from]`, and `edit` applied to its text, as an editor renumbering it on purpose does. */
function renumber(root: string, from: number, to: number, edit: (text: string) => string = (text) => text): string {
  const moved = join(root, `issues/000${to}-mirages.md`);
  renameSync(join(root, `issues/000${from}-mirages.md`), moved);
  writeFileSync(moved, edit(readFileSync(moved, 'utf8').replace(/^number: \d+$/m, `number: ${to}\nformerly: [${from}]`)));
  return moved;
}

/** Issue 1's send through a relay that defers reader1 (451): reader0 and reader2 have it, reader1 waits in the journal. */
async function partSent(root: string): Promise<TestSmtpServer> {
  const first = await startSmtpServer({ rcpt: (to) => (to === 'reader1@example.org' ? { code: 451, message: '4.3.0 try later' } : undefined) });
  const deferred = await send(root, { concurrency: 1, maxWaitMs: 0 }, { SMTP_URL: first.url });
  assert.equal(deferred.code, 1, deferred.stderr);
  return first;
}

test('send: an issue renumbered with `formerly` after part of its send goes on with that send under its new number: each reader one copy, its journaled Message-ID; `sends` shows that send', async () => {
  const root = await newsletter(3);
  const first = await partSent(root);
  const second = await startSmtpServer();
  try {
    const file = renumber(root, 1, 2);
    const dry = await send(root, { issue: '2', dryRun: true }, { SMTP_URL: second.url });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Renumbered from issue 1 \(its `formerly`\): this goes on with the send it began as issue 1\nResume: send to 1 recipient\n/m);
    const resumed = await send(root, { issue: '2' }, { SMTP_URL: second.url });
    assert.equal(resumed.code, 0, resumed.stderr);
    const ids = journaledIds(root, 1);
    const got = receivedBy(first, second);
    assert.deepEqual([...got.keys()].sort(), READERS, 'nobody skipped');
    for (const reader of READERS) assert.deepEqual(got.get(reader), [ids.get(reader)], `${reader}: one copy, its journaled Message-ID`);
    assert.deepEqual(journaledIds(root, 2), new Map(), 'no journal started under the new number');
    assert.match(readFileSync(file, 'utf8'), /^status: sent$/m);

    const sends = await runCli(['sends', '2'], { cwd: root });
    assert.equal(sends.code, 0, sends.stderr);
    assert.match(sends.stdout, /^Issue 2 \(sent as issue 1, its `formerly`\), sent to the subscribers: sent 3\n/);
    const json = await runCli(['sends', '2', '--json'], { cwd: root });
    assert.equal(json.code, 0, json.stderr);
    const data = JSON.parse(json.stdout) as { issue: number; journalIssue: number; recipients: unknown[] };
    assert.equal(data.issue, 2);
    assert.equal(data.journalIssue, 1);
    assert.equal(data.recipients.length, 3);
    const again = await send(root, { issue: '2', force: true }, { SMTP_URL: second.url });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^Nothing to send for issue 2 \(its send began as issue 1, its `formerly`\): every recipient has a final state\./);
    assert.equal(second.received.length, 1, '--force sends nobody a second copy');
  } finally {
    await first.close();
    await second.close();
  }
});

test('send: an issue renumbered without `formerly` after part of its send is refused, the advice naming `formerly`', async () => {
  const root = await newsletter(3);
  const first = await partSent(root);
  try {
    const file = renumber(root, 1, 2, (text) => text.replace(/^formerly: \[1\]\n/m, ''));
    assert.doesNotMatch(readFileSync(file, 'utf8'), /formerly/);
    const refused = await send(root, { issue: '2' }, { SMTP_URL: first.url });
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stderr, /Renumbered on purpose: add `formerly: \[1\]` to its file, and this command goes on with that send/);
  } finally {
    await first.close();
  }
});

test('send: an issue renumbered with `formerly` and retitled after part of its send is refused (exit 2) until --same-issue, which goes on with that send: nobody doubled', async () => {
  const root = await newsletter(3);
  const first = await partSent(root);
  const second = await startSmtpServer();
  try {
    renumber(root, 1, 2, (text) => text.replace('title: Emergence mirages', 'title: Emergence mirages, revisited'));
    const refused = await send(root, { issue: '2' }, { SMTP_URL: second.url });
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(
      refused.stderr,
      /^paperboy: Cannot send issue 2: its `formerly` names 1, and the send journal of issue 1 is of another issue, "Emergence mirages" of 2023-05-29 \(2 of 3 recipients sent, .*\), not of issues\/0002-mirages\.md, "Emergence mirages, revisited" of 2023-05-29\n/,
    );
    assert.match(refused.stderr, /take 1 out of its `formerly`.*`paperboy send 2 --same-issue` continues that send/);
    assert.equal(second.received.length, 0);
    const continued = await send(root, { issue: '2', sameIssue: true }, { SMTP_URL: second.url });
    assert.equal(continued.code, 0, continued.stderr);
    assert.deepEqual(receivedBy(second), new Map([['reader1@example.org', [journaledIds(root, 1).get('reader1@example.org')]]]));
    const again = await send(root, { issue: '2' }, { SMTP_URL: second.url });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(second.received.length, 1);
  } finally {
    await first.close();
    await second.close();
  }
});

test('send: an issue renumbered with `formerly` onto a number whose journal is another issue\'s is refused (exit 2) naming both journals, nothing sent, --force and --same-issue too', async () => {
  const root = await newsletter(3);
  const first = await partSent(root);
  const second = await startSmtpServer();
  try {
    // Number 2 went out before, as an issue since deleted.
    const db = openStore(join(root, '.paperboy'));
    new SendJournal(db, 2).freeze('subscribers', undefined, (email) => `<2.${email}@test>`, new Date(), { title: 'A deleted issue', date: '2023-05-01' });
    db.close();
    renumber(root, 1, 2);
    for (const flags of [{}, { force: true }, { sameIssue: true }, { dryRun: true }]) {
      const refused = await send(root, { issue: '2', ...flags }, { SMTP_URL: second.url });
      assert.equal(refused.code, 2, `${JSON.stringify(flags)}: ${refused.stdout}`);
      assert.match(
        refused.stderr,
        /^paperboy: Cannot send issue 2: its send could be any of 2 journals, issue 2's own \(of "A deleted issue" of 2023-05-01, 0 of 3 recipients sent, .*\) and issue 1's, a number in its `formerly` \(of "Emergence mirages" of 2023-05-29, 2 of 3 recipients sent, .*\); sending from either could give its readers a second copy\n/,
      );
      assert.match(refused.stderr, /give this one a number no issue and no send has had, such as `number: 3`/);
      assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(second.received.length, 0, 'nothing sent');
    const sends = await runCli(['sends', '2'], { cwd: root });
    assert.equal(sends.code, 2);
    assert.match(sends.stderr, /^paperboy: issue 2: its send could be any of 2 journals/);
  } finally {
    await first.close();
    await second.close();
  }
});

test('send: a send killed (SIGKILL) mid-way, its issue then renumbered with `formerly`, goes on under the new number: nobody sent twice but unknown ones, everyone reached with --retry-unknown', async () => {
  const root = await newsletter(60);
  // Slow acceptance, so that the kill finds the send part-way, some messages in flight.
  const server = await startSmtpServer({ data: () => ({ acceptAfterMs: 20 }) });
  try {
    const child = spawn(process.execPath, [BIN, 'send', '1', '--yes', '--root', root, '--rate', '0', '--concurrency', '3'], {
      env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, SMTP_URL: server.url },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await receivedAtLeast(server, 20);
    child.kill('SIGKILL');
    await exited;
    const before = server.received.length;
    assert.ok(before < 60, `killed part-way (${before} received)`);
    renumber(root, 1, 2);
    const resumed = await runCli(['send', '2', '--yes', '--rate', '0'], { cwd: root, env: { PAPERBOY_SECRET: SECRET, SMTP_URL: server.url } });
    const db = openStore(join(root, '.paperboy'));
    const unknown = new Set((db.prepare("SELECT email FROM deliveries WHERE issue = 1 AND state = 'unknown'").all() as { email: string }[]).map((row) => row.email));
    db.close();
    assert.equal(resumed.code, unknown.size > 0 ? 1 : 0, resumed.stderr);
    assert.ok(unknown.size <= 3, `at most one unknown per connection (${unknown.size})`);
    const copies = (to: string) => server.received.filter((message) => message.to === to).length;
    const readers = Array.from({ length: 60 }, (_, i) => `reader${i}@example.org`);
    for (const reader of readers) if (!unknown.has(reader)) assert.equal(copies(reader), 1, `${reader}: one copy`);
    const retried = await runCli(['send', '2', '--yes', '--rate', '0', '--retry-unknown'], { cwd: root, env: { PAPERBOY_SECRET: SECRET, SMTP_URL: server.url } });
    assert.equal(retried.code, 0, retried.stderr);
    for (const reader of readers) assert.ok(copies(reader) >= 1 && copies(reader) <= (unknown.has(reader) ? 2 : 1), `${reader}: ${copies(reader)} copies`);
    assert.deepEqual(journaledIds(root, 2), new Map(), 'no journal started under the new number');
  } finally {
    await server.close();
  }
});

test('sends --discard-outbox: an outbox send renumbered with `formerly` is found and forgotten under the new number, its folder too', async () => {
  const root = await newsletter(2);
  assert.equal((await send(root)).code, 0);
  assert.equal(outboxFiles(root, 1).length, 2);
  renumber(root, 1, 2);
  const sends = await runCli(['sends', '2'], { cwd: root });
  assert.equal(sends.code, 0, sends.stderr);
  assert.match(sends.stdout, /went into the outbox \.paperboy\/outbox\/1, not to a relay/);
  const discarded = await runCli(['sends', '2', '--discard-outbox'], { cwd: root });
  assert.equal(discarded.code, 0, discarded.stderr);
  assert.match(discarded.stdout, /^Discarded the outbox send of issue 2 \(2 recipients; nothing had left this machine\): `paperboy send 2` now sends it/);
  assert.equal(outboxFiles(root, 1).length, 0);
  assert.deepEqual(journaledIds(root, 1), new Map());
});

test('send: a renumbered issue\'s send is refused (exit 2), nothing sent, when a send under its new number started while it checked the relay', async () => {
  const root = await newsletter(3);
  const first = await partSent(root);
  // Another send, of this very issue under its new number, freezes its journal as this one connects to check the relay (after its plan).
  const second = await startSmtpServer({
    connect: (n) => {
      if (n === 1) {
        const db = openStore(join(root, '.paperboy'));
        new SendJournal(db, 2).freeze('subscribers', undefined, (email) => `<2.${email}@test>`, new Date(), ISSUE_1);
        db.close();
      }
      return undefined;
    },
  });
  try {
    renumber(root, 1, 2);
    const result = await send(root, { issue: '2' }, { SMTP_URL: second.url });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /^paperboy: Cannot send issue 2: a send of it under number 2 started while this one got ready; nothing was sent by this one\n/);
    assert.equal(second.received.length, 0);
  } finally {
    await first.close();
    await second.close();
  }
});

test('send: an issue renumbered twice whose two former numbers each hold a send is refused (exit 2) naming both, nothing sent', async () => {
  const root = await newsletter(3);
  const first = await partSent(root);
  const second = await startSmtpServer();
  try {
    // Sent again as 2 with --force (before sends followed renumberings), then renumbered to 3 naming both.
    renumber(root, 1, 2, (text) => text.replace(/^formerly: \[1\]\n/m, ''));
    assert.equal((await send(root, { issue: '2', force: true, concurrency: 1, maxWaitMs: 0 }, { SMTP_URL: first.url })).code, 1);
    const received = second.received.length + first.received.length;
    renumber(root, 2, 3, (text) => text.replace(/^formerly: \[2\]$/m, 'formerly: [1, 2]'));
    const refused = await send(root, { issue: '3' }, { SMTP_URL: second.url });
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stderr, /^paperboy: Cannot send issue 3: its send could be any of 2 journals, issue 1's, a number in its `formerly` \(.*\) and issue 2's, a number in its `formerly` \(.*\); sending from either/);
    assert.match(refused.stderr, /`paperboy sends 1` and `paperboy sends 2` show them/);
    assert.equal(second.received.length + first.received.length, received, 'nothing sent');
  } finally {
    await first.close();
    await second.close();
  }
});
