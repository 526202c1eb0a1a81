import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CommandIO } from '../../src/io.js';
import { writePaged } from '../../src/preview/pager.js';

function io(isTTY: boolean, env: NodeJS.ProcessEnv): { io: CommandIO; stdout: string[] } {
  const stdout: string[] = [];
  return { io: { stdout: { write: (text: string) => stdout.push(text), isTTY, rows: 3 }, stderr: { write: () => true }, cwd: '.', env }, stdout };
}

test('pager: long output on a terminal goes through $PAGER; short output, a pipe or --no-pager do not', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-pager-')), 'paged.txt');
  const text = 'one\ntwo\nthree\nfour\n';
  const paged = io(true, { PAGER: `cat > ${file}` });
  await writePaged(text, paged.io, true);
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.deepEqual(paged.stdout, []);

  for (const [isTTY, enabled, output] of [
    [false, true, text],
    [true, false, text],
    [true, true, 'short\n'],
  ] as const) {
    const direct = io(isTTY, { PAGER: `cat > ${file}.never` });
    await writePaged(output, direct.io, enabled);
    assert.deepEqual(direct.stdout, [output]);
  }
});

test('pager: a pager that does not exist leaves the text on stdout', async () => {
  const missing = io(true, { PAGER: 'paperboy-no-such-pager-command 2>/dev/null' });
  await writePaged('one\ntwo\nthree\nfour\n', missing.io, true);
  assert.deepEqual(missing.stdout, ['one\ntwo\nthree\nfour\n']);
});
