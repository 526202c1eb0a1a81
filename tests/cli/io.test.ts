import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, runCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';

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
