/**
 * What `preview --watch` and `serve` say when the system refuses them a
 * file watch (chokidar's or `fs.watch`'s `error` event): saves are no
 * longer seen, which must not pass unnoticed (`serve --dev` ended with a
 * stack trace, `preview --watch` showed a screen that never changed).
 *
 * `error`: the watch's error (chokidar types it `unknown`; its `path`, or
 * `filename`, is the path it could not watch); `consequence`: what does
 * not happen now (`saves are not rebuilt`). Returns a sentence without a
 * final period, e.g. "cannot watch /news/issues/0001-x.md, so saves are
 * not rebuilt: the system's limit on watched files is reached (…): raise
 * it …". The limits are Linux's inotify limits per user (inotify(7),
 * /proc/sys/fs/inotify): ENOSPC for `max_user_watches`, EMFILE for
 * `max_user_instances` (or for open files).
 */
export function watchFailure(error: unknown, consequence: string): string {
  const { path, filename, code, message } = (error ?? {}) as NodeJS.ErrnoException & { filename?: string };
  const where = path ?? filename;
  return `cannot watch ${where ?? 'a file'}, so ${consequence}: ${WHY.get(code ?? '') ?? message ?? String(error)}`;
}

/** Raising the limit for good is a line in /etc/sysctl.conf; `sysctl` alone lasts until the machine restarts. */
const raise = (setting: string, value: number) =>
  `raise it (\`sudo sysctl ${setting}=${value}\`, and the line \`${setting}=${value}\` in /etc/sysctl.conf to keep it) or close other programs that watch files (editors, dev servers), then start again`;

/** Why a watch was refused, by its errno code (a Map: a code such as `constructor` finds nothing). */
const WHY: ReadonlyMap<string, string> = new Map([
  ['ENOSPC', `the system's limit on watched files is reached (Linux's fs.inotify.max_user_watches): ${raise('fs.inotify.max_user_watches', 524_288)}`],
  ['EMFILE', `the system's limit on programs watching files, or on open files, is reached (Linux's fs.inotify.max_user_instances, \`ulimit -n\`): ${raise('fs.inotify.max_user_instances', 1_024)}`],
]);

/** Whether `error` is the system refusing a watch for its limits (ENOSPC, EMFILE), not a file gone or unreadable. */
export function isWatchLimit(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && WHY.has(code);
}

/**
 * The path a watch's `error` names when the error is one file that cannot
 * be read, not a watch lost: a loop of symbolic links (`a.md` → `a.md`,
 * ELOOP), which chokidar reports as an error as it reads the link, where a
 * file gone is no error. The watch of its folder goes on, and the command
 * that reads the file says what is wrong with it (lint's `file-encoding`,
 * the build): said as a watch failure ("saves are not shown"), it was
 * untrue, and stayed on the screen after the link was mended. Undefined
 * for any other error.
 */
export function unreadableFileOf(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return code === 'ELOOP' && path !== undefined ? path : undefined;
}
