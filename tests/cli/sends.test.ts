import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { BIN, runCli } from '../helpers/cli.js';
import { journalStates, newsletter, outboxFiles, SECRET, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

const DMARC = { code: 550, message: '5.7.26 Unauthenticated email is not accepted (DMARC)' };

test('sends: a send paused by policy names each refused recipient, waiting for its retry, with the reply', async () => {
  const root = await newsletter(5);
  const server = await startSmtpServer({ rcpt: () => DMARC });
  try {
    const paused = await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
    assert.match(paused.stderr, /Paused/);
  } finally {
    await server.close();
  }
  const sends = await runCli(['sends', '1'], { cwd: root });
  assert.equal(sends.code, 0, sends.stderr);
  assert.match(sends.stdout, /^Issue 1, sent to the subscribers: queued 5, sent 0\n/);
  const refused = sends.stdout.split('\n').filter((line) => line.startsWith('queued\t'));
  assert.deepEqual(
    refused.map((line) => line.split('\t').slice(1, 3)),
    ['reader0', 'reader1', 'reader2'].map((name) => [`${name}@example.org`, '1 attempt']),
  );
  assert.ok(refused.every((line) => line.endsWith('550 5.7.26 Unauthenticated email is not accepted (DMARC)')), refused.join('\n'));
});

test('sends: a queued recipient refused before with no attempt counted (put back by an older paperboy, or the relay unreachable) is named too', async () => {
  const root = await newsletter(2);
  const server = await startSmtpServer({ rcpt: (to) => (to === 'reader0@example.org' ? { code: 550, message: '5.7.1 Recipient address rejected: Access denied' } : { code: 451, message: '4.3.0 try later' }) });
  try {
    // Retries due long after the run stops waiting: one try each.
    await send(root, { concurrency: 1, maxWaitMs: 0, retry: { baseMs: 60_000, maxMs: 60_000, giveUpMs: 3_600_000 } }, { SMTP_URL: server.url });
  } finally {
    await server.close();
  }
  // What an earlier paperboy left after a policy refusal: back to queued, the attempt taken back, due at once.
  const db = openStore(join(root, '.paperboy'));
  db.prepare(`UPDATE deliveries SET state = 'queued', attempts = 0, next_attempt_at = NULL WHERE email = 'reader0@example.org'`).run();
  db.close();
  const sends = await runCli(['sends', '1'], { cwd: root });
  assert.match(sends.stdout, /^queued\treader0@example\.org\t0 attempts\t550 5\.7\.1 Recipient address rejected: Access denied$/m);
  assert.match(sends.stdout, /^queued\treader1@example\.org\t1 attempt\t451 4\.3\.0 try later$/m);
});

test('sends: an issue that does not exist is a usage error (exit 2) listing the issues and asking for a number or a file, with --json as without', async () => {
  const root = await newsletter(1);
  for (const argv of [['sends', '42'], ['sends', '42', '--json']]) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stdout}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^paperboy: .*42.*\n/);
    assert.match(result.stderr, /\b1\b/, 'names the issue there is');
    // As `send` takes it: the file's number is read from it, never made into a path.
    assert.match(result.stderr, /Pass a number or the path of an issue file\.\n/);
  }
  const unsent = await runCli(['sends', '1', '--json'], { cwd: root });
  assert.equal(unsent.code, 0, unsent.stderr);
  assert.deepEqual(JSON.parse(unsent.stdout).recipients, []);
});

test('sends ISSUE takes the path of the issue file as send does: the journal of the number its frontmatter gives, from the newsletter\'s folder, a subfolder or above it', async () => {
  const root = await newsletter(2);
  assert.equal((await send(root)).code, 0);
  const byNumber = await runCli(['sends', '1'], { cwd: root });
  assert.match(byNumber.stdout, /^Issue 1, sent to the subscribers: sent 2\n/);
  const cases: [string[], string][] = [
    [['sends', 'issues/0001-mirages.md'], root],
    [['sends', '0001-mirages.md'], join(root, 'issues')],
    [['sends', join(basename(root), 'issues', '0001-mirages.md')], dirname(root)],
    [['sends', join(root, 'issues', '0001-mirages.md'), '--json'], root],
  ];
  for (const [argv, cwd] of cases) {
    const result = await runCli(argv, { cwd });
    assert.equal(result.code, 0, `${argv.join(' ')}: ${result.stderr}`);
    if (argv.includes('--json')) assert.equal(result.stdout, (await runCli(['sends', '1', '--json'], { cwd: root })).stdout);
    // The outbox's folder is named from where the command ran: the journal's line is compared.
    else assert.equal(result.stdout.split('\n')[0], byNumber.stdout.split('\n')[0], argv.join(' '));
  }
  const missing = await runCli(['sends', 'issues/0009-none.md'], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^paperboy: Cannot read issue issues\/0009-none\.md: /);
});

test('sends --json: every recipient, in address order, with its state, attempts, reply, Message-ID and sent time', async () => {
  const root = await newsletter(3);
  const server = await startSmtpServer({ rcpt: (to) => (to === 'reader1@example.org' ? { code: 550, message: '5.1.1 No such user' } : undefined) });
  try {
    await send(root, { concurrency: 1 }, { SMTP_URL: server.url });
  } finally {
    await server.close();
  }
  const result = await runCli(['sends', '1', '--json'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { issue: number; mode: string; counts: Record<string, number>; recipients: Record<string, unknown>[] };
  assert.equal(report.issue, 1);
  assert.equal(report.mode, 'subscribers');
  assert.equal(report.counts.sent, 2);
  assert.deepEqual(
    report.recipients.map(({ email, state, attempts }) => ({ email, state, attempts })),
    [
      { email: 'reader0@example.org', state: 'sent', attempts: 1 },
      { email: 'reader1@example.org', state: 'failed', attempts: 1 },
      { email: 'reader2@example.org', state: 'sent', attempts: 1 },
    ],
  );
  assert.deepEqual(Object.keys(report.recipients[0]!), ['email', 'state', 'attempts', 'lastReply', 'messageId', 'sentAt', 'refusal']);
  assert.match(String(report.recipients[0]!.sentAt), /^\d{4}-\d\d-\d\dT/);
  assert.match(String(report.recipients[0]!.messageId), /@/);
  assert.equal(report.recipients[1]!.sentAt, null);
  assert.match(String(report.recipients[1]!.lastReply), /550 5\.1\.1 No such user/);
});

test('sends: a send that went into the outbox says so (nothing left this machine); one through a relay does not', async () => {
  const root = await newsletter(2);
  assert.equal((await send(root)).code, 0);
  const outboxed = await runCli(['sends', '1'], { cwd: root });
  assert.equal(outboxed.code, 0, outboxed.stderr);
  assert.match(outboxed.stdout, /^Issue 1, sent to the subscribers: sent 2/);
  assert.match(outboxed.stdout, /^All the 2 sent went into the outbox \.paperboy\/outbox\/1, not to a relay: nothing left this machine$/m);
  const relayed = await newsletter(2);
  const server = await startSmtpServer();
  try {
    await send(relayed, {}, { SMTP_URL: server.url });
  } finally {
    await server.close();
  }
  assert.doesNotMatch((await runCli(['sends', '1'], { cwd: relayed })).stdout, /outbox/);
});

test('sends --discard-outbox: a send that went into the outbox alone is forgotten with its folder, and a send through a relay then mails every reader once; one that reached a relay is never discarded', async () => {
  const root = await newsletter(3);
  assert.equal((await send(root)).code, 0);
  assert.equal(outboxFiles(root).length, 3);
  const server = await startSmtpServer();
  try {
    // Through the relay, before the discard: nothing to send, and said why and what to do.
    const nothing = await send(root, {}, { SMTP_URL: server.url });
    assert.match(nothing.stdout, /^Nothing to send for issue 1: /m);
    assert.match(nothing.stdout, /All the 3 sent went into the outbox, not to a relay: nothing left this machine\. `paperboy sends 1 --discard-outbox` forgets that send/);
    assert.equal(server.received.length, 0);

    const discarded = await runCli(['sends', '1', '--discard-outbox'], { cwd: root });
    assert.equal(discarded.code, 0, discarded.stderr);
    assert.equal(discarded.stdout, 'Discarded the outbox send of issue 1 (3 recipients; nothing had left this machine): `paperboy send 1` now sends it to every active subscriber.\nissues/0001-mirages.md: status: ready\n');
    assert.equal(outboxFiles(root).length, 0);
    assert.equal(journalStates(root).size, 0);

    const sent = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(sent.code, 0, sent.stderr);
    assert.deepEqual([...server.copies().values()], [1, 1, 1]);
    // Reached readers now: it can never be discarded, and nothing changes.
    const refused = await runCli(['sends', '1', '--discard-outbox'], { cwd: root });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^paperboy: Cannot discard the send of issue 1: 3 recipients went to a relay \(or may have\)/);
    assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
  } finally {
    await server.close();
  }
});

test('sends --discard-outbox: when the journal of the number is of another issue than its file now (the title and date the send recorded differ), nothing is discarded and the file is left as it is (exit 2)', async () => {
  const root = await newsletter(2);
  assert.equal((await send(root)).code, 0);
  const file = join(root, 'issues/0001-mirages.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('title: Emergence mirages', 'title: Another issue').replace('date: 2023-05-29', 'date: 2023-06-12'));
  const before = readFileSync(file, 'utf8');
  const refused = await runCli(['sends', '1', '--discard-outbox'], { cwd: root });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^paperboy: Nothing discarded: the journal of number 1 is of another issue than issues\/0001-mirages\.md\.$/m);
  assert.equal(journalStates(root).size, 2);
  assert.equal(outboxFiles(root).length, 2);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('sends: a recipient in flight says whether the run sending it still runs, and after that run was killed, that the same send command resumes it', async () => {
  const root = await newsletter(1);
  // The relay takes the message and never answers its end: the row stays `sending` until the run is stopped.
  const server = await startSmtpServer({ data: () => 'never-answer' });
  const child = spawn(process.execPath, [BIN, 'send', '1', '--yes', '--rate', '0', '--concurrency', '1'], {
    cwd: root,
    env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, SMTP_URL: server.url },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    while (journalStates(root).get('reader0@example.org') !== 'sending') await new Promise((resolve) => setTimeout(resolve, 50));
    const running = await runCli(['sends', '1'], { cwd: root });
    assert.equal(running.code, 0, running.stderr);
    assert.equal(running.stdout.split('\n')[1], `sending\treader0@example.org\t1 attempt\tgoing to the relay now, in the send running as pid ${child.pid} on ${hostname()}`);
    child.kill('SIGKILL');
    await exited;
    const stopped = await runCli(['sends', '1'], { cwd: root });
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.equal(
      stopped.stdout.split('\n')[1],
      'sending\treader0@example.org\t1 attempt\tno reply recorded: the run sending it stopped first (killed, or the machine went down, before the relay answered; or the journal could not record its answer); `paperboy send 1` resumes the send, and counts it unknown',
    );
  } finally {
    child.kill('SIGKILL');
    await server.close();
  }
});
