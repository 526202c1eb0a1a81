import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/io.js';
import { MAX_CSV_BYTES } from '../../src/subscribers/csv-file.js';
import { BIN, runCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';
import { zipOf } from '../helpers/zip.js';

/*
 * `subscribers import` reads its file as a stream: what is not a CSV of
 * text is refused from its first bytes, and an endless or huge input is
 * refused at a limit, not read into memory to the end.
 */

/** `subscribers import -` in `root` with `chunks` as the standard input; how many bytes it pulled. */
async function importStdin(root: string, chunks: () => AsyncGenerator<Buffer>) {
  let pulled = 0;
  let stdout = '';
  let stderr = '';
  async function* counted() {
    for await (const chunk of chunks()) {
      pulled += chunk.length;
      yield chunk;
    }
  }
  const stdin = { [Symbol.asyncIterator]: counted } as unknown as CommandIO['stdin'];
  const io: CommandIO = { stdout: { write: (text: string) => (stdout += text), isTTY: false }, stderr: { write: (text: string) => (stderr += text), isTTY: false }, stdin, cwd: root, env: {} };
  const code = await main(['subscribers', 'import', '-', '--root', root], io);
  return { code, stdout, stderr, pulled };
}

const MiB = 1024 * 1024;

test('subscribers import: a file with a NUL byte in its first line (a binary file) is refused as no text at the NUL\'s line:column (exit 2), nothing imported', async () => {
  const binary = Buffer.concat([Buffer.from('email,name\0'), Buffer.alloc(2 * MiB, 1)]);
  const root = makeRoot({ 'list.csv': binary });
  const result = await runCli(['subscribers', 'import', 'list.csv', '--root', root], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr.split('\n')[0], 'paperboy: list.csv:1:11: Unexpected NUL byte (0x00), expected a CSV file of text: this is a binary file, or a stream of zeros');
  assert.equal((await runCli(['subscribers', 'count', '--root', root], { cwd: root })).stdout.trim(), '0');
});

test('subscribers import /dev/zero is refused at 1:1 as no text within seconds (exit 2), not read to 2 GiB', () => {
  const root = makeRoot({});
  const run = spawnSync(process.execPath, [BIN, 'subscribers', 'import', '/dev/zero'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.signal, null, 'still reading after 20 s');
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^paperboy: \/dev\/zero:1:1: Unexpected NUL byte \(0x00\)/);
});

test('subscribers import - of a zipped export says to unzip it by a name of the user\'s, never the standard input\'s <stdin> as a shell word', async () => {
  const zip = zipOf({ 'email_list.digest.csv': 'email,email_disabled\nada@example.org,false\n' });
  const result = await importStdin(makeRoot({}), async function* () {
    yield zip;
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: <stdin>:1:1: Unexpected ZIP archive of CSV files \(`email_list\.digest\.csv` in it\)/);
  assert.match(result.stderr, /`unzip EXPORT\.zip -d export && for f in export\/\*\.csv; do paperboy subscribers import "\$f"; done`/);
});

test('subscribers import - of an endless stream of zeros reads no more than its first chunks before refusing it (exit 2)', async () => {
  const zeros = Buffer.alloc(64 * 1024);
  const result = await importStdin(makeRoot({}), async function* () {
    // Bounded, so that a reader that reads to the end fails this test rather than hanging it.
    for (let i = 0; i < 1024; i++) yield zeros;
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: <stdin>:1:1: Unexpected NUL byte \(0x00\)/);
  assert.ok(result.pulled <= MiB, `pulled ${result.pulled} bytes`);
});

test('subscribers import - of a CSV over 256 MiB is refused once read past the limit (exit 2), the rest unread, nothing imported', async () => {
  const root = makeRoot({});
  const rows = Buffer.from('reader@example.org,Reader\n'.repeat(40_330));
  const result = await importStdin(root, async function* () {
    yield Buffer.from('email,name\n');
    for (let pulled = 0; ; pulled += rows.length) {
      // Past the limit and more: a reader that goes on gets an error instead, and this test fails fast.
      if (pulled > MAX_CSV_BYTES + 4 * MiB) throw new Error('read past the limit');
      yield rows;
    }
  });
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr.split('\n')[0], 'paperboy: <stdin>: Unexpected CSV file of over 256 MiB, expected at most 256 MiB');
  assert.ok(result.pulled <= MAX_CSV_BYTES + 2 * MiB, `pulled ${result.pulled} bytes`);
  assert.equal((await runCli(['subscribers', 'count', '--root', root], { cwd: root })).stdout.trim(), '0');
});

test('subscribers import - of a 300,000-row CSV in 64 KiB chunks (a pipe) imports every row', async () => {
  const root = makeRoot({});
  const text = `email,name\n${Array.from({ length: 300_000 }, (_, i) => `reader${i}@example.org,Reader ${i}\n`).join('')}`;
  const bytes = Buffer.from(text);
  const result = await importStdin(root, async function* () {
    for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Imported <stdin>: 300000 added/);
});
