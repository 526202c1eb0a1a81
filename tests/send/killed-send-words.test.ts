import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN } from '../helpers/cli.js';
import { journalStates, newsletter, SECRET } from '../helpers/send.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

function paperboy(args: string[], root: string, server: TestSmtpServer) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: { PATH: process.env.PATH, PAPERBOY_SECRET: SECRET, SMTP_URL: server.url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

test('send: a send resumed after `kill -9` says how many a stopped run left in flight become unknown, "1 … becomes" for one, and counts them unknown', async () => {
  const root = await newsletter(3);
  let hang = true;
  // The relay never answers reader1's final dot while `hang`: its message is in flight when the send is killed.
  const server = await startSmtpServer({ data: (to) => (hang && to === 'reader1@example.org' ? 'never-answer' : 'accept') });
  try {
    const first = paperboy(['send', '1', '--yes', '--concurrency', '1'], root, server);
    // Killed once the journal has reader1 going out and every earlier result recorded: reader1 alone is in flight.
    const states = () => journalStates(root);
    while (!(states().get('reader1@example.org') === 'sending' && [...states().values()].filter((state) => state === 'sending').length === 1)) await sleep(5);
    first.child.kill('SIGKILL');
    assert.equal((await first.done).signal, 'SIGKILL');
    hang = false;
    // The journal's order of the three is its own (reader1 may come first or later): those still queued are left to send.
    const left = [...states().values()].filter((state) => state === 'queued').length;
    const resumed = await paperboy(['send', '1', '--yes'], root, server).done;
    const recipients = left === 1 ? '1 recipient' : `${left} recipients`;
    assert.match(resumed.stdout, new RegExp(`^Resume: send to ${recipients} \\(1 left in flight by a stopped run becomes unknown\\)$`, 'm'), resumed.stdout);
    assert.match(resumed.stdout, /^sent 2, unknown 1$/m, resumed.stdout);
    assert.equal(resumed.code, 1, resumed.stderr);
  } finally {
    await server.close();
  }
});
