import type { Workspace } from '../issue/workspace.js';
import { lintIssues } from '../lint/engine.js';
import type { FileResult } from '../lint/types.js';
import type { ReviewMessage } from '../render/view-model.js';

/** Every lint message of one issue, as the proof lists them and as stderr prints its errors. */
export async function lintMessages(workspace: Workspace, path: string): Promise<ReviewMessage[]> {
  const [result] = await lintIssues(workspace.config, { files: [path], workspace });
  return reviewMessages(result);
}

/** A file's lint result as review messages (none for no result): for a command that has linted already. */
export function reviewMessages(result: FileResult | undefined): ReviewMessage[] {
  return (result?.messages ?? []).map(({ line, column, severity, message, ruleId }) => ({ line, column, severity, message, ruleId }));
}
