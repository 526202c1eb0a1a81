import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';

/*
 * The files a subscriber list arrives in, as spreadsheets and other tools
 * write them: what is read, what is refused at FILE:LINE:COLUMN, and that
 * nothing accepted is silently lost.
 */

const cli = (root: string, ...argv: string[]) => runCli(['subscribers', ...argv, '--root', root], { cwd: root });

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

test('subscribers export: written as UTF-8 with a BOM, as papers.csv is (Excel reads a CSV without one as Windows-1252), on stdout and --out; the export imports back, accented names intact', async () => {
  const root = makeRoot({});
  await cli(root, 'add', 'zoe@example.org', '--name', 'Zoë Ångström');
  const stdout = (await cli(root, 'export')).stdout;
  assert.ok(stdout.startsWith('\ufeffemail,name,status,'), JSON.stringify(stdout.slice(0, 20)));
  assert.equal((await cli(root, 'export', '--out', 'list.csv')).code, 0);
  const written = readFileSync(join(root, 'list.csv'));
  assert.deepEqual(written.subarray(0, 3), BOM);
  assert.equal(written.indexOf(BOM, 3), -1, 'one BOM, at the start only');

  const other = makeRoot({ 'list.csv': written });
  const imported = await cli(other, 'import', 'list.csv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stderr, '');
  assert.equal((await cli(other, 'list')).stdout, 'zoe@example.org\tZoë Ångström\tactive\n');
});
