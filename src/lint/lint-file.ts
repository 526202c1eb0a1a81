import type { Position } from 'unist';
import type { Config } from '../config/load.js';
import { parseIssue, type MarkdownParser, type ParsedIssue } from '../issue/parse.js';
import type { IssueSource } from '../issue/source.js';
import { extractFacts, type IssueFacts } from '../issue/facts.js';
import { nodePosition, textPosition } from '../issue/text-position.js';
import type { ActiveRule } from './settings.js';
import type { FileRule, LintMessage, Report, Severity } from './types.js';

/** What linting one file yields: its own messages and the facts for cross-issue rules. */
export interface FileOutcome {
  path: string;
  hash: string;
  messages: LintMessage[];
  facts: IssueFacts;
}

export function toLintMessage(ruleId: string, severity: Severity, report: Report): LintMessage {
  const { start, end } = report.position;
  // A report may lower its rule's severity, never raise it (see Report.severity).
  const lowered = report.severity === 'warning' ? 'warning' : severity;
  const message: LintMessage = { ruleId, severity: lowered, message: report.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  if (report.fix) message.fix = report.fix;
  return message;
}

/** Runs every per-file rule on an already parsed issue (`facts`: its facts, when already extracted). */
export function runFileRules(parsed: ParsedIssue, rules: readonly ActiveRule[], config: Config, facts: IssueFacts = extractFacts(parsed)): LintMessage[] {
  const messages: LintMessage[] = [];
  for (const { rule, severity, options } of rules) {
    if (rule.scope !== 'file') continue;
    (rule as FileRule).check({
      config,
      options,
      parsed,
      issue: parsed.issue,
      facts,
      report: (report) => messages.push(toLintMessage(rule.id, severity, report)),
      nodePosition: (text, node): Position => nodePosition(parsed, text, node),
      textPosition: (text, start, end): Position => textPosition(parsed, text, start, end),
    });
  }
  return messages.sort(byPosition);
}

export function lintSource(source: IssueSource, rules: readonly ActiveRule[], config: Config, parseMarkdown?: MarkdownParser): FileOutcome {
  const parsed = parseIssue(source, parseMarkdown ? { parseMarkdown } : {});
  const facts = extractFacts(parsed);
  return { path: source.path, hash: source.hash, messages: runFileRules(parsed, rules, config, facts), facts };
}

export function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
