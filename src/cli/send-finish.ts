import { isPaperboyError } from '../errors.js';
import type { CommandIO } from '../io.js';
import { writeIssueStatus } from '../issue/set-status.js';
import type { IssueFile } from '../issue/workspace.js';
import { shownPath } from '../path-within.js';
import type { DeliveryState } from '../send/delivery.js';
import type { SendJournal } from '../send/journal.js';

/**
 * When every recipient has a final state (none `queued` or `sending`): the
 * send is finished, and, once anyone has it, the file says `status: sent`,
 * written once and said so. A file that cannot be written (read-only,
 * saved by its editor meanwhile, the disk full) is said, not failed: the
 * send is done and journaled.
 */
export async function markFinished(journal: SendJournal, counts: Record<DeliveryState, number>, issue: { file: IssueFile; number: number }, io: CommandIO): Promise<void> {
  if (counts.queued + counts.sending > 0) return;
  journal.finish(new Date());
  if (counts.sent === 0) return; // Nobody has it (the list address refused, every reader failed or left): not `sent`.
  const shown = shownPath(issue.file.path, io.cwd);
  try {
    if (issue.file.facts.status !== 'sent' && (await writeIssueStatus(issue.file.path, 'sent'))) io.stdout.write(`${shown}: status: sent\n`);
  } catch (error) {
    // The send is done and journaled: a file that is read-only, or saved by its editor meanwhile, keeps what it says, and the run does not fail for it.
    if (!isPaperboyError(error)) throw error;
    io.stderr.write(`paperboy: issue ${issue.number} is sent, but ${shown} was not marked (${error.message}); write \`status: sent\` in it yourself\n`);
  }
}
