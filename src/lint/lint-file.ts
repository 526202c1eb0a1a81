import type { Position } from 'unist';
import { errorFields, isPaperboyError, type PaperboyError, type PaperboyErrorFields } from '../errors.js';
import { parseIssue, type MarkdownParser, type ParsedIssue } from '../issue/parse.js';
import { writtenEdits, type IssueSource } from '../issue/source.js';
import { extractFacts, type IssueFacts } from '../issue/facts.js';
import { nodePosition, textPosition } from '../issue/text-position.js';
import type { ActiveRule } from './settings.js';
import { byPosition, toLintMessage } from './messages.js';
import type { FileRule, FileRuleContext, LintMessage, Report } from './types.js';

/** What linting one file yields: its own messages and the facts for cross-issue rules. */
export interface FileOutcome {
  path: string;
  hash: string;
  messages: LintMessage[];
  facts: IssueFacts;
  /**
   * A template's mistake found rendering this file's email (`email-size`):
   * the newsletter's, which the command stops with when this file is one
   * it was asked about (engine.ts), not a message on it. Plain fields, as
   * a lint worker sends it and the lint cache keeps it.
   */
  templateError?: PaperboyErrorFields;
}


/** What a per-file rule checks `parsed` with: its facts, the config and options it sees, and where its reports go. */
export function fileRuleContext(parsed: ParsedIssue, facts: IssueFacts, active: Pick<ActiveRule, 'config' | 'options'>, report: FileRuleContext['report']): FileRuleContext {
  return {
    config: active.config,
    options: active.options,
    parsed,
    issue: parsed.issue,
    facts,
    report,
    nodePosition: (text, node): Position => nodePosition(parsed, text, node),
    textPosition: (text, start, end): Position => textPosition(parsed, text, start, end),
  };
}

/**
 * Runs every per-file rule on an already parsed issue (`facts`: its facts,
 * when already extracted). A rule that fails is a message on the file,
 * except a template's mistake (TEMPLATE_ERROR, TEMPLATE_MISSING from
 * `email-size`'s rendering), which is returned apart (`templateError`): it
 * is the newsletter's, and every file would report it.
 */
export async function runFileRules(
  parsed: ParsedIssue,
  rules: readonly ActiveRule[],
  facts: IssueFacts = extractFacts(parsed),
): Promise<{ messages: LintMessage[]; templateError?: PaperboyErrorFields }> {
  const messages: LintMessage[] = [];
  let templateError: PaperboyErrorFields | undefined;
  // Rules fix the normalized text; a message's fix is for the file as written, as an editor and `--fix` apply it.
  const toWritten = writtenEdits(parsed.source);
  for (const active of rules) {
    const { rule, severity, configured } = active;
    if (rule.scope !== 'file') continue;
    const report = (found: Report) => messages.push(toLintMessage(rule.id, severity, found, found.fix && toWritten(found.fix), configured));
    try {
      // Most checks are synchronous: only an async one (a promise) is awaited.
      const pending = (rule as FileRule).check(fileRuleContext(parsed, facts, active, report));
      if (pending) await pending;
    } catch (error) {
      // A template's mistake (email-size renders the email) is the newsletter's, not this file's: a command about
      // this file stops with it, as render and build do (exit 2); one about another file does not (engine.ts).
      if (isTemplateError(error)) {
        templateError ??= errorFields(error);
        continue;
      }
      // One rule failing on one file is a bug of ours, shown on that file: the other rules and files still run.
      const start = { line: 1, column: 1 };
      messages.push(toLintMessage(rule.id, 'error', { message: ruleFailure(rule.id, error), position: { start, end: start } }));
    }
  }
  return { messages: messages.sort(byPosition), ...(templateError && { templateError }) };
}

function isTemplateError(error: unknown): error is PaperboyError {
  return isPaperboyError(error) && (error.code === 'TEMPLATE_ERROR' || error.code === 'TEMPLATE_MISSING');
}

/** The message for a rule that threw: what failed, and what to do. */
export function ruleFailure(ruleId: string, error: unknown): string {
  return `Unexpected failure of rule \`${ruleId}\` on this file (${String(error).split('\n')[0]}), expected a result: the other rules ran; report this as a bug in paperboy, or turn the rule off in \`lint.rules\``;
}

/** Reads the source (`parseMarkdown`: a tree cache's parser), then lints it as `lintParsed`. */
export async function lintSource(source: IssueSource, rules: readonly ActiveRule[], parseMarkdown?: MarkdownParser): Promise<FileOutcome> {
  return lintParsed(parseIssue(source, parseMarkdown ? { parseMarkdown } : {}), rules);
}

/** The outcome of one issue parsed already (by a workspace, which keeps the parse for its render). */
export async function lintParsed(parsed: ParsedIssue, rules: readonly ActiveRule[]): Promise<FileOutcome> {
  const facts = extractFacts(parsed);
  const { source } = parsed;
  return { path: source.path, hash: source.hash, ...(await runFileRules(parsed, rules, facts)), facts };
}
