import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { Workspace } from '../issue/workspace.js';
import { SendJournal, type Delivery } from '../send/journal.js';
import { openStore } from '../store/database.js';
import type { CommandIO } from '../io.js';
import { countsLine } from './send-report.js';

export interface SendsCommandOptions {
  root: string;
  /** The issue number. */
  issue: string;
  json?: boolean;
}

/**
 * `paperboy sends ISSUE`: the send journal of an issue: counts per state,
 * then each recipient that failed, expired, is unknown (may have arrived)
 * or is queued after a refusal (a retry it waits for), with the last SMTP reply; `--json` as
 * data. Throws ISSUE_NOT_FOUND for an issue with no journal and no file.
 */
export async function run(options: SendsCommandOptions, io: CommandIO): Promise<number> {
  if (!/^\d+$/.test(options.issue)) throw new PaperboyError('USAGE', `Unexpected issue \`${options.issue}\`, expected an issue number such as 42`);
  const config = await loadConfig(resolve(io.cwd, options.root));
  const db = openStore(config.dataDir);
  try {
    const journal = new SendJournal(db, Number(options.issue));
    const mode = journal.mode();
    const counts = journal.counts();
    // A queued row with a reply was refused or not reached at a try (a 4xx or 5.7.x reply waiting for its retry,
    // the relay unreachable): listed with it. The attempt count is no sign: a try that never reached the
    // server is not counted, nor was a policy refusal by earlier versions.
    const problems = [...journal.inStates(['failed', 'expired', 'unknown', 'sending', 'queued'])].filter((d) => d.state !== 'queued' || d.lastReply !== null);
    if (options.json) {
      const row = (d: Delivery) => ({ email: d.email, state: d.state, attempts: d.attempts, lastReply: d.lastReply, messageId: d.messageId, sentAt: d.sentAt });
      io.stdout.write(`${JSON.stringify({ issue: Number(options.issue), mode: mode ?? null, counts, recipients: problems.map(row) }, null, 2)}\n`);
      return 0;
    }
    if (mode === undefined) {
      // No journal: of an issue that exists (else the error lists the numbers there are), or of none.
      await (await Workspace.loadCached(config)).findOrAdd(options.issue, io.cwd);
      io.stdout.write(`Issue ${options.issue} has not been sent.\n`);
      return 0;
    }
    io.stdout.write(`Issue ${options.issue}, sent to ${mode === 'list' ? 'the list address' : 'the subscribers'}: ${countsLine(counts)}\n`);
    for (const delivery of problems) {
      io.stdout.write(`${delivery.state}\t${delivery.email}\t${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}\t${delivery.lastReply ?? ''}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
