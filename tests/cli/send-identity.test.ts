import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SendJournal } from '../../src/send/journal.js';
import { openStore } from '../../src/store/database.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue } from '../helpers/fixture.js';
import { ISSUE_1, journaledIds, journalStates, newsletter, receivedBy, SECRET, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

const READERS = ['reader0@example.org', 'reader1@example.org', 'reader2@example.org'];

/** Issue 1's file renumbered to 2 (its name and its `number:`), as an editor moving it makes room. */
function renumber(root: string, from: number, to: number): void {
  const old = join(root, `issues/000${from}-mirages.md`);
  const moved = join(root, `issues/000${to}-mirages.md`);
  renameSync(old, moved);
  writeFileSync(moved, readFileSync(moved, 'utf8').replace(/^number: \d+$/m, `number: ${to}`));
}

test('send: a new issue given the number another issue was sent under is refused (exit 2) naming both and what to do, nothing sent, its file not marked sent; `sends` says whose journal it shows', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer();
  try {
    const env = { SMTP_URL: server.url, PAPERBOY_SECRET: SECRET };
    assert.equal((await runCli(['send', '1', '--yes'], { cwd: root, env })).code, 0);
    assert.equal(server.received.length, 3);
    // Issue 1 becomes 2, and a new issue takes number 1.
    renumber(root, 1, 2);
    const fresh = join(root, 'issues/0001-forgotten.md');
    writeFileSync(fresh, cleanIssue({ number: 1, title: 'The forgotten issue', date: '2023-06-12', status: 'ready' }));
    for (const flags of [['--dry-run'], ['--yes']]) {
      const result = await runCli(['send', '1', ...flags], { cwd: root, env });
      assert.equal(result.code, 2, `${flags}: ${result.stdout}${result.stderr}`);
      assert.equal(result.stdout, '', 'no plan, no "Nothing to send"');
      assert.match(
        result.stderr,
        /^paperboy: Cannot send issue 1: the send journal of issue 1 is of another issue, "Emergence mirages" of 2023-05-29 \(3 of 3 recipients sent, started \d{4}-\d\d-\d\d \d\d:\d\d UTC, finished .* UTC\), not of issues\/0001-forgotten\.md, "The forgotten issue" of 2023-06-12\n/,
      );
      assert.match(result.stderr, /give it a number no issue and no send has had, such as `number: 3`/);
      assert.match(result.stderr, /`paperboy send 1 --same-issue` continues its send/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(server.received.length, 3, 'nothing sent');
    assert.match(readFileSync(fresh, 'utf8'), /^status: ready$/m, 'the new issue is not marked sent');

    const sends = await runCli(['sends', '1'], { cwd: root });
    assert.equal(sends.code, 2, sends.stderr);
    assert.match(sends.stdout, /^Issue 1 \("Emergence mirages" of 2023-05-29, not the issue numbered 1 now\), sent to the subscribers: sent 3\n/);
    assert.match(sends.stderr, /^paperboy: the send journal of issue 1 is of another issue, "Emergence mirages" of 2023-05-29 .*, not of issues\/0001-forgotten\.md, "The forgotten issue" of 2023-06-12\.\n/);
    const json = await runCli(['sends', '1', '--json'], { cwd: root });
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout).journalOf, ISSUE_1);
  } finally {
    await server.close();
  }
});

test('send: an issue renumbered after part of its send is refused under its new number (its readers have it) unless --force; given its number back, the send resumes: nobody doubled or skipped, the same Message-IDs', async () => {
  const root = await newsletter(3);
  const first = await startSmtpServer({ rcpt: (to) => (to === 'reader1@example.org' ? { code: 451, message: '4.3.0 try later' } : undefined) });
  const second = await startSmtpServer();
  try {
    const deferred = await send(root, { concurrency: 1, maxWaitMs: 0 }, { SMTP_URL: first.url });
    assert.equal(deferred.code, 1, deferred.stderr);
    assert.equal(journalStates(root).get('reader1@example.org'), 'queued');
    renumber(root, 1, 2);
    for (const dryRun of [true, false]) {
      const refused = await send(root, { issue: '2', dryRun }, { SMTP_URL: second.url });
      assert.equal(refused.code, 2, refused.stdout);
      assert.match(refused.stderr, /^paperboy: Cannot send issue 2: it was sent as issue 1 \("Emergence mirages" of 2023-05-29: 2 of 3 recipients sent, started .* UTC, not finished\); sending it as issue 2 would give its readers a second copy\n/);
      assert.match(refused.stderr, /give it back `number: 1` .*pass --force/);
    }
    const sends = await runCli(['sends', '2'], { cwd: root });
    assert.equal(sends.code, 0, sends.stderr);
    assert.match(sends.stdout, /^Issue 2 has not been sent\. But it was sent as issue 1 \("Emergence mirages" of 2023-05-29: 2 of 3 .*\): `paperboy sends 1`\.\n/);
    assert.equal(second.received.length, 0);

    renumber(root, 2, 1);
    const resumed = await send(root, {}, { SMTP_URL: second.url });
    assert.equal(resumed.code, 0, resumed.stderr);
    const ids = journaledIds(root);
    const got = receivedBy(first, second);
    assert.deepEqual([...got.keys()].sort(), READERS, 'nobody skipped');
    for (const reader of READERS) assert.deepEqual(got.get(reader), [ids.get(reader)], `${reader}: one copy, its journaled Message-ID`);
  } finally {
    await first.close();
    await second.close();
  }
});

test('send --force: an issue renumbered after its send is sent again under its new number when asked', async () => {
  const root = await newsletter(2, { status: 'ready' });
  assert.equal((await send(root)).code, 0);
  renumber(root, 1, 2);
  // As its send left it, had the status not been written: only the journal knows.
  const file = join(root, 'issues/0002-mirages.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: sent$/m, 'status: ready'));
  const forced = await send(root, { issue: '2', force: true });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /sent 2/);
});

test('send: a send resumed after its text was corrected (a typo in its body) carries on without a flag: nobody doubled or skipped, the same Message-IDs', async () => {
  const root = await newsletter(3);
  const first = await startSmtpServer({ rcpt: (to) => (to === 'reader2@example.org' ? { code: 451, message: '4.3.0 try later' } : undefined) });
  const second = await startSmtpServer();
  try {
    assert.equal((await send(root, { concurrency: 1, maxWaitMs: 0 }, { SMTP_URL: first.url })).code, 1);
    const file = join(root, 'issues/0001-mirages.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Welcome to the first issue.', 'Welcome to our first issue.'));
    const resumed = await send(root, {}, { SMTP_URL: second.url });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /Resume: send to 1 recipient/);
    const ids = journaledIds(root);
    const got = receivedBy(first, second);
    assert.deepEqual([...got.keys()].sort(), READERS);
    for (const reader of READERS) assert.deepEqual(got.get(reader), [ids.get(reader)], reader);
    assert.match(readFileSync(file, 'utf8'), /^status: sent$/m);
  } finally {
    await first.close();
    await second.close();
  }
});

test('send --same-issue: a send continued after its title and date were corrected goes to the recipients not sent yet, under their Message-IDs, and the next run needs no flag', async () => {
  const root = await newsletter(3);
  const first = await startSmtpServer({ rcpt: (to) => (to === 'reader0@example.org' ? { code: 451, message: '4.3.0 try later' } : undefined) });
  const second = await startSmtpServer();
  try {
    assert.equal((await send(root, { concurrency: 1, maxWaitMs: 0 }, { SMTP_URL: first.url })).code, 1);
    const file = join(root, 'issues/0001-mirages.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Emergence mirages', 'title: Emergence mirages, revisited').replace('date: 2023-05-29', 'date: 2023-05-30'));
    const refused = await send(root, {}, { SMTP_URL: second.url });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /`paperboy send 1 --same-issue` continues its send/);
    const continued = await send(root, { sameIssue: true }, { SMTP_URL: second.url });
    assert.equal(continued.code, 0, continued.stderr);
    assert.deepEqual(receivedBy(second), new Map([['reader0@example.org', [journaledIds(root).get('reader0@example.org')]]]));
    const again = await send(root, {}, { SMTP_URL: second.url });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to send for issue 1/);
    assert.equal(second.received.length, 1);
  } finally {
    await first.close();
    await second.close();
  }
});

test('send: a send of another issue started under the number while this one checked the relay is refused (exit 2), nothing sent', async () => {
  const root = await newsletter(3);
  // The other send freezes the journal as this one connects to check the relay (after its plan).
  const server = await startSmtpServer({
    connect: (n) => {
      if (n === 1) {
        const db = openStore(join(root, '.paperboy'));
        new SendJournal(db, 1).freeze('subscribers', undefined, (email) => `<1.${email}@test>`, new Date(), { title: 'Another issue', date: '2023-01-02' });
        db.close();
      }
      return undefined;
    },
  });
  try {
    const result = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /the send journal of issue 1 is of another issue, "Another issue" of 2023-01-02/);
    assert.equal(server.received.length, 0);
    assert.doesNotMatch(readFileSync(join(root, 'issues/0001-mirages.md'), 'utf8'), /^status: sent$/m);
  } finally {
    await server.close();
  }
});

test('send: a journal started before sends recorded their issue keeps working by its number alone: the send resumes, the same Message-IDs', async () => {
  const root = await newsletter(3);
  // What the paperboy before left, once migrated (tests/store/database.test.ts): a send started and stopped with two
  // recipients queued, no title or date recorded.
  const before = openStore(join(root, '.paperboy'));
  before.prepare("INSERT INTO send_runs (issue, mode, created_at) VALUES (1, 'subscribers', '2023-05-29T08:00:00.000Z')").run();
  before
    .prepare(
      `INSERT INTO deliveries (issue, recipient_key, email, subscriber_id, state, message_id, queued_at, updated_at, sent_at)
       SELECT 1, email_key, email, id, CASE WHEN email = 'reader0@example.org' THEN 'sent' ELSE 'queued' END, '<old.' || email || '@test>', 't', 't', NULL FROM subscribers`,
    )
    .run();
  before.close();
  // Its title corrected since: nothing recorded to compare with.
  const file = join(root, 'issues/0001-mirages.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('title: Emergence mirages', 'title: Emergence mirages (corrected)'));
  const server = await startSmtpServer();
  try {
    const resumed = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(receivedBy(server), new Map(READERS.slice(1).map((reader) => [reader, [`<old.${reader}@test>`]])));
    const sends = await runCli(['sends', '1', '--json'], { cwd: root });
    assert.equal(sends.code, 0, sends.stderr);
    assert.equal(JSON.parse(sends.stdout).journalOf, null);
  } finally {
    await server.close();
  }
});
