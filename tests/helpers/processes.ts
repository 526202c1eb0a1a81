import { setTimeout as sleep } from 'node:timers/promises';

/** Whether the process `pid` runs (signal 0 tests it, sending nothing). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether every process of `pids` has stopped within 5 s (polled every 50 ms). */
export async function stopped(pids: readonly number[]): Promise<boolean> {
  for (let wait = 0; wait < 100 && pids.some(isRunning); wait++) await sleep(50);
  return !pids.some(isRunning);
}
