import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanIssue, cleanIssueWithMarkdown, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { displayWidth } from '../../src/render/text/index.js';
import { BIN } from '../helpers/cli.js';

/**
 * `paperboy preview --watch` in a real terminal: tmux runs it in a detached
 * 100×40 session, the test edits the file as an editor would and reads the
 * screen with `capture-pane`. Runs the compiled CLI (lib/): build first
 * (`node scripts/run-tests.mjs tests/cli/preview` does).
 */
const TMUX = 'tmux';
const hasTmux = spawnSync(TMUX, ['-V']).status === 0;
const STEP_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class TmuxSession {
  readonly socket = `paperboy-test-${process.pid}-${Date.now()}`;

  tmux(...args: string[]): string {
    const result = spawnSync(TMUX, ['-L', this.socket, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_HYPERLINK: '0' } });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p');
  }

  /** Polls the screen until `text` is on it; fails with the screen after a bounded wait. */
  async waitFor(text: string | RegExp, what: string): Promise<string> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      await sleep(50);
    }
    assert.fail(`${what}: ${String(text)} not on screen after ${STEP_TIMEOUT_MS} ms:\n${screen}`);
  }

  kill(): void {
    spawnSync(TMUX, ['-L', this.socket, 'kill-server']);
  }
}

test('preview --watch in tmux: renders, follows edits and atomic saves, survives broken YAML, quits on q', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Watched issue' }) });
  const path = join(root, 'issues', '0001-watched.md');
  const session = new TmuxSession();
  try {
    // After the CLI exits the shell says so and lingers, so the test can read how it ended.
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `node ${BIN} preview --watch --root ${root} 1; echo "paperboy exited with $?"; sleep 30`);
    await session.waitFor('Watched issue', 'first render');
    await session.waitFor('No lint problems', 'lint diagnostics above the render');

    writeFileSync(path, cleanIssue({ title: 'Edited in place' }));
    await session.waitFor('Edited in place', 'an edit');

    // vim's way: write a new file and rename it over the old one.
    writeFileSync(`${path}.tmp`, cleanIssue({ title: 'Saved by rename' }));
    renameSync(`${path}.tmp`, path);
    await session.waitFor('Saved by rename', 'an atomic save');
    // vim with a backup: move the file away, write it anew, remove the backup.
    renameSync(path, `${path}~`);
    writeFileSync(path, cleanIssue({ title: 'Saved after a backup' }));
    unlinkSync(`${path}~`);
    await session.waitFor('Saved after a backup', 'a save through a backup file');

    writeFileSync(path, cleanIssue({ title: 'Saved after a backup' }).replace('title: Saved after a backup', 'title: [half typed'));
    const broken = await session.waitFor(/Unexpected YAML[^]*yaml-syntax/, 'the YAML error, with its rule id');
    assert.match(broken, /cannot be rendered until the errors above are fixed/);
    await sleep(500);
    assert.doesNotMatch(session.screen(), /paperboy exited/, 'the watcher is still running');

    writeFileSync(path, cleanIssue({ title: 'Fixed again' }));
    await session.waitFor('Fixed again', 'the render after the fix');
    // The previous diagnostics stay above the new render while the linter
    // runs ("linting…" in the status line): judge them once it is done.
    const fixed = await session.waitFor(/Fixed again[^]*linted at|linted at[^]*Fixed again/, 'the diagnostics of the fixed file');
    assert.doesNotMatch(fixed, /yaml-syntax/);

    session.tmux('send-keys', 'q');
    const after = await session.waitFor('paperboy exited with', 'exit on q');
    assert.match(after, /paperboy exited with 0/);
    assert.doesNotMatch(after, /Fixed again/, 'the alternate screen is gone: the shell screen is back');
  } finally {
    session.kill();
  }
});

test('preview --watch in tmux: starts on an issue whose frontmatter is broken, by number, path or as the newest, shows why, and renders it once fixed', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const broken = cleanIssue({ title: 'Was broken' }).replace('title: Was broken', 'title: [half typed');
  for (const reference of ['1', 'issues/0001-broken.md', '']) {
    const root = makeRoot({ 'issues/0001-broken.md': broken });
    const session = new TmuxSession();
    try {
      session.tmux('new-session', '-d', '-x', '100', '-y', '40', `cd ${root} && node ${BIN} preview --watch ${reference}; echo "paperboy exited with $?"; sleep 30`);
      await session.waitFor(/Unexpected YAML[^]*yaml-syntax/, `the YAML error (${reference})`);
      assert.doesNotMatch(session.screen(), /paperboy exited/, 'the watcher is running');
      writeFileSync(join(root, 'issues', '0001-broken.md'), broken.replace('title: [half typed', 'title: Was broken'));
      await session.waitFor('Was broken', `the render after the fix (${reference})`);
    } finally {
      session.kill();
    }
  }
});

test('preview --watch in tmux: follows the terminal width when resized, quits on Ctrl-C', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-resized.md': cleanIssue({ title: 'Resized issue' }) });
  const session = new TmuxSession();
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `node ${BIN} preview --watch --root ${root}; echo "paperboy exited with $?"; sleep 30`);
    await session.waitFor('Resized issue', 'first render');
    // The rule under the inbox header is as wide as the text: the whole 100 columns.
    await session.waitFor(/^─{100}$/m, 'a rule of 100 columns at 100 columns');
    session.tmux('resize-window', '-x', '50', '-y', '40');
    await session.waitFor(/^─{50}$/m, 'a rule of 50 columns after the resize');
    session.tmux('send-keys', 'C-c');
    await session.waitFor('paperboy exited with 0', 'exit on Ctrl-C');
  } finally {
    session.kill();
  }
});

test('preview --watch in tmux: issues added or removed beside the watched one count in its cross-issue lint', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Watched issue' }) });
  const path = join(root, 'issues', '0001-watched.md');
  const copy = join(root, 'issues', '0002-copy.md');
  const session = new TmuxSession();
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `node ${BIN} preview --watch --root ${root} 1; sleep 30`);
    await session.waitFor('No lint problems', 'the first lint');

    writeFileSync(copy, cleanIssue({ title: 'A copy with the same number' }));
    await sleep(300);
    writeFileSync(path, cleanIssue({ title: 'Saved after the copy' }));
    await session.waitFor(/Saved after the copy[^]*linted at|issue-number-unique/, 'the lint after the save');
    await session.waitFor('issue-number-unique', 'the new issue beside it in the cross-issue rules');

    unlinkSync(copy);
    await sleep(300);
    writeFileSync(path, cleanIssue({ title: 'Saved after the removal' }));
    const removed = await session.waitFor(/Saved after the removal[^]*No lint problems|No lint problems[^]*Saved after the removal/, 'the lint after the removal');
    assert.doesNotMatch(removed, /issue-number-unique/);
  } finally {
    session.kill();
  }
});

test('preview --watch in tmux: a duplicate number goes from the screen as soon as the other file is renamed away, and a file renamed in says its new name, with no save of the watched issue', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Watched issue' }), 'issues/0002-copy.md': cleanIssue({ title: 'A copy with the same number' }) });
  const copy = join(root, 'issues', '0002-copy.md');
  const session = new TmuxSession();
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `cd ${root} && node ${BIN} preview --watch issues/0001-watched.md; sleep 30`);
    await session.waitFor(/also used by 0002-copy\.md[^]*issue-number-unique/, 'the duplicate number');

    renameSync(copy, `${copy}.bak`);
    const renamed = await session.waitFor(/No lint problems[^]*Watched issue/, 'the lint after the rename');
    assert.doesNotMatch(renamed, /issue-number-unique/);

    renameSync(`${copy}.bak`, join(root, 'issues', '0003-copy.md'));
    await session.waitFor(/also used by 0003-copy\.md/, 'the duplicate number under the file\'s new name');
  } finally {
    session.kill();
  }
});

test('preview --watch in tmux: follows the issues folder when it is replaced (moved away and made anew, as a checkout does)', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Before the checkout' }), 'issues/0002-gone.md': cleanIssue({ number: 2, title: 'Gone after the checkout' }) });
  const folder = join(root, 'issues');
  const path = join(folder, '0001-watched.md');
  const session = new TmuxSession();
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `node ${BIN} preview --watch --root ${root} 1; echo "paperboy exited with $?"; sleep 30`);
    await session.waitFor('No lint problems', 'the first lint');

    renameSync(folder, `${folder}.old`);
    mkdirSync(folder);
    // The new folder's issue 2 has the watched issue's number: the cross-issue lint must see the new folder's files.
    writeFileSync(join(folder, '0002-twin.md'), cleanIssue({ number: 1, title: 'A twin in the new folder' }));
    writeFileSync(path, cleanIssue({ title: 'After the checkout' }));
    await session.waitFor('After the checkout', 'the file in the new folder');
    await session.waitFor('issue-number-unique', 'the new folder\'s other issue in the cross-issue rules');

    writeFileSync(path, cleanIssue({ title: 'Saved in the new folder' }));
    await session.waitFor('Saved in the new folder', 'a save in the new folder');
    assert.doesNotMatch(session.screen(), /paperboy exited/);
  } finally {
    session.kill();
  }
});

test('preview --watch in tmux: a saved config is read again; one that cannot be read says why above the last preview, and counts once fixed', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Watched issue' }) });
  const config = join(root, 'paperboy.config.yaml');
  const session = new TmuxSession();
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `node ${BIN} preview --watch --root ${root} 1; echo "paperboy exited with $?"; sleep 30`);
    await session.waitFor('No lint problems', 'the first lint');
    assert.match(session.screen(), /From +Test Newsletter <news@example\.org>/);

    writeFileSync(config, CONFIG_YAML.replace('from: "Test Newsletter', 'from: "The Renamed Digest'));
    await session.waitFor(/From +The Renamed Digest <news@example\.org>/, 'the sender of the saved config');

    writeFileSync(config, `${CONFIG_YAML}name: [half typed\n`);
    const broken = await session.waitFor(/paperboy\.config\.yaml:5:1: Unexpected/, 'why the config cannot be read, where');
    assert.match(broken, /Until it is fixed, the preview uses the settings read before/);
    assert.match(broken, /From +The Renamed Digest/, 'the last preview stays');
    assert.match(broken, /Watched issue/);

    writeFileSync(config, CONFIG_YAML.replace('from: "Test Newsletter', 'from: "Fixed Digest'));
    // The new preview shows at once, the diagnostics above it once the lint that follows is done: the config's problem goes then.
    const fixed = await session.waitFor(/^(?![\s\S]*Until it is fixed)[\s\S]*From +Fixed Digest/, 'the fixed config, its problem gone');
    assert.match(fixed, /No lint problems/);
    assert.doesNotMatch(session.screen(), /paperboy exited/);
  } finally {
    session.kill();
  }
});

test('preview --watch in tmux: follows the issue when its file is renamed (git mv, a save under a new name), says when it is gone, and shows it again when it comes back', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const root = makeRoot({ 'issues/0001-watched.md': cleanIssue({ title: 'Watched issue' }), 'issues/0002-other.md': cleanIssue({ number: 2, title: 'Another issue' }) });
  const issue = (name: string) => join(root, 'issues', name);
  const session = new TmuxSession();
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '40', `cd ${root} && node ${BIN} preview --watch 1; echo "paperboy exited with $?"; sleep 30`);
    await session.waitFor('No lint problems', 'the first lint');

    // `git mv`: the same bytes under a new name.
    renameSync(issue('0001-watched.md'), issue('0001-moved.md'));
    await session.waitFor(/Watched issue[^]*0001-moved\.md · linted at/, 'the issue under its new name');
    writeFileSync(issue('0001-moved.md'), cleanIssue({ title: 'Saved under the new name' }));
    await session.waitFor('Saved under the new name', 'a save of the file under its new name');

    // Saved under another name with new text, the old file removed: found by its number.
    writeFileSync(issue('0001-retitled.md'), cleanIssue({ title: 'Retitled and renamed' }));
    unlinkSync(issue('0001-moved.md'));
    await session.waitFor(/Retitled and renamed[^]*0001-retitled\.md · linted at/, 'the issue found by its number');

    unlinkSync(issue('0001-retitled.md'));
    const gone = await session.waitFor(/issues\/0001-retitled\.md is gone/, 'the file gone');
    assert.match(gone, /Its file is gone: shown again once it is back./);
    assert.doesNotMatch(gone, /No lint problems|Another issue/, 'neither the last lint nor another issue is shown as current');

    writeFileSync(issue('0001-retitled.md'), cleanIssue({ title: 'Back again' }));
    await session.waitFor(/No lint problems[^]*Back again/, 'the file back under its name');
    assert.doesNotMatch(session.screen(), /paperboy exited/);
  } finally {
    session.kill();
  }
});

test('preview --width 20, 30 and 40 in tmux: every line it prints fits the width, the header\'s long From address and the private notes\' label too', { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
  const config = CONFIG_YAML.replace('from: "Test Newsletter <news@example.org>"', 'from: "Supercalifragilistic Newsletter <supercalifragilisticexpialidocious@newsletter.example.org>"');
  const summary = ['A summary with a longwordthatgoesonandonandonforeverandever in it.', '', '```', 'code_block_line_that_is_quite_long_and_unbreakable_really', '```'].join('\n');
  const root = makeRoot({ 'issues/0001-narrow.md': cleanIssueWithMarkdown({ summary, notes: 'A private note.' }, { title: 'Pneumonoultramicroscopicsilicovolcanoconiosis explained' }) }, config);
  for (const width of [20, 30, 40]) {
    const session = new TmuxSession();
    try {
      // A pane wider than the preview, so that tmux wraps nothing: a line too wide shows as it was printed.
      session.tmux('new-session', '-d', '-x', '120', '-y', '50', `node ${BIN} preview 1 --width ${width} --no-pager --root ${root}; echo "paperboy exited with $?"; sleep 30`);
      await session.waitFor('paperboy exited with 0', `the preview at --width ${width}`);
      const printed = session.tmux('capture-pane', '-p', '-S', '-', '-E', '-').split('\n');
      const end = printed.findIndex((line) => line.startsWith('paperboy exited'));
      const lines = printed.slice(0, end);
      assert.ok(lines.some((line) => line.startsWith('From ')), lines.join('\n'));
      assert.ok(lines.join(' ').includes('Private notes (not sent)'), lines.join('\n'));
      for (const line of lines) assert.ok(displayWidth(line.trimEnd()) <= width, `over ${width}: ${line}`);
    } finally {
      session.kill();
    }
  }
});
