import type { Workspace } from '../issue/workspace.js';
import { lintIssues } from '../lint/engine.js';
import type { ReviewMessage } from '../render/view-model.js';

/** Every lint message of one issue, as the proof lists them and as stderr prints its errors. */
export async function lintMessages(workspace: Workspace, path: string): Promise<ReviewMessage[]> {
  const [result] = await lintIssues(workspace.config, { files: [path], workspace });
  return (result?.messages ?? []).map(({ line, column, severity, message, ruleId }) => ({ line, column, severity, message, ruleId }));
}

/** `issues/0001-a.md:12:10  error  Unexpected …  paper-url`: one diagnostic, where an editor (or an editor's jump-to) finds it. */
export function diagnosticLine(path: string, diagnostic: Omit<ReviewMessage, 'ruleId'> & { ruleId?: string }): string {
  const rule = diagnostic.ruleId === undefined ? '' : `  ${diagnostic.ruleId}`;
  return `${path}:${diagnostic.line}:${diagnostic.column}  ${diagnostic.severity}  ${diagnostic.message}${rule}\n`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
