import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sha256 } from '../../src/sha256.js';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue } from '../helpers/fixture.js';
import { newsletter, SECRET, send } from '../helpers/send.js';

const ISSUE_FILE = join('issues', '0001-mirages.md');

/** Issue 1's file with `edit` made to its text; throws when it changed nothing. */
function editIssue(root: string, edit: (text: string) => string): void {
  const file = join(root, ISSUE_FILE);
  const text = readFileSync(file, 'utf8');
  const edited = edit(text);
  assert.notEqual(edited, text);
  writeFileSync(file, edited);
}

/** `paperboy build` with `flags`, which must exit 0: its stderr. */
function build(root: string, ...flags: string[]): string {
  const built = spawnCli(['build', ...flags], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  return built.stderr;
}

/** The lines of `stderr` that warn of a sent issue without its page. */
function sentWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^paperboy: warning: issue \d+\b.*, sent /.test(line));
}

function databaseBytes(root: string): { hash: string; mtimeMs: number } {
  const path = join(root, '.paperboy', 'paperboy.db');
  return { hash: sha256(readFileSync(path)), mtimeMs: statSync(path).mtimeMs };
}

const NO_PAGE = /^paperboy: warning: issue 1 \("Emergence mirages"\), sent \d{4}-\d{2}-\d{2} to 2 readers, has no page at issues\/1\/ in this build: the "view in browser" link of those emails answers 404\. /;

test('build warns, a line an issue, when an issue sent to readers has no page in the site: made a draft again, deleted, or renumbered without `formerly` (naming its number now); every build, up to date or --no-cache too; exit 0, the database not written', { timeout: 120_000 }, async () => {
  const root = await newsletter(2);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  assert.deepEqual(sentWarnings(build(root)), [], 'published: nothing to say');
  const before = databaseBytes(root);

  editIssue(root, (text) => text.replace('status: sent', 'status: draft'));
  for (const run of [[], [], ['--no-cache']]) {
    const warnings = sentWarnings(build(root, ...run));
    assert.equal(warnings.length, 1, `${run.join(' ')}\n${warnings.join('\n')}`);
    assert.match(warnings[0]!, NO_PAGE);
    assert.match(warnings[0]!, /Publish it again as issue 1 \(not a draft\), or, if it was renumbered, add `formerly: \[1\]` to its file \(docs\/issue-format\.md, `formerly`\)\.$/);
  }
  // A preview with the drafts has the page.
  assert.deepEqual(sentWarnings(build(root, '--drafts')), []);

  const text = readFileSync(join(root, ISSUE_FILE), 'utf8');
  rmSync(join(root, ISSUE_FILE));
  writeFileSync(join(root, 'issues', '0002-other.md'), cleanIssue({ number: 2, title: 'Another issue', date: '2023-06-26' }));
  assert.match(sentWarnings(build(root))[0] ?? '', NO_PAGE);

  // Renumbered 3: found by the title and date its send recorded.
  writeFileSync(join(root, ISSUE_FILE), text.replace('number: 1', 'number: 3').replace('status: draft', 'status: sent'));
  const renumbered = sentWarnings(build(root));
  assert.equal(renumbered.length, 1);
  assert.match(renumbered[0]!, NO_PAGE);
  assert.match(renumbered[0]!, /It is issue 3 now: add `formerly: \[1\]` to its file to keep its old address/);

  // Its old address kept: nothing to say.
  editIssue(root, (edited) => edited.replace('number: 3\n', 'number: 3\nformerly: [1]\n'));
  assert.deepEqual(sentWarnings(build(root)), []);
  assert.deepEqual(databaseBytes(root), before, 'read, never written');
});

test('build warns when a sent issue\'s address shows another issue now (two issues swapped), naming where the issue sent is', { timeout: 120_000 }, async () => {
  const root = await newsletter(1);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  writeFileSync(join(root, 'issues', '0002-other.md'), cleanIssue({ number: 1, title: 'Another issue', date: '2023-06-26' }));
  editIssue(root, (text) => text.replace('number: 1', 'number: 2'));
  const warnings = sentWarnings(build(root));
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /^paperboy: warning: issue 1 \("Emergence mirages"\), sent \d{4}-\d{2}-\d{2} to 1 reader, is issue 2 now, and issues\/1\/ shows issue 1 \("Another issue"\): the "view in browser" link of those emails leads to another issue\. Give the issues back their numbers/);
});

test('build: a proof (`send --test`) is no send to readers, and a send to the list address is named so', { timeout: 120_000 }, async () => {
  const proof = await newsletter(1);
  assert.equal((await send(proof, { test: 'editor@example.org' }, { PAPERBOY_SECRET: SECRET })).code, 0);
  editIssue(proof, (text) => text.replace('status: ready', 'status: draft'));
  assert.deepEqual(sentWarnings(build(proof)), []);

  const list = await newsletter(1);
  assert.equal((await send(list, { list: true }, { PAPERBOY_SECRET: SECRET })).code, 0);
  rmSync(join(list, ISSUE_FILE));
  writeFileSync(join(list, 'issues', '0002-other.md'), cleanIssue({ number: 2, title: 'Another issue', date: '2023-06-26' }));
  assert.match(sentWarnings(build(list))[0] ?? '', /^paperboy: warning: issue 1 \("Emergence mirages"\), sent \d{4}-\d{2}-\d{2} to the list address, has no page at issues\/1\//);
});

test('build warns of a sent issue without its page from a database an older paperboy left (no title or date recorded), naming it by its number', { timeout: 120_000 }, async () => {
  const root = await newsletter(1);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  editIssue(root, (text) => text.replace('status: sent', 'status: draft'));
  const db = new Database(join(root, '.paperboy', 'paperboy.db'));
  db.exec('ALTER TABLE send_runs DROP COLUMN issue_title; ALTER TABLE send_runs DROP COLUMN issue_date');
  db.close();
  const warnings = sentWarnings(build(root));
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /^paperboy: warning: issue 1, sent \d{4}-\d{2}-\d{2} to 1 reader, has no page at issues\/1\/ in this build: .* Publish it again as issue 1 \(not a draft\)/);
});

test('build never fails over the journal: a database locked by another process, damaged, or of a schema with no journal builds as without one, saying nothing of it', { timeout: 120_000 }, async () => {
  const root = await newsletter(1);
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  editIssue(root, (text) => text.replace('status: sent', 'status: draft'));
  const path = join(root, '.paperboy', 'paperboy.db');

  // Held exclusively (a rollback journal, where a writer's lock keeps readers out): the build waits a second, no more.
  const holder = new Database(path);
  holder.pragma('journal_mode = DELETE');
  holder.exec('BEGIN EXCLUSIVE');
  try {
    const locked = spawnCli(['build', '--no-cache'], { cwd: root });
    assert.equal(locked.code, 0, locked.stderr);
    assert.deepEqual(sentWarnings(locked.stderr), []);
    assert.doesNotMatch(locked.stderr, /SQLITE|at .*\.js:\d+/);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  assert.equal(sentWarnings(build(root, '--no-cache')).length, 1, 'unlocked: said');

  writeFileSync(path, 'not a database, and long enough to look like a header of one');
  const damaged = spawnCli(['build', '--no-cache'], { cwd: root });
  assert.equal(damaged.code, 0, damaged.stderr);
  assert.deepEqual(sentWarnings(damaged.stderr), []);
  assert.doesNotMatch(damaged.stderr, /SQLITE|at .*\.js:\d+/);

  rmSync(path);
  const empty = new Database(path);
  empty.exec('CREATE TABLE subscribers (id INTEGER PRIMARY KEY)');
  empty.close();
  const old = spawnCli(['build', '--no-cache'], { cwd: root });
  assert.equal(old.code, 0, old.stderr);
  assert.deepEqual(sentWarnings(old.stderr), []);
});
