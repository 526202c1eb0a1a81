import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { readCacheJson, writeCacheFile } from '../../src/cache-file.js';
import { sha256 } from '../../src/sha256.js';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { newsletter, SECRET, send } from '../helpers/send.js';

/** Sets the newsletter's baseUrl, as an editor moving the archive does. */
function moveBaseUrl(root: string, baseUrl: string): void {
  const file = join(root, 'paperboy.config.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^baseUrl: .*$/m, `baseUrl: ${baseUrl}`));
}

/** The database file's bytes and time, and its schema version: what a build that only looks leaves as it was. */
function databaseState(root: string): { hash: string; mtimeMs: number; version: unknown } {
  const path = join(root, '.paperboy', 'paperboy.db');
  const db = new Database(path, { readonly: true });
  const version = db.pragma('user_version', { simple: true });
  db.close();
  return { hash: sha256(readFileSync(path)), mtimeMs: statSync(path).mtimeMs, version };
}

const WARNING = /^paperboy: baseUrl is https:\/\/www\.example\.org\/digest\/ now, but emails already sent link elsewhere .*: issue 1 was sent with https:\/\/digest\.example\.org\/\. What to do \(docs\/config\.md, "Moving baseUrl"/m;

test('build warns once when baseUrl moved since issues were sent: the old base, its issues, what to do (redirect, keep the old host at serve); exit 0, the database not written', { timeout: 60_000 }, async () => {
  const root = await newsletter(2);
  moveBaseUrl(root, 'https://digest.example.org/');
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  moveBaseUrl(root, 'https://www.example.org/digest/');
  const before = databaseState(root);

  for (const run of ['built', 'up to date']) {
    const build = spawnCli(['build'], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
    assert.equal(build.stderr.match(/baseUrl is/g)?.length, 1, `${run}: one warning\n${build.stderr}`);
    assert.match(build.stderr, WARNING, run);
    assert.match(build.stderr, /^ {2}- redirect https:\/\/digest\.example\.org\/… to https:\/\/www\.example\.org\/digest\/… at your proxy .*at \/unsubscribe itself$/m);
    assert.match(build.stderr, /^ {2}- keep digest\.example\.org pointed at `paperboy serve` \(proxied, not redirected/m);
  }
  assert.deepEqual(databaseState(root), before, 'read, never written nor migrated');
});

test('build warns of a moved baseUrl from a database an older paperboy left (no baseUrl recorded: known by the Message-IDs), and leaves its schema as it is', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  moveBaseUrl(root, 'https://digest.example.org/');
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  // As a paperboy from before `sent_link_bases` left it, its schema version behind this one's.
  const db = new Database(join(root, '.paperboy', 'paperboy.db'));
  db.exec('DROP TABLE sent_link_bases');
  db.pragma('user_version = 5');
  db.close();
  moveBaseUrl(root, 'https://www.example.org/digest/');
  const before = databaseState(root);
  const build = spawnCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stderr, WARNING);
  assert.deepEqual(databaseState(root), before);
});

test('build says nothing of baseUrl when every issue was sent under the current one, and makes no database where there is none', { timeout: 60_000 }, async () => {
  const sent = await newsletter(1);
  assert.equal((await send(sent, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  const build = spawnCli(['build'], { cwd: sent });
  assert.equal(build.code, 0, build.stderr);
  assert.doesNotMatch(build.stderr, /baseUrl/);

  const fresh = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const first = spawnCli(['build'], { cwd: fresh });
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(first.stderr, /baseUrl/);
  assert.ok(!existsSync(join(fresh, '.paperboy', 'paperboy.db')), 'no database made');
});

test('build: what a send writes after a build is in the next build\'s warning (a warning remembered between builds is the database\'s as it is now)', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  moveBaseUrl(root, 'https://digest.example.org/');
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  moveBaseUrl(root, 'https://www.example.org/digest/');
  assert.match(spawnCli(['build'], { cwd: root }).stderr, WARNING);
  // A resumed send after another move records its baseUrl too (SendJournal.recordLinkBase), with a connection of its own.
  const db = new Database(join(root, '.paperboy', 'paperboy.db'));
  db.prepare("INSERT INTO sent_link_bases (issue, base_url, first_at) VALUES (1, 'https://older.example.org/news/', ?)").run(new Date().toISOString());
  db.close();
  const build = spawnCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stderr, /issue 1 was sent with https:\/\/digest\.example\.org\/; issue 1 was sent with https:\/\/older\.example\.org\/news\/\./);
  assert.match(build.stderr, /^ {2}- keep older\.example\.org pointed at `paperboy serve`/m);
});

test('build: the moved-baseUrl warning says why it comes back on every build (sent mail keeps its links, paperboy cannot see the proxy) and that nothing more is needed once the proxy does its steps; a warning an earlier paperboy remembered is not said instead', { timeout: 60_000 }, async () => {
  const root = await newsletter(1);
  moveBaseUrl(root, 'https://digest.example.org/');
  assert.equal((await send(root, {}, { PAPERBOY_SECRET: SECRET })).code, 0);
  moveBaseUrl(root, 'https://www.example.org/digest/');
  const REPEATED = /^ {2}Said on every build while sent mail links under an old baseUrl: those emails keep their links for good, and paperboy cannot see your proxy\. Once it does the above, nothing more is needed\.$/m;
  for (const run of ['built', 'up to date']) {
    const build = spawnCli(['build'], { cwd: root });
    assert.equal(build.code, 0, build.stderr);
    assert.match(build.stderr, WARNING, run);
    assert.match(build.stderr, REPEATED, run);
  }
  // As the first format of the remembered warning held it: its text without that line.
  const cache = join(root, '.paperboy', 'cache', 'moved-base-url.json');
  const remembered = readCacheJson(cache) as { key: string; warning: string };
  const [, baseUrl, stamp] = JSON.parse(remembered.key) as [number, string, string];
  writeCacheFile(cache, JSON.stringify({ key: JSON.stringify([1, baseUrl, stamp]), warning: remembered.warning.replace(REPEATED, '').replace(/\n\n$/, '\n') }));
  const build = spawnCli(['build'], { cwd: root });
  assert.match(build.stderr, REPEATED);
});
