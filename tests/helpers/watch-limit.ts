import { spawnSync } from 'node:child_process';

/**
 * Whether this kernel lets a test run a process in a user namespace of its
 * own (user_namespaces(7)), whose limit on inotify watches the test sets
 * (/proc/sys/user/max_inotify_watches): the system's limit reached, for
 * that process only. Root or not; a kernel or container may refuse it.
 */
export const CAN_LIMIT_WATCHES = spawnSync('unshare', ['--user', '--map-root-user', 'sh', '-c', 'echo 1 > /proc/sys/user/max_inotify_watches']).status === 0;

/** `argv` (a program and its arguments) run where at most `watches` files can be watched: the argv to spawn instead. */
export function withWatchLimit(watches: number, argv: readonly string[]): string[] {
  return ['unshare', '--user', '--map-root-user', 'sh', '-c', `echo ${watches} > /proc/sys/user/max_inotify_watches && exec "$@"`, 'sh', ...argv];
}
