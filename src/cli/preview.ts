import { createSupportsHyperlinks } from 'supports-hyperlinks';
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { numberInFileName } from '../issue/load.js';
import { Workspace, type IssueFile } from '../issue/workspace.js';
import { renderFailure } from '../render/issue-email.js';
import { previewIssue, type IssuePreview, type TerminalPreviewOptions } from '../render/terminal/index.js';
import { counted } from '../render/format.js';
import { loadTemplates } from '../render/templates.js';
import type { CommandIO, Output } from '../io.js';
import { writePaged } from '../preview/pager.js';
import type { ReviewMessage } from '../render/view-model.js';
import { useColor } from './io.js';
import { lintMessages } from './lint-messages.js';
import { newsletterRoot, rootFlag } from './root.js';
import { sayUnreadTemplates } from './unread-templates.js';
import { shownPath } from '../path-within.js';

export interface PreviewCommandOptions {
  root: string;
  /** An issue number or the path of an issue file; default the newest issue. */
  issue?: string | undefined;
  watch?: boolean;
  /** Columns, as typed (`--width 100`); default the terminal's, else 80. */
  width?: string | undefined;
  /** false with `--no-color`. */
  color?: boolean;
  /** false with `--no-pager`. */
  pager?: boolean;
}

/** Columns when neither `--width` nor the terminal says. */
const DEFAULT_WIDTH = 80;
/**
 * The widest a preview is laid out on a wide terminal (`--width` may ask
 * for more): lines of 160 columns are hard to follow from one to the next,
 * so a reader such as glow caps its own width as well.
 */
const MAX_READING_WIDTH = 100;

/** `paperboy preview [ISSUE]`: the issue as it will read, in the terminal. */
export async function run(options: PreviewCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root, [options.issue]));
  const workspace = await Workspace.loadCached(config);
  return showPreview(workspace, await chosenIssue(workspace, options, io), options, io);
}

/**
 * The issue to preview. A watch starts on a file whose frontmatter is half
 * typed too (it shows why, and the issue once fixed): the one named, or
 * without a name the newest by its file name, which the editor is likely
 * typing. A plain preview shows the newest readable issue, and says which
 * newer files it passed over; with none readable, the newest file's
 * problem (ISSUE_UNREADABLE, exit 1).
 */
async function chosenIssue(workspace: Workspace, options: PreviewCommandOptions, io: CommandIO): Promise<IssueFile> {
  if (options.issue !== undefined) return options.watch ? workspace.named(options.issue, io.cwd) : workspace.findOrAdd(options.issue, io.cwd);
  const newer = workspace.newerUnreadable();
  if (options.watch && newer[0]) return newer[0];
  // No issue can be read, but one is there, half typed: what is wrong with it, as `preview N` says it (exit 1), not "no issues" and a `paperboy new` that would scaffold the number after it.
  if (newer[0] && workspace.newest() === undefined) return workspace.findOrAdd(String(numberInFileName(newer[0].path)), io.cwd);
  sayPassedOver(newer, workspace, io);
  return newest(workspace, io.cwd);
}

/**
 * Says on stderr which files `Workspace.newerUnreadable` found, newer by
 * their names than the issue shown (`preview`, `start`) but unreadable: a
 * half-typed newest issue is not passed over in silence.
 */
export function sayPassedOver(newer: readonly IssueFile[], workspace: Workspace, io: CommandIO): void {
  const shown = workspace.newest()?.facts.number;
  for (const file of newer) {
    const where = shownPath(file.path, io.cwd);
    io.stderr.write(`paperboy: ${where} is newer by its name, but its frontmatter gives no readable number (\`paperboy lint ${where}\` says why): ${shown === undefined ? 'not shown' : `showing issue #${shown}`}.\n`);
  }
}

/** Previews one issue of an already loaded workspace (`npm start` shares its own, and its lint of the file: `linted`). */
export async function showPreview(
  workspace: Workspace,
  file: IssueFile,
  options: Omit<PreviewCommandOptions, 'root' | 'issue'>,
  io: CommandIO,
  linted?: readonly ReviewMessage[],
): Promise<number> {
  const width = parseWidth(options.width);
  const color = useColor(io.stdout, io.env, options.color);
  const display = (): TerminalPreviewOptions => ({
    width: width ?? Math.min(io.stdout.columns ?? DEFAULT_WIDTH, MAX_READING_WIDTH),
    color,
    hyperlinks: color && supportsHyperlinks(io.stdout, io.env),
  });

  if (options.watch) {
    const { watchPreview } = await import('../preview/watch.js');
    return watchPreview({ workspace, path: file.path, display }, io);
  }
  const templates = loadTemplates(workspace.config.templatesDir);
  sayUnreadTemplates(templates.unread, io);
  let preview: IssuePreview;
  try {
    preview = previewIssue(workspace, file, { ...display(), templates });
  } catch (error) {
    throw renderFailure(file.path, error);
  }
  if (preview.output === undefined) {
    for (const problem of preview.parsed.problems) {
      const { line, column } = problem.position.start;
      io.stderr.write(`${shownPath(file.path, io.cwd)}:${line}:${column}  ${problem.message}  ${problem.ruleId}\n`);
    }
    io.stderr.write(`paperboy: cannot preview ${shownPath(file.path, io.cwd)}; run \`paperboy lint${rootFlag(io.cwd, workspace.config.root)}\` for every problem.\n`);
    return 1;
  }
  await writePaged(`${preview.output}\n`, io, options.pager !== false);
  // Linted after the preview is shown (after the pager, when there is one): the count comes under it, where the reader is, and the preview does not wait for the linter.
  const messages = linted ?? (await lintMessages(workspace, file.path));
  if (messages.length > 0) {
    const where = shownPath(file.path, io.cwd);
    io.stderr.write(`paperboy: ${where} has ${lintCount(messages)}; run \`paperboy lint ${where}\` to see ${messages.length === 1 ? 'it' : 'them'}.\n`);
  }
  return 0;
}

/** "1 lint error and 2 warnings", "3 lint warnings": what the lint rules say of an issue (the values it cannot read among them), for a non-empty list. */
function lintCount(messages: readonly ReviewMessage[]): string {
  const errors = messages.filter((message) => message.severity === 'error').length;
  const warnings = messages.length - errors;
  if (errors === 0) return counted(warnings, 'lint warning');
  return warnings === 0 ? counted(errors, 'lint error') : `${counted(errors, 'lint error')} and ${counted(warnings, 'warning')}`;
}

/**
 * The widest `--width` taken, in columns: wide enough to lay a paragraph on
 * one line for a file or a pipe, and short of what the layout cannot build
 * (a rule of 10^12 columns is a string longer than V8 allows).
 */
const MAX_WIDTH = 10_000;

function parseWidth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 20 || Number(value) > MAX_WIDTH) {
    throw new PaperboyError('USAGE', `Unexpected --width \`${value}\`, expected a number of columns from 20 to ${MAX_WIDTH}, such as 80`);
  }
  return Number(value);
}

/** The newest issue; none is an error whose `paperboy new` carries `--root` when the newsletter is not `cwd`, as every suggested command does. */
function newest(workspace: Workspace, cwd: string): IssueFile {
  const file = workspace.newest();
  if (!file) {
    throw new PaperboyError('ISSUE_NOT_FOUND', `There are no issues in ${workspace.config.issuesDir} to preview`, {
      hint: `Create one with \`paperboy new${rootFlag(cwd, workspace.config.root)} --title "…"\`, or pass the path of an issue file.`,
    });
  }
  return file;
}

/**
 * OSC 8 where the terminal supports it: FORCE_HYPERLINK (as read from this
 * command's environment) decides first, then supports-hyperlinks' list of
 * terminals.
 */
function supportsHyperlinks(output: Output, env: NodeJS.ProcessEnv): boolean {
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined && forced !== '') return Number.parseInt(forced, 10) !== 0;
  return createSupportsHyperlinks(output);
}
