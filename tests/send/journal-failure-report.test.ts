import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { BIN } from '../helpers/cli.js';
import { newsletter, SECRET } from '../helpers/send.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

/** The CLI as a process of its own (the relay answers in this one meanwhile): exit code, stdout, stderr. */
function paperboy(args: string[], root: string, server: TestSmtpServer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args, '--root', root], { cwd: root, env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, SMTP_URL: server.url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A newsletter of 4 readers whose journal fails (as a full disk makes it) when it records the relay's 250 for reader1. */
async function failingAtReader1(): Promise<string> {
  const root = await newsletter(4);
  const db = new Database(join(root, '.paperboy', 'paperboy.db'));
  db.exec(`CREATE TRIGGER journal_fails BEFORE UPDATE OF state ON deliveries WHEN NEW.state = 'sent' AND NEW.email = 'reader1@example.org' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
  db.close();
  return root;
}

function journalWritable(root: string): void {
  const db = new Database(join(root, '.paperboy', 'paperboy.db'));
  db.exec('DROP TRIGGER journal_fails');
  db.close();
}

test('send: a message the relay took while the journal could not record it is listed with the relay\'s 250 as taken, and --retry-unknown is not advised for it; the journal\'s error is named as its own, not as the relay\'s last reply', async () => {
  const root = await failingAtReader1();
  const server = await startSmtpServer();
  try {
    const sent = await paperboy(['send', '1', '--yes', '--concurrency', '1'], root, server);
    assert.equal(sent.code, 1, sent.stderr);
    assert.deepEqual(server.received.map((message) => message.to), ['reader0@example.org', 'reader1@example.org']);
    assert.match(sent.stderr, /Stopped: the send journal cannot be written, so nothing more was sent\. Make it writable again \(free disk space, or end the program holding the database\), then run the same command to resume/);
    assert.match(sent.stderr, /run the same command to resume: the messages that were in flight count as unknown then\. The journal's error: disk I\/O error$/m, sent.stderr);
    assert.doesNotMatch(sent.stderr, /Last reply: disk I\/O error/, sent.stderr);
    assert.match(sent.stderr, /^ {2}sending: reader1@example\.org: 250 [^\n]*\(not journaled: the journal could not be written\)$/m);
    assert.match(sent.stderr, /1 of them was taken by the relay \(its 250 above\), which the journal could not record: its reader has the issue\./);
    assert.doesNotMatch(sent.stderr, /--retry-unknown` sends to/, sent.stderr);
  } finally {
    await server.close();
  }
});

test('sends and the resumed send never say a message left in flight by a run whose journal failed was stopped before the relay answered', async () => {
  const root = await failingAtReader1();
  const server = await startSmtpServer();
  try {
    await paperboy(['send', '1', '--yes', '--concurrency', '1'], root, server);
    const shown = await paperboy(['sends', '1'], root, server);
    assert.match(shown.stdout, /^sending\treader1@example\.org\t1 attempt\tno reply recorded: the run sending it stopped first \(killed, or the machine went down, before the relay answered; or the journal could not record its answer\); `paperboy send 1` resumes the send/m, shown.stdout);
    journalWritable(root);
    const resumed = await paperboy(['send', '1', '--yes'], root, server);
    const again = await paperboy(['sends', '1'], root, server);
    for (const said of [shown.stdout, resumed.stderr, again.stdout]) assert.doesNotMatch(said, /\(killed, or the machine went down\) before the relay answered/, said);
    assert.match(again.stdout, /^unknown\treader1@example\.org\t1 attempt\tno reply recorded: the run sending it stopped first \(killed, or the machine went down, before the relay answered; or the journal could not record its answer\)$/m, again.stdout);
    assert.equal(server.received.length, 4);
  } finally {
    await server.close();
  }
});
