import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../src/store/database.js';
import { runCli } from '../helpers/cli.js';
import { makeRoot } from '../helpers/fixture.js';

const cli = (root: string, ...argv: string[]) => runCli(['subscribers', ...argv, '--root', root], { cwd: root });

/** A name as a database written before names were cleaned holds it: an ESC sequence, a C1 CSI (U+009B), a BEL, a tab and a line break. */
const STORED_NAME = 'Eve\u001b[2J\u009b31mRed\u0007\tTab\nLine';

/** A newsletter whose one subscriber's name is `STORED_NAME`, written into its SQLite file directly. */
async function rootWithStoredName(): Promise<string> {
  const root = makeRoot({});
  assert.equal((await cli(root, 'add', 'eve@example.org', '--name', 'Eve')).code, 0);
  const db = openStore(join(root, '.paperboy'));
  db.prepare('UPDATE subscribers SET name = ?').run(STORED_NAME);
  db.close();
  return root;
}

test('subscribers list shows a stored name\'s control characters, tab and line break as U+FFFD: one line of three cells, nothing sent to the terminal as a command', async () => {
  const root = await rootWithStoredName();
  const listed = await cli(root, 'list');
  assert.equal(listed.code, 0);
  assert.equal(listed.stdout, 'eve@example.org\tEve\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdRed\ufffd\ufffdTab\ufffdLine\tactive\n');
});

test('subscribers add naming a reader whose stored name holds control characters says the name it replaces as `list` shows it, on one line', async () => {
  const root = await rootWithStoredName();
  const added = await cli(root, 'add', 'eve@example.org', '--name', 'Eve Adams');
  assert.equal(added.code, 0);
  assert.equal(added.stdout, 'Already subscribed: eve@example.org (active); name now "Eve Adams" (was "Eve\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdRed\ufffd\ufffdTab\ufffdLine")\n');
});

test('subscribers export keeps a stored name as it is: a data file, read back by import, not a message to the terminal', async () => {
  const root = await rootWithStoredName();
  const exported = await cli(root, 'export');
  const [, row] = parse(exported.stdout, { bom: true }) as string[][];
  assert.equal(row![1], STORED_NAME);
});
