import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The kernel's file systems that hold no folders of one's own, by the
 * magic number statfs(2) reports for them (linux/magic.h): mkdir(2) there
 * answers ENOENT (/proc) or EPERM (/sys) whatever the path, and Node's
 * recursive mkdir spins forever on the first (make-folders.ts).
 */
const KERNEL_FILE_SYSTEMS = new Map([
  [0x9fa0, '/proc'],
  [0x62656572, '/sys'],
]);

/**
 * Why the folder `dir` (an absolute path: `dataDir`, `outDir`, `build
 * --out`) can never be made, or undefined: it does not exist and the
 * nearest folder above it that does lies in the kernel's /proc or /sys
 * file system, where no folder can be made (`dataDir: /proc/self/data`).
 * Decided without making anything, so that a command that only reads is
 * not refused for a folder it would not have made; anything else that
 * keeps the folder from being made (a file in the way, no permission) is
 * said by the command that makes it, as it makes it.
 */
export function unmakeableFolder(dir: string): string | undefined {
  let at = dir;
  for (;;) {
    try {
      statSync(at);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) return undefined;
      at = dirname(at);
    }
  }
  if (at === dir) return undefined;
  let type: number;
  try {
    type = Number(statfsSync(at).type);
  } catch {
    return undefined;
  }
  const system = KERNEL_FILE_SYSTEMS.get(type);
  return system && `there is no folder ${dir}, and none can be made: ${at} lies in the kernel's ${system} file system, which holds no folders of one's own`;
}
