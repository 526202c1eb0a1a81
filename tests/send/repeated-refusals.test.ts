import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run as runSends } from '../../src/cli/sends.js';
import { run as runSubscribers } from '../../src/cli/subscribers.js';
import { captureIO, newsletter, send } from '../helpers/send.js';
import { cleanIssue } from '../helpers/fixture.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

/*
 * A basic 550, 551 or 553 at RCPT (no enhanced code) fails its delivery and
 * leaves the reader active (RFC 5321 §4.2.2: it may be a policy refusal). The
 * same reader refused so in two sends in a row is marked bounced: the journal's
 * facts (state, stage, times), never the reply's words.
 */

/** Issue `number` of the newsletter at `root` sent through a relay refusing each address of `refused` with a basic 550; the result. */
async function sendIssue(root: string, number: number, refused: readonly string[]) {
  if (number > 1) writeFileSync(join(root, `issues/000${number}-issue.md`), cleanIssue({ number, title: `Issue number ${number}`, date: `2023-06-0${number}`, status: 'ready' }));
  const server = await startSmtpServer({ rcpt: (to) => (refused.includes(to) ? { code: 550, message: 'No such user here' } : undefined) });
  try {
    return await send(root, { issue: String(number), concurrency: 1 }, { SMTP_URL: server.url });
  } finally {
    await server.close();
  }
}

async function statuses(root: string): Promise<string> {
  const listed = captureIO(root);
  await runSubscribers({ root, action: 'list' }, listed.io);
  return listed.stdout();
}

test('send: a reader refused for good at RCPT without an enhanced code in two sends in a row is marked bounced, said by `sends N`, listed bounced, and `subscribers reactivate` starts its count again; a mailbox that took an issue between two refusals stays active', async () => {
  const root = await newsletter(4);
  assert.equal((await sendIssue(root, 1, ['reader1@example.org', 'reader3@example.org'])).code, 1);
  assert.match(await statuses(root), /^reader1@example\.org\tReader 1\tactive$/m, 'one refusal may be a policy worded as a 550');

  const second = await sendIssue(root, 2, ['reader1@example.org']);
  assert.equal(second.code, 1);
  assert.match(second.stdout + second.stderr, /failed: reader1@example\.org: 550 No such user here \(now bounced\)/, 'the run\'s report says so');
  const listed = await statuses(root);
  assert.match(listed, /^reader1@example\.org\tReader 1\tbounced$/m);
  assert.match(listed, /^reader3@example\.org\tReader 3\tactive$/m);
  const sends = captureIO(root);
  assert.equal(await runSends({ root, issue: '2' }, sends.io), 0);
  assert.match(sends.stdout(), /^failed\treader1@example\.org\t1 attempt\t550 No such user here\tmarked bounced: refused for good in 2 sends in a row \(`paperboy subscribers reactivate reader1@example\.org` if its mailbox takes mail again\)$/m);
  const json = captureIO(root);
  await runSends({ root, issue: '2', json: true }, json.io);
  const rows = (JSON.parse(json.stdout()) as { recipients: { email: string; refusal: string | null }[] }).recipients;
  assert.equal(rows.find((row) => row.email === 'reader1@example.org')!.refusal, 'bounced');
  assert.equal(rows.find((row) => row.email === 'reader0@example.org')!.refusal, null);

  const reactivated = captureIO(root);
  assert.equal(await runSubscribers({ root, action: 'reactivate', argument: 'reader1@example.org' }, reactivated.io), 0);
  assert.equal((await sendIssue(root, 3, ['reader1@example.org', 'reader3@example.org'])).code, 1);
  const after = await statuses(root);
  assert.match(after, /^reader1@example\.org\tReader 1\tactive$/m, 'refusals before the reactivation no longer count');
  assert.match(after, /^reader3@example\.org\tReader 3\tactive$/m, 'issue 2 reached it: its refusals are not in a row');

  assert.equal((await sendIssue(root, 4, ['reader1@example.org'])).code, 1);
  assert.match(await statuses(root), /^reader1@example\.org\tReader 1\tbounced$/m, 'two refusals since the reactivation');
});
