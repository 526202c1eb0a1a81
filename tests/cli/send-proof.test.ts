import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { journalStates, newsletter, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

/** A newsletter of `readers` whose issue 1 has a lint error (a placeholder title) and is a draft. */
async function brokenDraft(readers: number): Promise<string> {
  const root = await newsletter(readers, { status: 'draft' });
  const path = join(root, 'issues/0001-mirages.md');
  writeFileSync(path, readFileSync(path, 'utf8').replace('title: Emergence mirages', 'title: TODO'));
  return root;
}

test('send --test --review: the reviewers\' proof of a draft with lint errors goes to its address through SMTP, showing them (REVIEW), says the send will refuse it, exits 1; the send still refuses it', async () => {
  const server = await startSmtpServer();
  try {
    const root = await brokenDraft(2);
    const env = { SMTP_URL: server.url };
    const proof = await send(root, { test: 'reviewer@example.org', review: true }, env);
    assert.equal(proof.code, 1, 'sent, yet the content has errors (as render says it)');
    assert.match(proof.stderr, /0001-mirages\.md:\d+:\d+ {2}error .*no-placeholder/);
    assert.match(proof.stderr, /^paperboy: issues\/0001-mirages\.md has 1 lint error; the proof is sent anyway, but a send to the subscribers refuses the issue until you fix it \(`paperboy lint issues\/0001-mirages\.md`\)\.$/m);
    assert.match(proof.stdout, /^Sent a reviewers' proof of #1 to reviewer@example\.org through /m);
    assert.deepEqual(server.received.map((message) => message.to), ['reviewer@example.org']);
    const mail = await simpleParser(server.received[0]!.raw);
    assert.match(mail.subject!, /^\[TEST\] \[REVIEW\] /);
    assert.match(mail.text!, /REVIEW: a proof for reviewers/);
    assert.match(mail.text!, /Lint messages:\n- \d+:\d+ error: Unexpected placeholder `TODO`[^]*\(no-placeholder\)/);
    assert.equal(journalStates(root).size, 0, 'a proof is outside the journal');

    const plain = await send(root, { test: 'editor@example.org' }, env);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /has 1 lint error; the proof is sent anyway/);
    assert.equal(server.received.length, 2, 'a proof without --review goes too');

    const real = await send(root, { force: true }, env);
    assert.equal(real.code, 1);
    assert.match(real.stderr, /has 1 lint error: nothing sent\. Fix it/);
    assert.equal(server.received.length, 2, 'nothing sent to the subscribers');
    assert.equal(journalStates(root).size, 0);
  } finally {
    await server.close();
  }
});
