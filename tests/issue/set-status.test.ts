import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeIssueStatus } from '../../src/issue/set-status.js';
import { makeRoot } from '../helpers/fixture.js';

async function edited(text: string | Buffer): Promise<string> {
  const root = makeRoot({});
  const path = join(root, 'issue.md');
  writeFileSync(path, text);
  await writeIssueStatus(path, 'sent');
  return readFileSync(path, 'latin1');
}

test('issue status: only the value of the status line changes; a comment after it stays', async () => {
  assert.equal(await edited('---\nnumber: 1\nstatus: ready  # reviewed\ntitle: T\n---\nBody status: draft\n'), '---\nnumber: 1\nstatus: sent  # reviewed\ntitle: T\n---\nBody status: draft\n');
});

test('issue status: quoted values, CRLF line ends and a BOM are kept as written around the value', async () => {
  assert.equal(await edited(Buffer.from('\uFEFF---\r\nnumber: 1\r\nstatus: "draft"\r\n---\r\nBody\r\n')), Buffer.from('\uFEFF---\r\nnumber: 1\r\nstatus: sent\r\n---\r\nBody\r\n').toString('latin1'));
});

test('issue status: without a status line, one is added at the end of the frontmatter in the file\'s line ending', async () => {
  assert.equal(await edited('---\r\nnumber: 1\r\ntitle: T\r\n---\r\nBody\r\n'), '---\r\nnumber: 1\r\ntitle: T\r\nstatus: sent\r\n---\r\nBody\r\n');
});

test('issue status: an indented status (a paper key) is not the issue\'s', async () => {
  assert.equal(await edited('---\nnumber: 1\npapers:\n  - status: x\n---\n'), '---\nnumber: 1\npapers:\n  - status: x\nstatus: sent\n---\n');
});

test('issue status: written by replacing the file whole, its permission bits kept (a send killed mid-write leaves it as it was)', async () => {
  const root = makeRoot({});
  const path = join(root, 'issue.md');
  writeFileSync(path, '---\nnumber: 1\nstatus: ready\n---\n');
  chmodSync(path, 0o600);
  const before = statSync(path).ino;
  await writeIssueStatus(path, 'sent');
  assert.equal(readFileSync(path, 'utf8'), '---\nnumber: 1\nstatus: sent\n---\n');
  assert.notEqual(statSync(path).ino, before);
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

