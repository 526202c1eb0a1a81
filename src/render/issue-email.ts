import { PaperboyError } from '../errors.js';
import { shownPath } from '../path-within.js';
import type { ParsedIssue } from '../issue/parse.js';
import type { IssueFile, Workspace } from '../issue/workspace.js';
import { renderEmail, type RenderedEmail } from './email.js';
import { loadTemplates, type TemplateSet } from './templates.js';
import type { ReviewView } from './view-model.js';

export interface IssueEmail {
  parsed: ParsedIssue;
  rendered: RenderedEmail;
}

export interface RenderIssueOptions {
  /** Render the reviewers' proof, showing private notes and these lint messages. */
  review?: ReviewView | undefined;
  /** Templates already loaded (default: the config's templatesDir over the built-in ones). */
  templates?: TemplateSet;
  /**
   * Where the reader of an error stands: the file is named relative to it
   * when inside it (`shownPath`), as `lint` names it from there; default:
   * the file's absolute path.
   */
  cwd?: string;
}

/** Parses one issue of a workspace and renders its email once. */
export function renderIssueEmail(workspace: Workspace, file: IssueFile, options: RenderIssueOptions = {}): IssueEmail {
  const parsed = workspace.parse(file);
  const shown = options.cwd === undefined ? file.path : shownPath(file.path, options.cwd);
  if (!parsed.issue) {
    const problem = parsed.problems[0];
    const at = problem ? `:${problem.position.start.line}:${problem.position.start.column}` : '';
    throw new PaperboyError('ISSUE_UNREADABLE', `Cannot render ${shown}${at}: ${problem?.message ?? 'the frontmatter cannot be read'}`, {
      exitCode: 1,
      hint: `Run \`paperboy lint ${shown}\` for every problem with its line.`,
    });
  }
  const templates = options.templates ?? loadTemplates(workspace.config.templatesDir);
  const context = { config: workspace.config, corpus: workspace.corpus, facts: file.facts, review: options.review };
  try {
    return { parsed, rendered: renderEmail(parsed.issue, context, templates) };
  } catch (error) {
    throw renderFailure(shown, error);
  }
}

/**
 * What a failure while rendering one issue becomes: a template's error
 * stays a configuration error (exit 2); anything else is that file's
 * diagnostic (exit 1), never an internal error, whatever the file holds.
 */
export function renderFailure(path: string, error: unknown): PaperboyError {
  if (error instanceof PaperboyError) return error;
  return new PaperboyError('ISSUE_UNRENDERABLE', `Cannot render ${path}:1:1: Unexpected failure rendering this file (${String(error).split('\n')[0]}), expected an email`, {
    cause: error,
    exitCode: 1,
    hint: 'Undo the last change to the file, and report this as a bug in paperboy.',
  });
}
