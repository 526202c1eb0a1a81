import { basename, dirname, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import { CONFIG_FILE, configChangedSince, loadConfig } from '../config/load.js';
import { isPaperboyError } from '../errors.js';
import { isIssueFile, listIssueFiles } from '../issue/load.js';
import { Workspace, type IssueFile } from '../issue/workspace.js';
import { lintIssues } from '../lint/engine.js';
import { LintSession } from '../lint/session.js';
import { formatStylish } from '../lint/format/stylish.js';
import { unreadTemplateLines } from '../lint/format/unread-templates.js';
import { previewIssue, type TerminalPreviewOptions } from '../render/terminal/index.js';
import { formatMegabytes } from '../render/format.js';
import { currentTemplates } from '../render/templates.js';
import type { CommandIO } from '../io.js';
import { successorOf, watchedAsRead, type WatchedIssue } from './follow.js';
import { RenderScheduler } from './render-scheduler.js';
import { frameLines, noProblems, type WatchFrame } from './watch-frame.js';
import { createWatchScreen } from './watch-screen.js';
import { unreadableFileOf, watchFailure } from '../watch-failure.js';
import { shownPath } from '../path-within.js';

/** Quiet time after the last file event before rendering: a save is often several writes. */
const DEBOUNCE_MS = 30;

/**
 * Set to `1`: after each save, `paperboy-watch rendered <sha256 of the file> <ms>`
 * goes to stderr when the preview is on screen, and `paperboy-watch linted …`
 * when the diagnostics are (scripts/bench-watch.ts waits for these lines).
 */
const TRACE_ENV = 'PAPERBOY_WATCH_TRACE';

export interface WatchPreviewOptions {
  workspace: Workspace;
  /** The issue file, absolute. */
  path: string;
  /** Read on every render: the width follows the terminal's when it is resized. */
  display: () => TerminalPreviewOptions;
}

/**
 * `preview --watch`: renders, then again after every save of the file or of
 * the config, until `q` or Ctrl-C. The preview shows as soon as it is
 * rendered and the lint diagnostics above it when the linter is done (on a
 * large newsletter it reads every issue). No content ever stops it: an
 * issue that cannot be rendered shows its errors above the last render that
 * worked, and a config that cannot be read shows why above the preview made
 * with the settings read before.
 */
export async function watchPreview(options: WatchPreviewOptions, io: CommandIO): Promise<number> {
  // The watched file: it follows the issue to its new name when the file is renamed (`followed`).
  let path = options.path;
  // The issue as last read, which a renamed file is known again by.
  let watched: WatchedIssue | undefined;
  let workspace = options.workspace;
  const screen = createWatchScreen(io.stdout, options.display().color);
  let lastPreview: string | undefined;
  let lastDiagnostics: string | undefined;
  // What is on screen: a file event that changed nothing (reading it updates
  // its access time, which fs.watch reports) draws nothing again.
  let shown = '';
  // What the lints of this watch remember between saves: only the files that changed are read again.
  let session = new LintSession();
  // The config saved since the last render (read again then), and why the last one read could not be used.
  let configSaved = false;
  let configProblem: string | undefined;
  let configRead = 0;
  // Counts the changes to the other issues (added, saved, renamed, removed): each changes what the cross-issue rules say of this one.
  let neighboursChanged = 0;
  // The first file the system refused to watch (its limit on watches reached): said above the diagnostics until the preview ends.
  let watchProblem: string | undefined;
  const watchFailed = (error: unknown): void => {
    // A loop of links beside the config or the issues folder: no watch is lost, and what it means for the issue is read again.
    if (unreadableFileOf(error) !== undefined) return scheduler.schedule();
    if (watchProblem !== undefined) return;
    watchProblem = `paperboy: ${watchFailure(error, 'saves are not shown')}`;
    scheduler.schedule();
  };

  /** The config as saved now, with a workspace of its own (its issues folder, sections and rules may have changed); kept as it was when the file cannot be used. */
  const reloadConfig = async (): Promise<void> => {
    configSaved = false;
    try {
      const config = await loadConfig(workspace.config.root);
      workspace = await Workspace.loadCached(config);
      session = new LintSession();
      configProblem = undefined;
    } catch (error) {
      if (!isPaperboyError(error)) throw error;
      configProblem = `paperboy: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}\n  Until it is fixed, the preview uses the settings read before.`;
    }
    configRead++;
  };

  /**
   * The watched file as it is now. When nothing is at its path any more,
   * the issue is looked for in its folder (`successorOf`), the files not
   * yet read included, and followed there; undefined when it is gone.
   */
  const followed = async (): Promise<IssueFile | undefined> => {
    const file = await workspace.reload(path);
    if (!file.source.unreadable?.cause?.missing) {
      watched = watchedAsRead(file, workspace.issueFiles, watched);
      return file;
    }
    workspace.forget(path);
    if (watched === undefined) return undefined;
    await readUnknownIssues(workspace);
    const next = successorOf(watched, workspace.issueFiles);
    if (!next) return undefined;
    path = next.path;
    return followed();
  };

  const refresh = async (): Promise<void> => {
    const started = performance.now();
    const display = options.display();
    const show = (frame: WatchFrame, event: 'rendered' | 'linted' | 'gone', hash: string): void => {
      const elapsed = Math.round(performance.now() - started);
      // The diagnostics keep their place while the linter runs, so the preview under them does not jump.
      const linting = event === 'rendered' ? ' · linting…' : '';
      // The file's name first: the status line is cut at the terminal's edge.
      const status = `${basename(path)} · ${event} at ${new Date().toLocaleTimeString('en-GB')}${event === 'gone' ? '' : ` in ${elapsed} ms`}${linting}`;
      screen.show(frameLines(frame, display), status);
      if (io.env[TRACE_ENV] === '1' && event !== 'gone') io.stderr.write(`paperboy-watch ${event} ${hash} ${elapsed}\n`);
    };
    try {
      if (configSaved) await reloadConfig();
      const file = await followed();
      if (!file) {
        shown = '';
        show({ diagnostics: goneMessage(path, watched, io.cwd), preview: undefined, lastPreview, unrendered: GONE }, 'gone', '');
        return;
      }
      const key = JSON.stringify([path, file.source.hash, display, configRead, neighboursChanged, watchProblem]);
      if (key === shown) return;
      shown = '';
      // The render and the lint hold the process while they run: on a large file, long enough that the screen must not pass for current.
      if (file.source.text.length >= LARGE_TEXT) {
        const last = lastPreview === undefined ? '' : ', the last render shown until it is done';
        screen.status(`${basename(path)} · rendering ${formatMegabytes(Buffer.byteLength(file.source.text))}${last}…`);
      }
      // The templates as they are now: an edit of one shows at the next save of the issue.
      const templates = currentTemplates(workspace.config.templatesDir);
      const { output } = previewIssue(workspace, file, { ...display, templates });
      lastPreview = output ?? lastPreview;
      if (output !== undefined) show({ diagnostics: lastDiagnostics, preview: output, lastPreview }, 'rendered', file.source.hash);
      const results = await lintIssues(workspace.config, { files: [path], workspace, session });
      const linted = formatStylish(results, { cwd: io.cwd, color: display.color, width: display.width, oneFile: true }).trimEnd() || noProblems(display);
      // The templates' files none reads, said as `preview` says them, above the issue's own diagnostics.
      const unread = unreadTemplateLines(templates.unread, io.cwd).trimEnd();
      lastDiagnostics = [watchProblem, configProblem, unread, linted].filter(Boolean).join('\n\n');
      show({ diagnostics: lastDiagnostics, preview: output, lastPreview }, 'linted', file.source.hash);
      shown = key;
    } catch (error) {
      shown = '';
      // A bug of ours or an unreadable directory: say so and keep watching.
      const message = isPaperboyError(error) ? error.message : String((error as Error).stack ?? error);
      show({ diagnostics: `paperboy: ${message}`, preview: undefined, lastPreview }, 'linted', '');
    }
  };

  const scheduler = new RenderScheduler(refresh, DEBOUNCE_MS);
  const folder = dirname(path);
  const current = (): Workspace => workspace;
  const neighbourChanged = (): void => {
    neighboursChanged++;
    scheduler.schedule();
  };
  const watchFolder = (initial: boolean): FSWatcher => watchIssuesFolder({ folder, watched: () => path, current, scheduler, neighbourChanged, failed: watchFailed }, initial);
  let watcher = watchFolder(false);
  // The folder itself replaced (moved away and made anew, as a checkout or a
  // sync tool does): a watch follows the folder it was set on, so a new one
  // is set on the new folder, whose files are all read again. Known by its
  // inode: a folder moved and made anew at once shows no removal.
  let watchedFolder = inodeOf(folder);
  const onFolderEvent = (): void => {
    const now = inodeOf(folder);
    if (now !== undefined && now !== watchedFolder) {
      watchedFolder = now;
      const replaced = watcher;
      for (const file of workspace.issueFiles) if (!existsSync(file.path)) workspace.forget(file.path);
      watcher = watchFolder(true);
      void replaced.close();
    }
    scheduler.schedule();
  };
  const parent = watch(dirname(folder), { ignoreInitial: true, depth: 0 });
  parent.on('error', watchFailed);
  parent.on('all', (_event, changed) => {
    if (resolve(changed) === folder) onFolderEvent();
  });
  parent.on('raw', (_event, name) => {
    if (name === basename(folder)) onFolderEvent();
  });
  const configSavedNow = (): void => {
    configSaved = true;
    scheduler.schedule();
  };
  const configWatcher = watchConfigFile(workspace.config.root, configSavedNow);
  configWatcher.on('error', watchFailed);
  // A save of the config before its watch was ready (since the command read it) has no event: it is read again, and used when it differs.
  configWatcher.on('ready', () => {
    void configChangedSince(workspace.config.root, workspace.config).then((changed) => changed && configSavedNow());
  });

  return new Promise((exit) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const onResize = (): void => {
      screen.redraw();
      scheduler.schedule();
    };
    // Should anything end the process another way, the shell gets its screen back.
    const restoreOnExit = (): void => screen.restore();
    const stop = (): void => {
      for (const signal of signals) process.off(signal, stop);
      process.off('exit', restoreOnExit);
      io.stdout.off?.('resize', onResize);
      stopKeys();
      scheduler.cancel();
      screen.restore();
      void Promise.all([watcher.close(), parent.close(), configWatcher.close()]).then(() => exit(0));
    };
    const stopKeys = listenForKeys(io, (key) => {
      if (QUIT_KEYS.has(key)) stop();
      else screen.scroll(key);
    });
    io.stdout.on?.('resize', onResize);
    for (const signal of signals) process.on(signal, stop);
    process.on('exit', restoreOnExit);
    void scheduler.runNow();
  });
}

/**
 * Characters of an issue text from which the status line says a render is
 * under way before it starts: a text of one long paragraph takes about a
 * second a megabyte, and more (micromark's text resolver is quadratic in
 * the lines of a paragraph: 20 s for 4 MB), with the screen frozen.
 */
const LARGE_TEXT = 256 * 1024;

/** Said in place of the render when the watched file is gone. */
const GONE = 'Its file is gone: shown again once it is back.';

/** Why nothing is rendered: the watched file is gone, and no file in its folder holds its issue. */
function goneMessage(path: string, watched: WatchedIssue | undefined, cwd: string): string {
  const where = shownPath(path, cwd);
  const issue = watched?.number === undefined ? 'its text' : `issue ${watched.number}`;
  return `paperboy: ${where} is gone (moved, renamed or removed), and no file beside it holds ${issue}: watching for it to come back, under this name or another.`;
}

/**
 * Reads the issue files of the workspace's folder that it does not hold yet
 * (one renamed there, whose event may come after the old name's): a folder
 * that cannot be listed adds none.
 */
async function readUnknownIssues(workspace: Workspace): Promise<void> {
  const known = new Set(workspace.issueFiles.map((file) => file.path));
  let paths: string[];
  try {
    paths = await listIssueFiles(workspace.config.issuesDir);
  } catch {
    return;
  }
  for (const path of paths) if (!known.has(path)) await workspace.reload(path);
}

/** The inode of `path`, undefined when it cannot be read. */
function inodeOf(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

/** What `watchIssuesFolder` watches and whom it tells. */
interface IssuesFolderWatch {
  folder: string;
  /** The watched issue file, absolute, as it is now (it follows a rename). */
  watched: () => string;
  current: () => Workspace;
  scheduler: RenderScheduler;
  /** Another issue was added, saved, renamed or removed: the watched one is linted again. */
  neighbourChanged: () => void;
  /** An error of the watch (a file the system refuses to watch). */
  failed: (error: unknown) => void;
}

/**
 * Watches the folder of the issue file `path` (not the file: an editor that
 * saves by writing a new file and renaming it over the old one, as vim and
 * JetBrains do, replaces the inode a file watch would follow; events name
 * the path, which is read again). A save of `path` schedules a render;
 * another issue beside it is read again or forgotten (`updateNeighbour`),
 * and the watched one linted again, so a duplicate number or a link to it
 * is said, or no longer said, without waiting for the next save of `path`.
 * `initial`: report the files already there as added (a folder made anew).
 */
function watchIssuesFolder({ folder, watched, current, scheduler, neighbourChanged, failed }: IssuesFolderWatch, initial: boolean): FSWatcher {
  const watcher = watch(folder, { ignoreInitial: !initial, depth: 0 });
  const saved = (event: string, changed: string): void => {
    const file = resolve(changed);
    const path = watched();
    const workspace = current();
    if (file === path) scheduler.schedule();
    else if (isIssueFile(workspace.config.issuesDir, file)) {
      void updateNeighbour(workspace, event, file).then((updated) => {
        if (updated) neighbourChanged();
      });
    }
  };
  watcher.on('all', saved);
  // chokidar drops a `change` within 50 ms of the previous one, with no
  // trailing event: a save in several writes would leave a stale render.
  watcher.on('raw', (_event, name, details) => {
    const from = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if (from === undefined) return;
    const path = watched();
    // From chokidar's watch of the file itself, or the directory's (fs.watch may not name the file).
    if (from === path || (typeof name === 'string' ? resolve(from, name) === path : from === folder)) scheduler.schedule();
  });
  // A file made a loop of links: read again as if saved (the lint says why it cannot be read), the watch going on.
  watcher.on('error', (error) => {
    const unreadable = unreadableFileOf(error);
    if (unreadable === undefined) failed(error);
    else saved('change', unreadable);
  });
  // A save made while the watch was being set up (chokidar stats the folder
  // on libuv's threads before it watches it: longer on a loaded machine) has
  // no event: the file is read again once the watch is ready; unchanged, it
  // draws nothing.
  watcher.on('ready', () => scheduler.schedule());
  return watcher;
}

/**
 * Another issue file's `event` (chokidar's) in the workspace: a file
 * removed (or renamed away) is forgotten, one added or saved read again.
 * True when the workspace holds something new; not for a file read again
 * with the same bytes (reading it can report a change: its access time), which
 * would otherwise lint the watched issue again and again.
 */
async function updateNeighbour(workspace: Workspace, event: string, file: string): Promise<boolean> {
  const before = workspace.at(file);
  if (event === 'unlink') {
    workspace.forget(file);
    return before !== undefined;
  }
  if (event !== 'add' && event !== 'change') return false;
  const after = await workspace.reload(file);
  return before?.source.hash !== after.source.hash;
}

/**
 * Watches the newsletter's folder for saves of its config (the folder, not
 * the file, for the reason `watchIssuesFolder` gives), and calls `saved`
 * on each: creating, changing, replacing or removing it.
 */
function watchConfigFile(root: string, saved: () => void): FSWatcher {
  const file = join(root, CONFIG_FILE);
  const watcher = watch(root, { ignoreInitial: true, depth: 0 });
  watcher.on('all', (_event, changed) => {
    if (resolve(changed) === file) saved();
  });
  // chokidar drops a change within 50 ms of the one before: the raw event catches the last write of a save.
  watcher.on('raw', (_event, name) => {
    if (name === CONFIG_FILE) saved();
  });
  return watcher;
}

/** `q`, and Ctrl-C and Ctrl-D, which raw mode delivers as characters instead of signals. */
const QUIT_KEYS = new Set(['q', 'Q', '\u0003', '\u0004']);

/** Keys from the keyboard in raw mode, one at a time; returns how to stop listening and restore the terminal. */
function listenForKeys(io: CommandIO, onKey: (key: string) => void): () => void {
  const stdin = io.stdin;
  if (!stdin || stdin.isTTY !== true || !stdin.setRawMode) return () => {};
  stdin.setRawMode(true);
  const onData = (chunk: Buffer | string): void => {
    // A paste brings several keys at once; an escape sequence (an arrow) arrives whole.
    const text = chunk.toString();
    for (const key of text.startsWith('\u001b') ? [text] : [...text]) onKey(key);
  };
  stdin.on('data', onData);
  stdin.resume();
  return () => {
    stdin.off('data', onData);
    stdin.setRawMode?.(false);
    stdin.pause();
  };
}
