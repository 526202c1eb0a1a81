import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/**
 * Whether this kernel lets a test run a process in user and mount
 * namespaces of its own (user_namespaces(7), mount_namespaces(7)), where it
 * may mount a tmpfs that only that process sees: a disk of its own (full,
 * or a mount point) without root and without touching the machine's file
 * systems.
 */
export const CAN_MOUNT = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']).status === 0;

/**
 * Runs `argv` (a program and its arguments) with `folder` on a disk of its
 * own (a tmpfs of `megabytes` MiB mounted over it, its files copied in), made `full`
 * (a file `.filler` in it taking every byte left) when asked. Then runs
 * `after` (a shell command, `$1` the folder) in the same namespace, to
 * look at what the folder holds then: the tmpfs goes with the namespace.
 * The result's stdout is the command's, then a line `--- after CODE` (its
 * exit code), then `after`'s.
 */
export function onDiskOfItsOwn(folder: string, argv: readonly string[], after: string, options: { cwd: string; env: NodeJS.ProcessEnv; megabytes: number; full: boolean }): SpawnSyncReturns<string> {
  const script = [
    'set -e',
    'copy=$(mktemp -d)',
    'cp -a "$1/." "$copy"',
    `mount -t tmpfs -o size=${options.megabytes}m tmpfs "$1"`,
    'cp -a "$copy/." "$1"',
    ...(options.full ? ['cat /dev/zero > "$1/.filler" 2>/dev/null || true'] : []),
    'shift',
    'set +e',
    '"$@"',
    'echo "--- after $?"',
    `set -- "${folder}"`,
    after,
  ].join('\n');
  return spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', folder, ...argv], { cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env }, encoding: 'utf8' });
}
