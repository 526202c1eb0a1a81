import type { IssueFile, Workspace } from '../issue/workspace.js';
import type { CommandIO } from '../io.js';
import { diagnosticRows } from '../lint/format/stylish.js';
import { counted, itOrThem } from '../render/format.js';
import { lintMessages } from './lint-messages.js';

/**
 * Whether `paperboy send` may go on with an issue (`ready`), and how many
 * lint errors it has (`errors`), each said on stderr as `file:line:column`
 * first. A send to subscribers or to the list refuses any lint error, and
 * a draft unless `force`. A proof (`test`, the reviewers' one with
 * `--review`) goes to one address outside the journal, there to be looked
 * at before the send: it goes with either, saying that the send will
 * refuse the issue until its errors are fixed (SPEC: `send` refuses an
 * issue with lint errors; a proof is no send to subscribers).
 */
export async function checkIssue(workspace: Workspace, file: IssueFile, where: string, options: { test?: string; force?: boolean }, io: CommandIO): Promise<{ ready: boolean; errors: number }> {
  const errors = (await lintMessages(workspace, file.path)).filter((message) => message.severity === 'error');
  io.stderr.write(diagnosticRows(where, errors));
  const proof = options.test !== undefined;
  if (errors.length > 0) {
    const fix = `${itOrThem(errors.length)} (\`paperboy lint ${where}\`)`;
    if (!proof) {
      io.stderr.write(`paperboy: ${where} has ${counted(errors.length, 'lint error')}: nothing sent. Fix ${fix} and send again.\n`);
      return { ready: false, errors: errors.length };
    }
    io.stderr.write(`paperboy: ${where} has ${counted(errors.length, 'lint error')}; the proof is sent anyway, but a send to the subscribers refuses the issue until you fix ${fix}.\n`);
  }
  if (file.facts.status === 'draft' && !options.force && !proof) {
    io.stderr.write(`paperboy: ${where} is a draft (status: draft): nothing sent. Set \`status: ready\` when it is, or pass --force.\n`);
    return { ready: false, errors: 0 };
  }
  return { ready: true, errors: errors.length };
}
