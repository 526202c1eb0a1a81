import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig, type Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { Workspace } from '../issue/workspace.js';
import { lintIssues } from '../lint/engine.js';
import { placeholderCopy, renderIssueEmail } from '../render/issue-email.js';
import type { ReviewMessage } from '../render/view-model.js';
import type { CommandIO } from '../io.js';

export interface RenderCommandOptions {
  root: string;
  /** An issue number or the path of an issue file. */
  issue: string;
  format: string;
  out?: string | undefined;
  review?: boolean;
}

const FORMATS = ['html', 'text', 'eml'] as const;
type Format = (typeof FORMATS)[number];

/** `paperboy render ISSUE`: the email as a subscriber receives it (or the reviewers' proof). */
export async function run(options: RenderCommandOptions, io: CommandIO): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new PaperboyError('USAGE', `Unexpected --format \`${options.format}\`, expected one of ${FORMATS.map((f) => `\`${f}\``).join(', ')}`);
  }
  const config = await loadConfig(resolve(io.cwd, options.root));
  const workspace = await Workspace.load(config);
  const file = await workspace.find(options.issue, io.cwd);
  const review = options.review ? { warnings: await lintMessages(config, file.path) } : undefined;

  const email = renderIssueEmail(workspace, file, { review });
  if (email.parsed.problems.length > 0) {
    io.stderr.write(`paperboy: ${file.path} has ${email.parsed.problems.length} problem(s); run \`paperboy lint\` to see them.\n`);
  }
  const copy = await placeholderCopy(workspace, email);
  const output = { html: copy.html, text: copy.text, eml: copy.eml.toString('utf8') }[options.format as Format];

  if (options.out === undefined) {
    io.stdout.write(output);
  } else {
    const path = resolve(io.cwd, options.out);
    await writeFile(path, output);
    io.stdout.write(`${path}\n`);
  }
  return 0;
}

/** What the reviewers' proof lists at its top: every lint message of the issue. */
async function lintMessages(config: Config, path: string): Promise<ReviewMessage[]> {
  const [result] = await lintIssues(config, { files: [path] });
  return (result?.messages ?? []).map(({ line, column, severity, message, ruleId }) => ({ line, column, severity, message, ruleId }));
}
