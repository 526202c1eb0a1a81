import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

// Every command with `--out <file>`, and what its file starts with.
const COMMANDS: [string[], RegExp][] = [
  [['render', '1'], /^<!doctype html>/i],
  [['papers', 'export', '--format', 'bib'], /^@/],
  // A UTF-8 BOM first, as papers.csv: Excel reads the names' accents as written.
  [['subscribers', 'export'], /^\uFEFFemail,/],
];

test('--out writes the file and prints its absolute path: render, papers export, subscribers export', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  for (const [args, starts] of COMMANDS) {
    const result = await runCli([...args, '--out', 'out.txt'], { cwd: root });
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, `${join(root, 'out.txt')}\n`, args.join(' '));
    assert.match(readFileSync(join(root, 'out.txt'), 'utf8'), starts, args.join(' '));
  }
});

test('--out in a folder that does not exist, or naming a folder, is a clear error (exit 2) naming the path, no stack trace, nothing made', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  mkdirSync(join(root, 'a-folder'));
  const cases: [string, RegExp][] = [
    ['missing/out.txt', /Cannot write --out .*missing.out\.txt: the folder .*missing does not exist/],
    ['a-folder', /Cannot write --out .*a-folder: it is a folder; name a file in it/],
  ];
  for (const [args] of COMMANDS) {
    for (const [out, message] of cases) {
      const result = await runCli([...args, '--out', out], { cwd: root });
      const what = `${args.join(' ')} --out ${out}`;
      assert.equal(result.code, 2, `${what}: ${result.stderr}`);
      assert.match(result.stderr, message, what);
      assert.match(result.stderr, /Pass --out the path of a file/, what);
      assert.doesNotMatch(result.stderr, /\n\s+at /, what);
    }
  }
  assert.deepEqual(readdirSync(join(root, 'a-folder')), []);
  assert.ok(!readdirSync(root).includes('missing'));
});

test('--out on a full disk exits 74 (the output could not be written) and says to free room, not to pass another path, and an empty --out is a usage error, not "it is a folder"', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  for (const [args] of COMMANDS) {
    const what = args.join(' ');
    const full = await runCli([...args, '--out', '/dev/full'], { cwd: root });
    assert.equal(full.code, 74, `${what}: ${full.stderr}`);
    assert.match(full.stderr, /Cannot write --out \/dev\/full: the disk is full \(ENOSPC\)\n {2}Free some room on the disk/, what);
    assert.doesNotMatch(full.stderr, /folder that exists/, `${what}: the path was right, the disk is full`);
    const empty = await runCli([...args, '--out', ''], { cwd: root });
    assert.equal(empty.code, 2, `${what}: ${empty.stderr}`);
    assert.match(empty.stderr, /Unexpected empty --out, expected the path of a file/, what);
  }
});
