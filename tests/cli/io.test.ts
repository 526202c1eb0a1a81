import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

test('output into a pipe whose reader went away (| head -1) ends quietly, exit 0, no stack trace', async () => {
  const root = makeRoot({});
  // More than a pipe holds (64 KB), so writes go on after the reader is gone.
  writeFileSync(join(root, 'readers.csv'), ['email', ...Array.from({ length: 5000 }, (_, i) => `reader${i}@example.org`)].join('\n'));
  assert.equal((await runCli(['subscribers', 'import', 'readers.csv'], { cwd: root })).code, 0);
  for (const args of [['subscribers', 'list'], ['subscribers', 'export']]) {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(stderr, '', args.join(' '));
    assert.equal(code, 0, args.join(' '));
  }
});

test('output into a full disk (`render 1 > /dev/full`) exits 74 saying so in words with what to do, not a bare errno code', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  const full = openSync('/dev/full', 'w');
  try {
    const child = spawn(process.execPath, [BIN, 'render', '1'], { cwd: root, stdio: ['ignore', full, 'pipe'] });
    assert.ok(child.stderr);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(code, 74, stderr);
    assert.equal(stderr, 'paperboy: Cannot write the output: the disk is full (ENOSPC)\n  Free some room on the disk (or write the output to another one), then run the command again.\n');
  } finally {
    closeSync(full);
  }
});
