import { processStart } from './process-start.js';

/**
 * Who holds an issue's send, and whether that process still lives: the
 * lock a second `send` of the issue meets (RELIABILITY 15). The journal
 * (journal.ts) stores it in `send_runs`; this module reads its liveness.
 */

/** Who holds an issue's send. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder last wrote the journal, ISO 8601. */
  at: string;
  /** When its process started (process-start.ts); null where the system did not tell. */
  started: string | null;
}

/** The process taking or asking about the lock: its pid, host and start time (null where the system did not tell). */
export type LockOwner = Omit<LockHolder, 'at'>;

export type LockResult = { ok: true } | { ok: false; holder: LockHolder };

/**
 * A lock not refreshed for this long belongs to a process on another
 * machine that is gone (on this machine, a dead pid says so at once), in ms.
 */
const STALE_LOCK_MS = 120_000;

/**
 * Whether `holder` still runs, as `owner` (this process) can tell: on its
 * host, its pid runs and, where the system tells, started when the lock
 * says (a pid reused after a reboot or in a restarted container is another
 * process); on another host, it refreshed the lock within STALE_LOCK_MS.
 */
export function holderIsAlive(holder: LockHolder, owner: LockOwner, now: Date): boolean {
  if (holder.host !== owner.host) return now.getTime() - Date.parse(holder.at) < STALE_LOCK_MS;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process runs, as another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(holder.pid);
  return holder.started === null || started === undefined || started === holder.started;
}
