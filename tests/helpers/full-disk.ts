import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/**
 * Whether this kernel lets a test run a process in user and mount
 * namespaces of its own (user_namespaces(7), mount_namespaces(7)), where it
 * may mount a tmpfs that only that process sees: a full disk without root
 * and without touching the machine's file systems.
 */
export const CAN_FILL_A_DISK = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']).status === 0;

/**
 * Runs `argv` (a program and its arguments) with `folder` on a disk of its
 * own (a 1 MiB tmpfs mounted over it, its files copied in) that is full:
 * a file `.filler` in it takes every byte left. Then runs `after` (a shell
 * command, `$1` the folder) in the same namespace, to look at what the
 * folder holds then: the tmpfs goes with the namespace. Its stdout follows
 * a line `--- after` in the result's stdout.
 */
export function onFullDisk(folder: string, argv: readonly string[], after: string, options: { cwd: string; env: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  const script = [
    'set -e',
    'copy=$(mktemp -d)',
    'cp -a "$1/." "$copy"',
    'mount -t tmpfs -o size=1m tmpfs "$1"',
    'cp -a "$copy/." "$1"',
    'cat /dev/zero > "$1/.filler" 2>/dev/null || true',
    'shift',
    'set +e',
    '"$@"',
    'echo "--- after $?"',
    `set -- "${folder}"`,
    after,
  ].join('\n');
  return spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', folder, ...argv], { cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env }, encoding: 'utf8' });
}
