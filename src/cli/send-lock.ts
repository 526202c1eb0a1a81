import { PaperboyError } from '../errors.js';
import type { CommandIO } from '../io.js';
import type { SendJournal } from '../send/journal.js';
import type { LockHolder } from '../send/run-lock.js';
import { clockTime } from './send-report.js';

/* What `send` says of the lock (SendJournal.lock: one send of an issue at a time, RELIABILITY 8). */

/**
 * Gives the lock back, if the journal can still be written. When
 * it cannot (the disk full: the run has just stopped for that), a warning,
 * not an error over the run's own report and exit code: the next send
 * takes over a lock whose process is gone (SendJournal.lock).
 */
export function releaseLock(journal: SendJournal, io: CommandIO): void {
  try {
    journal.unlock();
  } catch (error) {
    io.stderr.write(`paperboy: the send lock was left in the journal (${(error as Error).message}); the next send takes it over, as this process is gone by then.\n`);
  }
}

/**
 * Another live send holds the issue (SEND_LOCKED, exit 1), with what to do
 * about it: `cannot` is what was refused (`send issue 5`), `rerun` what to
 * do once that send is over. The time of its last write is local, as the
 * send's progress lines give theirs.
 */
export function lockedError(cannot: string, holder: LockHolder, rerun = 'run the same command to resume'): PaperboyError {
  return new PaperboyError('SEND_LOCKED', `Cannot ${cannot}: another paperboy send of it is running (pid ${holder.pid} on ${holder.host}, last write at ${clockTime(new Date(holder.at), new Date())}, local time)`, {
    exitCode: 1,
    hint:
      `Wait for it to finish, or stop it (\`kill ${holder.pid}\` on ${holder.host}: it finishes the messages in flight and records them), then ${rerun}. ` +
      'The lock of a process that is gone is taken over at once on its own machine, two minutes after its last write from another.',
  });
}
