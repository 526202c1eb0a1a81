import { extractFacts } from '../../issue/facts.js';
import type { ParsedIssue } from '../../issue/parse.js';
import type { IssueFile, Workspace } from '../../issue/workspace.js';
import { htmlEmailSize } from '../email.js';
import type { LinkContext } from '../links.js';
import type { TemplateSet } from '../templates.js';
import { renderTerminalPreview, type TerminalPreviewOptions } from './render.js';

export interface IssuePreview {
  parsed: ParsedIssue;
  /** The rendered preview; undefined when the issue cannot be read (`parsed.problems` say why). */
  output: string | undefined;
}

export interface PreviewIssueOptions extends TerminalPreviewOptions {
  templates: TemplateSet;
}

/**
 * Parses one issue of a workspace (its tree cache spares remark the texts
 * that did not change since the last save) and renders its terminal
 * preview, the HTML email measured for the size line.
 */
export function previewIssue(workspace: Workspace, file: IssueFile, options: PreviewIssueOptions): IssuePreview {
  const parsed = workspace.parse(file);
  const issue = parsed.issue;
  if (!issue) return { parsed, output: undefined };
  const { config, corpus } = workspace;
  // The issue as it is now, so it can reference its own papers while being written.
  const facts = extractFacts(parsed);
  const links: LinkContext = { baseUrl: config.baseUrl, corpus, from: facts };
  const htmlBytes = htmlEmailSize(issue, { config, corpus, facts }, options.templates);
  return { parsed, output: renderTerminalPreview({ issue, config, links, htmlBytes }, options) };
}
