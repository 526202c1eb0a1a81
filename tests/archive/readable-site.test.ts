import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

/** `paperboy build` run under `umask 077`, as a hardened login or root shell has it. */
function buildUnderUmask077(root: string) {
  const run = spawnSync('sh', ['-c', 'umask 077 && exec "$@"', 'sh', process.execPath, BIN, 'build'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

/** Every file and folder under `dir` (itself included) that others may not read (files) or open (folders), by path. */
function hiddenFromOthers(dir: string): string[] {
  const hidden = (statSync(dir).mode & 0o005) === 0o005 ? [] : [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hidden.push(...hiddenFromOthers(path));
    else if ((statSync(path).mode & 0o004) === 0) hidden.push(path);
  }
  return hidden;
}

test('a site built under umask 077 is readable by a web server running as another user: files 0644, folders 0755, after a first build and after rebuilds that add pages and folders', () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'ready' }) });
  const dist = join(root, 'dist');
  buildUnderUmask077(root);
  assert.deepEqual(hiddenFromOthers(dist), []);
  assert.equal(statSync(join(dist, 'index.html')).mode & 0o777, 0o644);
  // A new tag: a few pages, one of them in a folder of its own, committed into the site through the journal.
  const issue = join(root, 'issues', '0001-a.md');
  writeFileSync(issue, readFileSync(issue, 'utf8').replace('tags: [emergence, scaling]', 'tags: [emergence, scaling, umask]'));
  buildUnderUmask077(root);
  assert.ok(readdirSync(join(dist, 'tags')).includes('umask'));
  assert.deepEqual(hiddenFromOthers(dist), []);
  // A second issue: restaged, the unchanged files linked from the site.
  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, status: 'ready', date: '2023-06-29' }));
  buildUnderUmask077(root);
  assert.deepEqual(hiddenFromOthers(dist), []);
});

test('a build under umask 077 leaves its caches its user\'s alone', () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'ready' }) });
  buildUnderUmask077(root);
  const cache = join(root, '.paperboy', 'cache');
  assert.equal(statSync(cache).mode & 0o077, 0);
  for (const name of readdirSync(cache)) assert.equal(statSync(join(cache, name)).mode & 0o077, 0, name);
});
