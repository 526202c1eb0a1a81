import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { spawnCli } from '../helpers/cli.js';
import { journalStates, newsletter, SECRET, send } from '../helpers/send.js';

/** What a killed outbox run leaves of a row `sending`: its file in place, its temporary file alone, or neither (a relay run's). */
type Left = 'in place' | 'temporary' | 'neither';

/**
 * A newsletter whose issue 1 was sent through the outbox to `count`
 * readers, then put back as a run killed mid-send leaves it: each reader
 * of `left` `sending`, its file as said; the issue `status: ready`.
 */
async function killedOutboxRun(count: number, left: Record<string, Left>): Promise<string> {
  const root = await newsletter(count);
  assert.equal((await send(root)).code, 0);
  const file = join(root, 'issues/0001-mirages.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: sent$/m, 'status: ready'));
  const db = openStore(join(root, '.paperboy'));
  for (const [email, how] of Object.entries(left)) {
    db.prepare("UPDATE deliveries SET state = 'sending' WHERE issue = 1 AND email = ?").run(email);
    const { message_id: id } = db.prepare('SELECT message_id FROM deliveries WHERE issue = 1 AND email = ?').get(email) as { message_id: string };
    const path = join(root, '.paperboy', 'outbox', '1', `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.eml`);
    if (how === 'temporary') renameSync(path, `${path}.tmp`);
    if (how === 'neither') rmSync(path);
  }
  db.close();
  return root;
}

const cli = (root: string, ...flags: string[]) => spawnCli(['send', '1', '--yes', '--rate', '0', ...flags], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });

test('send --dry-run (outbox) after a killed run says what the resume will do: a file in place is sent, a temporary file alone is sent now, neither is unknown; nothing written', async () => {
  const root = await killedOutboxRun(4, { 'reader0@example.org': 'in place', 'reader1@example.org': 'temporary', 'reader2@example.org': 'neither' });
  const before = journalStates(root);
  const dry = cli(root, '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Resume: send to 1 recipient \(1 left in flight by a stopped run becomes unknown\)$/m, 'reader1 is sent now; only reader2 is in doubt');
  assert.deepEqual(journalStates(root), before, 'a dry run writes nothing');

  const resume = cli(root);
  const planLine = (text: string) => /^Resume: .*$/m.exec(text)?.[0];
  assert.equal(planLine(resume.stdout), planLine(dry.stdout), 'the dry run said what the resume did');
  assert.equal(journalStates(root).get('reader0@example.org'), 'sent');
  assert.equal(journalStates(root).get('reader1@example.org'), 'sent');
  assert.equal(journalStates(root).get('reader2@example.org'), 'unknown');
});

test('send --dry-run (outbox) after a killed run whose every message went in says nothing is to send, every row sent, none unknown (exit 0), as the resume then does', async () => {
  const root = await killedOutboxRun(3, { 'reader0@example.org': 'in place', 'reader1@example.org': 'in place' });
  const dry = cli(root, '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Nothing to send for issue 1: .*\n.*sent 3/m);
  assert.doesNotMatch(dry.stdout + dry.stderr, /unknown/);
  assert.equal(journalStates(root).get('reader0@example.org'), 'sending', 'a dry run writes nothing');
  assert.doesNotMatch(readFileSync(join(root, 'issues/0001-mirages.md'), 'utf8'), /^status: sent$/m);

  const resume = cli(root);
  assert.equal(resume.code, 0, resume.stderr);
  assert.equal(resume.stdout.split('\n')[1], dry.stdout.split('\n')[1], 'the same counts');
  assert.deepEqual([...new Set(journalStates(root).values())], ['sent']);
});
