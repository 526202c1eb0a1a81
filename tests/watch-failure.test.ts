import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { BIN, spawnCli } from './helpers/cli.js';
import { cleanIssue, makeRoot } from './helpers/fixture.js';
import { exited, serve } from './helpers/serve.js';
import { CAN_LIMIT_WATCHES, withWatchLimit } from './helpers/watch-limit.js';

/**
 * The system's limit on watched files reached (Linux's
 * fs.inotify.max_user_watches, set low for the command only): every
 * command that watches says which file it cannot watch, what does not
 * happen now and how to raise the limit, and goes on; none ends with a
 * stack trace, none goes on as if it saw the saves.
 */
const skip = CAN_LIMIT_WATCHES ? false : 'the kernel refuses a user namespace here (unshare --user), where a test sets the limit on watched files';
const SAID = /the system's limit on watched files is reached \(Linux's fs\.inotify\.max_user_watches\): raise it \(`sudo sysctl fs\.inotify\.max_user_watches=524288`/;

test('serve --dev where the system refuses file watches: says the file it cannot watch, that saves are not rebuilt and how to raise the limit, once; serves the site, no stack trace', { skip, timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Served anyway' }), 'issues/0002-b.md': cleanIssue({ number: 2, title: 'Second' }) });
  const server = await serve(root, ['--dev'], {}, (argv) => withWatchLimit(2, argv));
  try {
    const page = await fetch(new URL('issues/1/', server.url));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Served anyway/);
    assert.match(server.stderr(), new RegExp(`paperboy: cannot watch ${root}\\S*, so saves are not rebuilt: ${SAID.source}`));
    assert.equal(server.stderr().match(/limit on watched files/g)?.length, 1, 'said once, not for every file');
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
  assert.doesNotMatch(server.stderr(), /\n\s+at |ENOSPC: System limit/, 'no stack trace');
});

test('serve where the system refuses file watches: says it cannot follow rebuilds of outDir and how to raise the limit; serves the site', { skip, timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Built before' }) });
  assert.equal(spawnCli(['build', '--root', root], { cwd: root }).code, 0);
  const server = await serve(root, [], undefined, (argv) => withWatchLimit(0, argv));
  try {
    assert.equal((await fetch(new URL('issues/1/', server.url))).status, 200);
    assert.match(server.stderr(), new RegExp(`paperboy: cannot watch \\S+, so a rebuild of ${root}/dist is not served: ${SAID.source}`));
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

test('preview --watch where the system refuses file watches: says above the preview that saves are not shown and how to raise the limit', { skip: skip || (hasTmux ? false : 'tmux is not installed'), timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Watched' }) });
  const socket = `paperboy-watch-limit-${process.pid}-${Date.now()}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const argv = withWatchLimit(1, [process.execPath, BIN, 'preview', '--watch', '--root', root, '1']).map((word) => `'${word.replaceAll("'", "'\\''")}'`);
  tmux('new-session', '-d', '-x', '200', '-y', '50', `${argv.join(' ')}; sleep 30`);
  try {
    let screen = '';
    for (let i = 0; i < 200 && !/linted at/.test(screen); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      screen = tmux('capture-pane', '-p', '-J').stdout;
    }
    const joined = screen.replace(/\n {4}/g, ' ');
    assert.match(joined, new RegExp(`paperboy: cannot watch ${root}\\S*, so saves are not shown: ${SAID.source}`), screen);
    assert.match(screen, /Watched/);
  } finally {
    tmux('kill-server');
  }
});
