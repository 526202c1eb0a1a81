import { readFileSync } from 'node:fs';

/**
 * When a process started, as a token that tells it from a later process
 * given the same id (ids are reused after a reboot, in a restarted
 * container): Linux's boot id and the process's start time in clock ticks
 * after boot, field 22 of /proc/PID/stat (proc(5)), e.g.
 * `"8f1e…-…:123456"`. Undefined where there is no /proc (macOS, Windows)
 * or no such process: the caller then has only the id to go by.
 */
export function processStart(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2, the command name, is in parentheses and may itself hold spaces and parentheses.
  const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
  return ticks === undefined || !/^\d+$/.test(ticks) ? undefined : `${bootId()}:${ticks}`;
}

/** This boot's random id (empty when the kernel has none to show): start times count from the boot. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}
