import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PaperboyError } from '../errors.js';
import type { ParsedIssue } from '../issue/parse.js';
import type { IssueFile, Workspace } from '../issue/workspace.js';
import { composeMessage } from '../mail/compose.js';
import { unsubscribeMailto } from '../mail/headers.js';
import { personalize, renderEmail, type PersonalizedEmail, type RenderedEmail } from './email.js';
import { loadTemplates, type TemplateSet } from './templates.js';
import type { ReviewView } from './view-model.js';

/**
 * The address and unsubscribe link of a copy made for nobody in particular
 * (`paperboy render`, the build's email files): no real token ever reaches
 * a file that may be published.
 */
const PLACEHOLDER_RECIPIENT = 'subscriber@example.invalid';

function placeholderUnsubscribeUrl(baseUrl: string): string {
  return new URL('unsubscribe?token=PLACEHOLDER', baseUrl).href;
}

export interface IssueEmail {
  parsed: ParsedIssue;
  rendered: RenderedEmail;
}

export interface RenderIssueOptions {
  /** Render the reviewers' proof, showing private notes and these lint messages. */
  review?: ReviewView | undefined;
  /** Templates already loaded (default: the config's templatesDir over the built-in ones). */
  templates?: TemplateSet;
}

/** Parses one issue of a workspace and renders its email once. */
export function renderIssueEmail(workspace: Workspace, file: IssueFile, options: RenderIssueOptions = {}): IssueEmail {
  const parsed = workspace.parse(file);
  if (!parsed.issue) {
    const problem = parsed.problems[0];
    const at = problem ? `:${problem.position.start.line}:${problem.position.start.column}` : '';
    throw new PaperboyError('ISSUE_UNREADABLE', `Cannot render ${file.path}${at}: ${problem?.message ?? 'the frontmatter cannot be read'}`, {
      exitCode: 1,
      hint: `Run \`paperboy lint ${file.path}\` for every problem with its line.`,
    });
  }
  const templates = options.templates ?? loadTemplates(workspace.config.templatesDir);
  const context = { config: workspace.config, corpus: workspace.corpus, facts: file.facts, review: options.review };
  try {
    return { parsed, rendered: renderEmail(parsed.issue, context, templates) };
  } catch (error) {
    throw renderFailure(file.path, error);
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

/** The placeholder recipient's copy: HTML, plaintext and the complete message. */
export async function placeholderCopy(workspace: Workspace, email: IssueEmail): Promise<PersonalizedEmail & { eml: Buffer }> {
  const { config } = workspace;
  const issue = email.parsed.issue!;
  const unsubscribeUrl = placeholderUnsubscribeUrl(config.baseUrl);
  const copy = personalize(email.rendered, { unsubscribeUrl });
  const eml = await composeMessage({
    config,
    issueNumber: issue.number,
    to: PLACEHOLDER_RECIPIENT,
    ...copy,
    date: issueDate(issue.date),
    unsubscribe: { url: unsubscribeUrl, mailto: unsubscribeMailto(config.from) },
  });
  return { ...copy, eml };
}

/** The issue's date, not the clock: the same input gives the same bytes. */
function issueDate(date: string): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}

/**
 * Writes `email.html`, `email.txt` and `email.eml` of one issue under
 * `<outDir>/issues/<number>/` and returns their paths.
 */
export async function writeEmailFiles(workspace: Workspace, file: IssueFile, outDir = workspace.config.outDir): Promise<string[]> {
  const email = renderIssueEmail(workspace, file);
  const copy = await placeholderCopy(workspace, email);
  const dir = join(outDir, 'issues', String(email.parsed.issue!.number));
  await mkdir(dir, { recursive: true });
  const files: [string, string | Buffer][] = [
    ['email.html', copy.html],
    ['email.txt', copy.text],
    ['email.eml', copy.eml],
  ];
  await Promise.all(files.map(([name, contents]) => writeFile(join(dir, name), contents)));
  return files.map(([name]) => join(dir, name));
}
